/**
 * Placement: where a node's text was made, as continuity inputs compared by identity.
 *
 * A node's generation prompt shows the model its parent, the parent's ancestors, and the parent's two
 * neighbours (assemble.ts). Content changes are caught by the inputs fingerprint (fingerprint.ts);
 * placement catches structure: the node moved to another parent, its parent moved, or the parent's
 * neighbours are no longer the ones the text was written next to (a scene moved away from beside it,
 * or into place beside it, or deleted).
 *
 * Must hold:
 * - a placement only changes when a node is (re)generated, written, inserted or acknowledged, never by
 *   a move, so undoing a move makes everything fresh again;
 * - neighbour *content* is not a placement input (editing beat 2 does not flag the scenes of beat 3);
 * - nodes without a placement (made before placements were recorded) are judged by fingerprint alone.
 */
import { childLevel, LEVELS, type Level, type Project, type StoryNode } from "./model";

export interface Placement {
  /** The node's parent when its text was made. */
  parentId: string;
  /** The parent's own parent then (null under the premise). */
  grandparentId: string | null;
  /** The parent's previous and next siblings then; absent at either end. */
  beforeId?: string;
  afterId?: string;
}

/** Where the parent of a child sits now: its own parent and its two neighbours. */
export interface ParentContext {
  grandparentId: string | null;
  beforeId: string | undefined;
  afterId: string | undefined;
}

/** The placement a new (or regenerated) child of `parentId` is made at now. */
export function placementForChildOf(project: Project, parentId: string): Placement {
  const ctx = parentContextOf(project, parentId);
  return {
    parentId,
    grandparentId: ctx.grandparentId,
    ...(ctx.beforeId !== undefined ? { beforeId: ctx.beforeId } : {}),
    ...(ctx.afterId !== undefined ? { afterId: ctx.afterId } : {}),
  };
}

/** One parent's context, looked up directly (O(siblings)). */
export function parentContextOf(project: Project, parentId: string): ParentContext {
  const parent = project.nodes[parentId];
  const grandparentId = parent?.parentId ?? null;
  const siblings = grandparentId ? (project.nodes[grandparentId]?.childIds ?? []) : [];
  const i = siblings.indexOf(parentId);
  return { grandparentId, beforeId: i > 0 ? siblings[i - 1] : undefined, afterId: i >= 0 ? siblings[i + 1] : undefined };
}

/**
 * Why the node's placement no longer holds, in a writer's words; null when it still holds (or the
 * node has no placement). `ctx` is the current context of the node's parent.
 */
export function placementChange(project: Project, node: StoryNode, ctx: ParentContext | undefined): string | null {
  const p = node.placement;
  if (!p || !node.parentId || !ctx) return null;
  const parentLevel = levelAbove(node.level);
  if (p.parentId !== node.parentId) {
    return `Moved from ${placeName(project, p.parentId, parentLevel)} to ${placeName(project, node.parentId, parentLevel)}`;
  }
  const parent = project.nodes[node.parentId];
  if (!parent) return null;
  const its = `its ${parent.level}`;
  if (p.grandparentId !== ctx.grandparentId) {
    const above = levelAbove(parent.level);
    return `${capitalize(its)} moved from ${placeName(project, p.grandparentId, above)} to ${placeName(project, ctx.grandparentId, above)}`;
  }
  const beforeChanged = p.beforeId !== ctx.beforeId;
  const afterChanged = p.afterId !== ctx.afterId;
  if (!beforeChanged && !afterChanged) return null;
  // Both old neighbours still beside each other elsewhere in the same parent: the parent itself moved.
  if (beforeChanged && afterChanged && movedWithin(project, parent, p)) {
    return `${capitalize(its)} moved: it is now ${placeName(project, parent.id, parent.level)}`;
  }
  return beforeChanged
    ? neighbourChange(project, parent, "before", p.beforeId, ctx.beforeId)
    : neighbourChange(project, parent, "after", p.afterId, ctx.afterId);
}

function neighbourChange(project: Project, parent: StoryNode, side: "before" | "after", was: string | undefined, now: string | undefined): string {
  const lvl = parent.level;
  const old = was ? nodeAt(project, was) : undefined;
  if (was && !old) return `The ${lvl} ${side} its ${lvl} was deleted`;
  if (old && old.parentId !== parent.parentId) {
    return `The ${lvl} ${side} its ${lvl} (${quote(old)}) moved to ${placeName(project, old.parentId, levelAbove(lvl))}`;
  }
  const fresh = now ? nodeAt(project, now) : undefined;
  if (fresh) return `${capitalize(`${lvl} ${quote(fresh)}`)} now comes ${side} its ${lvl}`;
  return side === "before" ? `Its ${lvl} now comes first` : `Its ${lvl} now comes last`;
}

/** Whether the parent left its old neighbours (still siblings of each other) rather than they left it. */
function movedWithin(project: Project, parent: StoryNode, p: Placement): boolean {
  const siblings = parent.parentId ? (project.nodes[parent.parentId]?.childIds ?? []) : [];
  const b = p.beforeId === undefined ? -1 : siblings.indexOf(p.beforeId);
  const a = p.afterId === undefined ? siblings.length : siblings.indexOf(p.afterId);
  if ((p.beforeId !== undefined && b < 0) || (p.afterId !== undefined && a < 0)) return false;
  return a === b + 1;
}

/** "beat 2", "scene 3 of beat 2", "the premise"; "a beat since deleted" for an id that is gone. */
export function placeName(project: Project, id: string | null, level: Level): string {
  if (id === null) return "the top";
  const node = nodeAt(project, id);
  if (!node) return `a ${level} since deleted`;
  if (!node.parentId) return `the ${node.level}`;
  const parent = project.nodes[node.parentId];
  const n = (parent?.childIds.indexOf(id) ?? -1) + 1;
  const own = `${node.level} ${n}`;
  return parent && parent.parentId ? `${own} of ${placeName(project, parent.id, parent.level)}` : own;
}

/**
 * A node by an id recorded in a placement. WARNING: such ids come from the file and may name nodes
 * deleted since — or, in a damaged or crafted file, "constructor": never index the map with them bare.
 */
function nodeAt(project: Project, id: string): StoryNode | undefined {
  return Object.hasOwn(project.nodes, id) ? project.nodes[id] : undefined;
}

function levelAbove(level: Level): Level {
  return LEVELS.find((l) => childLevel(l) === level) ?? "premise";
}

function quote(node: StoryNode): string {
  const words = (node.title || node.text).trim().replace(/\s+/g, " ");
  if (!words) return "untitled";
  return `“${words.length > 32 ? `${words.slice(0, 31)}…` : words}”`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
