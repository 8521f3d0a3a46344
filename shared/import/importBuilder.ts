/**
 * What both importers share: an outline being read (beats → scenes → lines, plus the premise), the
 * report of what was skipped, and the step that turns it into a valid Project.
 *
 * Imported text counts as written by the writer: every node is origin "written" with no provenance.
 * Like a node the writer inserts (operations.ts), each one records the inputs it sits under (basis and
 * placement), so a fresh import shows nothing as changed or stale.
 */
import { createProject } from "../story/create";
import { walkInputFingerprints } from "../story/fingerprint";
import { newId } from "../story/ids";
import type { Form, Level, StoryNode } from "../story/model";
import type { Placement } from "../story/placement";
import type { ImportOptions, ImportReport, ImportResult } from "../export/types";

export interface LineDraft {
  text: string;
  speaker?: string;
}
export interface SceneDraft {
  title: string;
  text: string;
  lines: LineDraft[];
}
export interface BeatDraft {
  title: string;
  text: string;
  scenes: SceneDraft[];
}

export class ImportBuilder {
  readonly beats: BeatDraft[] = [];
  readonly report: ImportReport;
  premise = "";

  /** `beatMark`/`sceneMark`: how the file marks a beat and a scene, for the notes ("a section", "a ## heading"). */
  constructor(
    format: ImportReport["format"],
    private readonly marks: { beat: string; scene: string },
  ) {
    this.report = { format, beats: 0, scenes: 0, lines: 0, skipped: [], notes: [] };
  }

  get beat(): BeatDraft | null {
    return this.beats[this.beats.length - 1] ?? null;
  }

  /** The open scene: the last scene of the last beat (null right after a new beat). */
  get scene(): SceneDraft | null {
    const b = this.beat;
    return b?.scenes[b.scenes.length - 1] ?? null;
  }

  addBeat(title: string): BeatDraft {
    const beat: BeatDraft = { title, text: "", scenes: [] };
    this.beats.push(beat);
    return beat;
  }

  addScene(title: string, line: number): SceneDraft {
    const beat = this.beat ?? this.implicitBeat(line, "a scene");
    const scene: SceneDraft = { title, text: "", lines: [] };
    beat.scenes.push(scene);
    return scene;
  }

  addLine(text: string, line: number, speaker?: string): void {
    const scene = this.scene ?? this.implicitScene(line);
    scene.lines.push(speaker ? { text, speaker } : { text });
  }

  private skippedTotal = 0;

  /** A part of the input not imported; the report lists the first MAX_SKIPPED and counts the rest. */
  skip(line: number, text: string, reason: string): void {
    if (++this.skippedTotal <= MAX_SKIPPED) this.report.skipped.push({ line, text: shorten(text), reason });
  }

  private readonly noteSet = new Set<string>();

  note(message: string): void {
    if (this.noteSet.has(message)) return;
    this.noteSet.add(message);
    this.report.notes.push(message);
  }

  private readonly noted = new Set<string>();
  private readonly counted = new Map<string, { at: number; count: number; first: number; say: (count: number, first: number) => string }>();

  /**
   * A note for a kind of thing that may recur on many lines: one note per kind, with how many and the
   * first line ("312 deeper headings … first at line 4"), written when the report is built.
   */
  noteCount(key: string, line: number, say: (count: number, first: number) => string): void {
    const c = this.counted.get(key);
    if (c) c.count++;
    else {
      this.counted.set(key, { at: this.report.notes.length, count: 1, first: line, say });
      this.report.notes.push("");
    }
  }

