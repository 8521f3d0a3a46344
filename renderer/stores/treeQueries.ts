/**
 * Pure questions about the story tree that the UI asks: where a node sits, where a move or a
 * delete should leave things. No React, no store: tested in treeQueries.test.ts.
 */
import type { Project, StoryNode } from "../../shared/story/model";

/** Ids from the parent up to the root; empty for the root or an unknown id. */
export function ancestorIds(project: Project, id: string): string[] {
  const out: string[] = [];
  let cur = project.nodes[id]?.parentId ?? null;
  while (cur) {
    out.push(cur);
    cur = project.nodes[cur]?.parentId ?? null;
  }
  return out;
}

/** 0-based index among its siblings and how many siblings there are (1 of 1 for the root). */
export function positionOf(project: Project, id: string): { index: number; count: number } {
  const node = project.nodes[id];
  const parent = node?.parentId ? project.nodes[node.parentId] : undefined;
  if (!node || !parent) return { index: 0, count: 1 };
  return { index: Math.max(0, parent.childIds.indexOf(id)), count: parent.childIds.length };
}

/**
 * Where "move up / move down" puts a node. Within its parent it swaps with the neighbour; at the
 * edge it crosses into the previous / next parent of the same level (last place / first place),
 * which is how outliners let a scene move to the neighbouring beat. Null when it cannot move.
 */
export function moveTarget(project: Project, id: string, direction: "up" | "down"): { parentId: string; index: number } | null {
  const node = project.nodes[id];
  if (!node?.parentId) return null;
  const parent = project.nodes[node.parentId];
  if (!parent) return null;
  const i = parent.childIds.indexOf(id);
  if (direction === "up" && i > 0) return { parentId: parent.id, index: i - 1 };
  if (direction === "down" && i >= 0 && i < parent.childIds.length - 1) return { parentId: parent.id, index: i + 1 };
  const cousinParent = adjacentSameLevel(project, parent, direction);
  if (!cousinParent) return null;
  return { parentId: cousinParent.id, index: direction === "up" ? cousinParent.childIds.length : 0 };
}

/** The node before / after this one among all nodes of its level, in reading order. */
export function adjacentSameLevel(project: Project, node: StoryNode, direction: "up" | "down"): StoryNode | null {
  const sameLevel = readingOrder(project).filter((n) => n.level === node.level);
  const i = sameLevel.findIndex((n) => n.id === node.id);
  const next = sameLevel[direction === "up" ? i - 1 : i + 1];
  return i >= 0 && next ? next : null;
}

/** Every node, parents before children, in reading order. */
export function readingOrder(project: Project): StoryNode[] {
  const out: StoryNode[] = [];
  const walk = (id: string) => {
    const n = project.nodes[id];
    if (!n) return;
    out.push(n);
    for (const c of n.childIds) walk(c);
  };
  walk(project.rootId);
  return out;
}

/** What to select after deleting `id`: the next sibling, else the previous one, else the parent. */
export function selectionAfterDelete(project: Project, id: string): string | null {
  const node = project.nodes[id];
  const parent = node?.parentId ? project.nodes[node.parentId] : undefined;
  if (!node || !parent) return project.rootId;
  const i = parent.childIds.indexOf(id);
  return parent.childIds[i + 1] ?? parent.childIds[i - 1] ?? parent.id;
}

/**
 * The selection to keep when the project changes under it (undo of an insert, a delete elsewhere):
 * the node itself if it still exists, else its closest ancestor that does (looked up in the
 * previous project, where the vanished node still had a parent), else the root.
 */
export function survivingSelection(previous: Project | undefined, next: Project, id: string | null): string {
  if (id && next.nodes[id]) return id;
  if (id && previous) {
    for (const a of ancestorIds(previous, id)) if (next.nodes[a]) return a;
  }
  return next.rootId;
}
