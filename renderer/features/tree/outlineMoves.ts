/**
 * Where the outline's moves put a node, as pure functions of the project; the caller applies the
 * result as `moveNode` (whose index counts the target's children with the moved node taken out).
 *
 * Rules that hold: a node only ever lands under a parent one level up (the model's invariant), the
 * premise never moves, and a move that would leave the node where it is returns null, so no empty
 * history entry is recorded. Tested in outlineMoves.test.ts.
 */
import { childLevel, type Project } from "../../../shared/story/model";
import { adjacentSameLevel } from "../../stores/treeQueries";

/** "before": the node goes right before the row dropped on; "into": at the end of that row's children. */
export type DropPlacement = "before" | "into";

export interface OutlineMove {
  parentId: string;
  index: number;
}

export interface OutlineDrop extends OutlineMove {
  placement: DropPlacement;
}

/**
 * Dropping the row of `draggedId` on the row of `overId`: onto a row of its own level it goes
 * before that row (under that row's parent, which may be another one); onto a row one level up
 * (a scene on a beat) it goes last under that row. Null for any other row, or for no change.
 */
export function outlineDrop(project: Project, draggedId: string, overId: string): OutlineDrop | null {
  const dragged = project.nodes[draggedId];
  const over = project.nodes[overId];
  if (!dragged?.parentId || !over || draggedId === overId) return null;

  if (over.level === dragged.level && over.parentId) {
    const parent = project.nodes[over.parentId];
    if (!parent) return null;
    const index = parent.childIds.filter((id) => id !== draggedId).indexOf(overId);
    if (index < 0 || isWhereItIs(project, draggedId, parent.id, index)) return null;
    return { parentId: parent.id, index, placement: "before" };
  }
  if (childLevel(over.level) === dragged.level) {
    const index = over.childIds.filter((id) => id !== draggedId).length;
    if (isWhereItIs(project, draggedId, over.id, index)) return null;
    return { parentId: over.id, index, placement: "into" };
  }
  return null;
}

/**
 * "Move to…" the neighbouring parent: the end of the previous parent of the same level ("prev"), or
 * the start of the next one ("next") — a scene to the previous or next beat. Null for beats (their
 * parent, the premise, is the only one) and at the first / last parent.
 */
export function adjacentParentMove(project: Project, nodeId: string, direction: "prev" | "next"): OutlineMove | null {
  const node = project.nodes[nodeId];
  const parent = node?.parentId ? project.nodes[node.parentId] : undefined;
  if (!node || !parent?.parentId) return null;
  const target = adjacentSameLevel(project, parent, direction === "prev" ? "up" : "down");
  if (!target) return null;
  return { parentId: target.id, index: direction === "prev" ? target.childIds.length : 0 };
}

function isWhereItIs(project: Project, nodeId: string, parentId: string, index: number): boolean {
  const node = project.nodes[nodeId];
  return node?.parentId === parentId && project.nodes[parentId]?.childIds.indexOf(nodeId) === index;
}