  /** A note said once per kind of thing ("first at line N"), however often the thing recurs. */
  noteOnce(key: string, message: string): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.note(message);
  }

  private implicitBeat(line: number, what: string): BeatDraft {
    this.note(`Line ${line}: ${what} before the first ${this.marks.beat} was put in an untitled beat.`);
    return this.addBeat("");
  }

  private implicitScene(line: number): SceneDraft {
    const beat = this.beat ?? this.implicitBeat(line, "text");
    const scene = this.marks.scene;
    this.noteCount("untitled-scene", line, (n, first) =>
      n === 1
        ? `Line ${first}: text before the first ${scene} of its beat was put in an untitled scene.`
        : `In ${n} beats, text before the first ${scene} was put in an untitled scene (first at line ${first}).`,
    );
    const draft: SceneDraft = { title: "", text: "", lines: [] };
    beat.scenes.push(draft);
    return draft;
  }

  /** The project and the report. `fileName` names the file in the note an empty import gets. */
  build(input: { title: string; form: Form; fileName: string }, opts: ImportOptions): ImportResult {
    const now = opts.now ?? new Date().toISOString();
    const project = createProject({ title: input.title || opts.fallbackTitle, form: input.form, premise: this.premise.trim() }, now);
    const add = (parent: StoryNode, level: Exclude<Level, "premise">, fields: { title: string; text: string; speaker?: string }): StoryNode => {
      const node: StoryNode = { id: newId(level), level, parentId: parent.id, childIds: [], title: fields.title, text: fields.text, origin: "written", locked: false, alts: [] };
      if (fields.speaker) node.speaker = fields.speaker;
      project.nodes[node.id] = node;
      parent.childIds.push(node.id);
      return node;
    };
    const root = project.nodes[project.rootId]!;
    for (const b of this.beats) {
      const beat = add(root, "beat", { title: b.title.trim(), text: b.text.trim() });
      for (const s of b.scenes) {
        const scene = add(beat, "scene", { title: s.title.trim(), text: s.text.trim() });
        for (const l of s.lines) add(scene, "line", { title: "", text: l.text.trim(), ...(l.speaker ? { speaker: l.speaker } : {}) });
      }
    }
    const r = this.report;
    r.beats = this.beats.length;
    r.scenes = this.beats.reduce((n, b) => n + b.scenes.length, 0);
    r.lines = this.beats.reduce((n, b) => n + b.scenes.reduce((m, s) => m + s.lines.length, 0), 0);
    if (r.beats + r.scenes + r.lines === 0) this.note(`Nothing in ${input.fileName} could be read as a beat, scene or line.`);
    for (const c of this.counted.values()) r.notes[c.at] = c.say(c.count, c.first);
    if (this.skippedTotal > MAX_SKIPPED) {
      r.skippedTotal = this.skippedTotal;
      this.note(`…and ${(this.skippedTotal - MAX_SKIPPED).toLocaleString("en")} more skipped parts not listed.`);
    }
    // Written now, against the inputs it sits under now (as operations.ts does for inserted nodes).
    // placementForChildOf's result, with each parent's place among its siblings looked up in a map
    // (placementForChildOf finds it with indexOf: quadratic over 100k beats).
    const at = new Map<string, number>();
    for (const n of Object.values(project.nodes)) n.childIds.forEach((id, i) => at.set(id, i));
    const placements = new Map<string, Placement>();
    const placementOf = (parent: StoryNode): Placement => {
      const grandparentId = parent.parentId ?? null;
      const siblings = grandparentId ? (project.nodes[grandparentId]?.childIds ?? []) : [];
      const i = grandparentId ? (at.get(parent.id) ?? -1) : -1;
      const [beforeId, afterId] = [i > 0 ? siblings[i - 1] : undefined, i >= 0 ? siblings[i + 1] : undefined];
      return { parentId: parent.id, grandparentId, ...(beforeId !== undefined ? { beforeId } : {}), ...(afterId !== undefined ? { afterId } : {}) };
    };
    walkInputFingerprints(project, (child, fingerprint, parent) => {
      if (!placements.has(parent.id)) placements.set(parent.id, placementOf(parent));
      child.basis = fingerprint;
      child.placement = { ...placements.get(parent.id)! };
    });
    return { project, report: r };
  }
}

/** At most this many skipped parts are listed in a report (the rest are counted in `skippedTotal`). */
export const MAX_SKIPPED = 200;

/** Text for a report: one line, control characters shown as "?", at most 120 characters. */
export function shorten(text: string): string {
  const one = text.replace(/\s+/g, " ").replace(/[\p{Cc}\uFFFD]/gu, "?").trim();
  return one.length > 120 ? `${one.slice(0, 119)}…` : one;
}

/**
 * Input that is not text: a NUL, or many other C0 control characters (tab, CR, LF and form feed are
 * text). U+FFFD is not counted: it is what a UTF-8 decoder makes of Latin-1 / cp1252 bytes, and such
 * text is kept (see `noteUndecodable`).
 */
export function looksBinary(text: string): boolean {
  if (text.includes("\0")) return true;
  const sample = text.slice(0, 8192);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.02;
}

/** Says how many characters of the text could not be decoded (U+FFFD), if any. */
export function noteUndecodable(text: string, b: ImportBuilder): void {
  let n = 0;
  for (let at = text.indexOf("\uFFFD"); at >= 0; at = text.indexOf("\uFFFD", at + 1)) n++;
  if (n)
    b.note(
      `${n.toLocaleString("en")} character${n === 1 ? "" : "s"} could not be decoded as UTF-8; save the file as UTF-8 and import again for the exact text.`,
    );
}

/** Newlines as "\n", no byte-order mark. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}
