/**
 * Turns the story tree into the rows the outline shows, in reading order: collapsed nodes hide
 * their children, streamed items replace the text of the nodes they are rewriting, and items for
 * children that do not exist yet appear as ghost rows. Pure; tested in flattenTree.test.ts.
 */
import { childLevel as childLevelOf, type Level, type Origin, type Project } from "../../../shared/story/model";
import type { Freshness, NodeStatus } from "../../../shared/story/staleness";
import { summarize } from "./nodeText";
import { overlayOf, type StreamLike } from "./streamOverlay";

export type Activity = "queued" | "running";

export interface NodeRow {
  kind: "node";
  id: string;
  level: Level;
  depth: number;
  /** 1-based position among its siblings. */
  number: number;
  /** How many siblings it has, itself included (aria-setsize). */
  siblings: number;
  summary: string;
  /** The summary is a placeholder: nothing is written yet. */
  empty: boolean;
  origin: Origin;
  locked: boolean;
  freshness: Freshness;
  reason: string;
  hasChildren: boolean;
  expanded: boolean;
  /** The shown text is arriving from the model right now. */
  streaming: boolean;
  /** A job is (or will be) writing this node's children. */
  activity: Activity | null;
}

export interface GhostRow {
  kind: "ghost";
  key: string;
  parentId: string;
  level: Level;
  depth: number;
  number: number;
  summary: string;
}

export type TreeRow = NodeRow | GhostRow;

export interface FlattenInput {
  collapsed: Record<string, true>;
  statuses: Map<string, NodeStatus>;
  /** Live streams by the parent they write under. */
  streams: Map<string, StreamLike>;
  /** Queued or running jobs by the parent they write under. */
  activity: Map<string, Activity>;
}

const FRESH: NodeStatus = { freshness: "fresh", reason: "" };

export function flattenTree(project: Project, input: FlattenInput): TreeRow[] {
  const rows: TreeRow[] = [];
  const form = project.settings.form;
  // Overlays are per parent; a node's own overlay entry comes from its parent's stream.
  const replacing = new Map<string, { title: string; text: string; speaker?: string }>();
  for (const stream of input.streams.values()) for (const [id, item] of overlayOf(stream).replacing) replacing.set(id, item);

  const visit = (id: string, depth: number, number: number, siblings: number) => {
    const node = project.nodes[id];
    if (!node) return;
    const live = replacing.get(id);
    const shown = live ? { level: node.level, title: live.title, text: live.text, speaker: live.speaker } : node;
    const summary = summarize(shown, form);
    const ghosts = overlayOf(input.streams.get(id)).ghosts;
    const expanded = !input.collapsed[id];
    const status = input.statuses.get(id) ?? FRESH;
    rows.push({
      kind: "node",
      id,
      level: node.level,
      depth,
      number,
      siblings,
      summary: summary.text,
      empty: summary.empty,
      origin: node.origin,
      locked: node.locked,
      freshness: status.freshness,
      reason: status.reason,
      hasChildren: node.childIds.length > 0 || ghosts.length > 0,
      expanded,
      streaming: live !== undefined,
      activity: input.activity.get(id) ?? null,
    });
    if (!expanded) return;
    node.childIds.forEach((childId, i) => visit(childId, depth + 1, i + 1, node.childIds.length));
    const childLevel = childLevelOf(node.level);
    if (!childLevel) return;
    ghosts.forEach((item, i) => {
      const n = node.childIds.length + i + 1;
      rows.push({
        kind: "ghost",
        key: `${id}:ghost:${i}`,
        parentId: id,
        level: childLevel,
        depth: depth + 1,
        number: n,
        summary: ghostSummary(summarize({ level: childLevel, ...item }, form)),
      });
    });
  };
  visit(project.rootId, 0, 1, 1);
  return rows;
}

/** A ghost whose first words have not arrived yet shows nothing (the row pulses instead). */
function ghostSummary(s: { text: string; empty: boolean }): string {
  return s.empty ? "" : s.text;
}
