/**
 * The story model: one project document holding a tree of nodes in a flat map.
 *
 * Rules that must hold (checked by `validateProjectShape` in storage and by tests):
 * - exactly one root, the premise (`rootId`), with `parentId: null`;
 * - every other node's `parentId` names an existing node one level up, and that parent's
 *   `childIds` lists it exactly once;
 * - staleness is never stored: it is derived from `basis` (see staleness.ts).
 */
import type { FilterSettings } from "../filter/types";
import type { Placement } from "./placement";
import type { SamplingProfile } from "./sampling";

export const LEVELS = ["premise", "beat", "scene", "line"] as const;
export type Level = (typeof LEVELS)[number];

/** Who put the current text there. */
export type Origin = "generated" | "edited" | "written";

export type Form = "prose" | "screenplay";

export const SCHEMA_VERSION = 1;

/** Where a generated text came from. Kept on nodes and on alts. */
export interface Provenance {
  modelId: string;
  seed: number;
  sampling: SamplingProfile;
  templateVersion: string;
  /** ISO time of generation. */
  at: string;
}

/** A text a node once had or could have: replaced text is never dropped, it becomes an alt. */
export interface Alt {
  id: string;
  title: string;
  text: string;
  speaker?: string;
  origin: Origin;
  /**
   * Why it is here: the node's text was replaced by a regeneration, or by swapping in another alt, or
   * by the writer; or it was generated as an alternate to the node's text ("generated").
   */
  reason: AltReason;
  createdAt: string;
  provenance?: Provenance;
  // Mining, all optional (absent = not starred, not rejected, no tags, no note, not scored).
  /** Kept by the writer: starred alts make up the binder. */
  starred?: boolean;
  /** Hidden by the writer (never deleted). */
  rejected?: boolean;
  /** The writer's tags, normalised: trimmed, lower case, no duplicates (see `normalizeTags`). */
  tags?: string[];
  note?: string;
  /** The model's per-token normalised log-probability of the text (higher = more likely); set by the engine. */
  score?: number;
  /**
   * Present on a premise's *outline* alts: a whole alternative list of beats (title + text, with the
   * origin each had). `text` then holds a one-paragraph digest for display and search.
   */
  outline?: OutlineBeat[];
}

export interface OutlineBeat {
  title: string;
  text: string;
  origin: Origin;
  /** The beat's own alts, kept with it while its outline is swapped out (restored when swapped back). */
  alts?: Alt[];
}

export const ALT_REASONS = ["replaced-by-regeneration", "replaced-by-alt", "replaced-by-writer", "generated"] as const;
export type AltReason = (typeof ALT_REASONS)[number];

/** Bounds on the writer's alt annotations (checked by the IPC contract and the project file schema). */
export const ALT_LIMITS = { tags: 20, tagLength: 40, noteLength: 2_000 } as const;

export interface StoryNode {
  id: string;
  level: Level;
  parentId: string | null;
  childIds: string[];
  /** Short heading: a beat's or scene's title (a scene heading in a screenplay). Empty for premise and lines. */
  title: string;
  /** The body: premise text, beat summary, scene card, or a line of prose / dialogue. */
  text: string;
  /** Screenplay lines: the character speaking; empty for action and prose. */
  speaker?: string;
  origin: Origin;
  locked: boolean;
  /**
   * Fingerprint of the inputs this text was made against: for generated text, the inputs of the
   * generation; for written or edited text, the inputs the writer last saw. Absent on the premise.
   */
  basis?: string;
  /**
   * Where the text was made (parent, and the parent's place and neighbours then); compared by
   * identity so moves flag what they disturb (placement.ts). Absent on the premise and on old files.
   */
  placement?: Placement;
  /** For generated (and edited-from-generated) text: how it was generated. */
  provenance?: Provenance;
  /** The writer's steer for generating this node's children ("darker", "more about the landlord"). */
  angle?: string;
  alts: Alt[];
}

export interface Bible {
  characters: string;
  setting: string;
  tone: string;
}

export interface ProjectSettings {
  form: Form;
  /** How many children a fresh generation asks for, per child level. */
  childCount: Record<Exclude<Level, "premise">, number>;
  sampling: Record<Level, SamplingProfile>;
  /** The style-name filter's settings; absent = defaults (filterSettings.ts). */
  filter?: FilterSettings;
}

/**
 * One undoable step: the node records before and after (null = absent), plus the bible, the title
 * and the project settings if they changed.
 */
export interface Patch {
  before: Record<string, StoryNode | null>;
  after: Record<string, StoryNode | null>;
  bibleBefore?: Bible;
  bibleAfter?: Bible;
  titleBefore?: string;
  titleAfter?: string;
  settingsBefore?: ProjectSettings;
  settingsAfter?: ProjectSettings;
}

export interface HistoryEntry {
  id: string;
  label: string;
  /** user = a writer's action; generation = the model's output applied; cascade = a whole regenerate-below run. */
  source: "user" | "generation" | "cascade";
  at: string;
  /** Entries with the same key recorded back to back merge into one (typing in one node, one cascade). */
  key?: string;
  patch: Patch;
}

export interface History {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

export interface Project {
  schemaVersion: number;
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  settings: ProjectSettings;
  bible: Bible;
  rootId: string;
  nodes: Record<string, StoryNode>;
  history: History;
}

/** The level whose nodes are generated as children of a node at `level`, or null for lines. */
export function childLevel(level: Level): Exclude<Level, "premise"> | null {
  const i = LEVELS.indexOf(level);
  const next = LEVELS[i + 1];
  return next && next !== "premise" ? next : null;
}

/** Throws when the node is missing: callers pass ids that came from the same project. */
export function getNode(project: Project, id: string): StoryNode {
  const node = project.nodes[id];
  if (!node) throw new Error(`No node with id ${id}`);
  return node;
}

/** Ancestors from the parent up to the root. */
export function ancestors(project: Project, id: string): StoryNode[] {
  const out: StoryNode[] = [];
  let cur = getNode(project, id).parentId;
  while (cur) {
    const n = getNode(project, cur);
    out.push(n);
    cur = n.parentId;
  }
  return out;
}

/** The node and all its descendants, parents before children, in reading order. */
export function subtree(project: Project, id: string): StoryNode[] {
  const out: StoryNode[] = [];
  const walk = (nid: string) => {
    const n = getNode(project, nid);
    out.push(n);
    for (const c of n.childIds) walk(c);
  };
  walk(id);
  return out;
}

/** Whether a cascade may replace this node's text: only untouched model output. */
export function isReplaceable(node: StoryNode): boolean {
  return node.origin === "generated" && !node.locked;
}

export const DEFAULT_CHILD_COUNT: ProjectSettings["childCount"] = { beat: 6, scene: 3, line: 6 };
