/**
 * Restructuring operations for editors: split a node's children into a new sibling, merge two
 * adjacent siblings, duplicate a subtree. Like every operation they are pure (project → draft) and
 * undone exactly by their patch; none of them drops a word: a merge keeps both texts (and the second
 * node's title as a heading line), both sets of children and both sets of alts.
 */
import { newId } from "./ids";
import type { Alt, StoryNode } from "./model";
import { OperationError } from "./operationError";
import type { Placement } from "./placement";
import type { Draft } from "./patch";

export type StructureOperation =
  /** Moves `atChildId` and the children after it into a new sibling placed right after the node. */
  | { type: "splitNode"; nodeId: string; atChildId: string; id?: string }
  /** Merges `withId` (the next sibling) into `nodeId`: texts joined, children and alts appended. */
  | { type: "mergeNodes"; nodeId: string; withId: string }
  /** Copies the node and everything below it (new ids, alts included), placed right after it. */
  | { type: "duplicateNode"; nodeId: string };

export const STRUCTURE_OPERATION_TYPES = ["splitNode", "mergeNodes", "duplicateNode"] as const satisfies ReadonlyArray<StructureOperation["type"]>;

export function isStructureOperation(op: { type: string }): op is StructureOperation {
  return (STRUCTURE_OPERATION_TYPES as readonly string[]).includes(op.type);
}

export function structureOperationLabel(op: StructureOperation, level: string): string {
  switch (op.type) {
    case "splitNode":
      return `Split ${level}`;
    case "mergeNodes":
      return `Merge ${level}s`;
    case "duplicateNode":
      return `Duplicate ${level}`;
  }
}

export function applyStructureOperation(d: Draft, op: StructureOperation): void {
  switch (op.type) {
    case "splitNode":
      return split(d, op.nodeId, op.atChildId, op.id);
    case "mergeNodes":
      return merge(d, op.nodeId, op.withId);
    case "duplicateNode":
      return duplicate(d, op.nodeId);
  }
}

function need(d: Draft, id: string): StoryNode {
  if (!d.has(id)) throw new OperationError(`No node with id ${id}`);
  return d.get(id);
}

function parentOf(d: Draft, n: StoryNode): StoryNode {
  if (!n.parentId) throw new OperationError(`The ${n.level} cannot be split, merged or duplicated`);
  return d.get(n.parentId);
}

function split(d: Draft, nodeId: string, atChildId: string, id?: string): void {
  const n = need(d, nodeId);
  const parent = parentOf(d, n);
  const at = n.childIds.indexOf(atChildId);
  if (at < 0) throw new OperationError(`${atChildId} is not below this ${n.level}`);
  if (at === 0) throw new OperationError(`Split at a later part: splitting at the first one would leave this ${n.level} empty`);
  const newIdValue = id ?? newId(n.level);
  if (d.has(newIdValue)) throw new OperationError(`A node with id ${newIdValue} already exists`);
  const moved = n.childIds.slice(at);
  const second: StoryNode = {
    id: newIdValue,
    level: n.level,
    parentId: parent.id,
    childIds: moved,
    title: continuedTitle(n.title),
    text: "",
    origin: "written",
    locked: false,
    alts: [],
    // Its inputs are its parent's, as for the original: the new node is as fresh as the one it came from.
    ...(n.basis !== undefined ? { basis: n.basis } : {}),
    ...(n.placement !== undefined ? { placement: n.placement } : {}),
  };
  d.put(second);
  d.update(n.id, { childIds: n.childIds.slice(0, at) });
  for (const c of moved) d.update(c, { parentId: second.id });
  const i = parent.childIds.indexOf(n.id);
  d.update(parent.id, { childIds: [...parent.childIds.slice(0, i + 1), second.id, ...parent.childIds.slice(i + 1)] });
}

function merge(d: Draft, nodeId: string, withId: string): void {
  const a = need(d, nodeId);
  const b = need(d, withId);
  const parent = parentOf(d, a);
  const i = parent.childIds.indexOf(a.id);
  if (b.parentId !== parent.id || parent.childIds[i + 1] !== b.id) throw new OperationError(`Only a ${a.level} and the one right after it can be merged`);
  if (a.level === "line" && (a.speaker ?? "") !== (b.speaker ?? "")) throw new OperationError("Lines of two different speakers cannot be merged");
  // Nothing is dropped: b's title (when it says something a's does not) becomes a heading line of the
  // text. The title a split made ("X (continued)") says nothing new: merging a split back restores it.
  const heading = b.title && b.title !== a.title && b.title !== continuedTitle(a.title) ? b.title : "";
  const text = [a.text, heading, b.text].filter((s) => s.trim() !== "").join("\n\n");
  const changes: Partial<StoryNode> = {
    title: a.title || b.title,
    text,
    childIds: [...a.childIds, ...b.childIds],
    alts: [...a.alts, ...b.alts],
    locked: a.locked || b.locked,
  };
  // Merged text is the writer's doing: a generated node that took in more words is now edited.
  if (text !== a.text && a.origin === "generated") changes.origin = "edited";
  if (!a.angle && b.angle) changes.angle = b.angle;
  d.update(a.id, changes);
  for (const c of b.childIds) d.update(c, { parentId: a.id });
  d.update(parent.id, { childIds: parent.childIds.filter((c) => c !== b.id) });
  d.remove(b.id);
}

function duplicate(d: Draft, nodeId: string): void {
  const n = need(d, nodeId);
  const parent = parentOf(d, n);
  // New ids for the whole subtree first, so placements inside the copy can point at the copies.
  const ids = new Map<string, string>();
  const assign = (id: string) => {
    const src = d.get(id);
    ids.set(id, newId(src.level));
    for (const c of src.childIds) assign(c);
  };
  assign(n.id);
  const to = (id: string) => ids.get(id) ?? id;
  const copy = (id: string, parentId: string): string => {
    const src = d.get(id);
    const next: StoryNode = { ...src, id: to(id), parentId, childIds: src.childIds.map(to), alts: src.alts.map(copyAlt) };
    if (src.placement) next.placement = copyPlacement(src.placement, to);
    d.put(next);
    for (const c of src.childIds) copy(c, next.id);
    return next.id;
  };
  const dup = copy(n.id, parent.id);
  const i = parent.childIds.indexOf(n.id);
  d.update(parent.id, { childIds: [...parent.childIds.slice(0, i + 1), dup, ...parent.childIds.slice(i + 1)] });
}

/** The title of the second half of a split. */
function continuedTitle(title: string): string {
  return title ? `${title} (continued)` : "";
}

function copyPlacement(p: Placement, to: (id: string) => string): Placement {
  const out: Placement = { parentId: to(p.parentId), grandparentId: p.grandparentId === null ? null : to(p.grandparentId) };
  if (p.beforeId !== undefined) out.beforeId = to(p.beforeId);
  if (p.afterId !== undefined) out.afterId = to(p.afterId);
  return out;
}

function copyAlt(alt: Alt): Alt {
  return { ...alt, id: newId("alt") };
}
