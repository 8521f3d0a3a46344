/**
 * The board's moves as story operations: beats are columns, scenes are cards. A drag, a keyboard
 * move or the "Move to beat…" menu all end in one `moveNode` op (or null when nothing would change,
 * so a drop back in place adds no history entry). Pure; tested in boardMoves.test.ts.
 *
 * Must hold: `index` is the position in the target's childIds after the node is removed from its
 * source (what `moveNode` in shared/story/operations.ts expects).
 */
import type { Project } from "../../../shared/story/model";

export interface MoveOp {
  type: "moveNode";
  nodeId: string;
  parentId: string;
  index: number;
}

/** What the board shows: beat ids in order and each beat's scene ids in order. */
export interface BoardLayout {
  beatIds: string[];
  scenesByBeat: Record<string, string[]>;
}

/** The layout of the project as it is (the premise's beats and their scenes). */
export function layoutOf(project: Project): BoardLayout {
  const beatIds = [...(project.nodes[project.rootId]?.childIds ?? [])];
  const scenesByBeat: Record<string, string[]> = {};
  for (const b of beatIds) scenesByBeat[b] = [...(project.nodes[b]?.childIds ?? [])];
  return { beatIds, scenesByBeat };
}

/** Whether a board id is one of the layout's beats (own keys only: ids are data, not property names). */
export function isBeatId(layout: BoardLayout, id: string): boolean {
  return Object.hasOwn(layout.scenesByBeat, id);
}

/** The beat a board id belongs to: a beat is its own container, a scene sits in its beat; null if neither. */
export function containerOf(layout: BoardLayout, id: string): string | null {
  if (isBeatId(layout, id)) return id;
  for (const b of layout.beatIds) if (layout.scenesByBeat[b]?.includes(id)) return b;
  return null;
}

/**
 * While a scene is dragged over another beat, the layout with it shown there: before the scene it
 * is over (after it when `below`), or last when over the column itself. Returns the same layout
 * when the scene is already in that beat (sorting within a beat is the sortable preset's job).
 */
export function moveAcross(layout: BoardLayout, activeId: string, overId: string, below = false): BoardLayout {
  const from = containerOf(layout, activeId);
  const to = containerOf(layout, overId);
  if (!from || !to || from === to || isBeatId(layout, activeId)) return layout;
  const target = layout.scenesByBeat[to] ?? [];
  const overIndex = target.indexOf(overId);
  const at = overIndex < 0 ? target.length : overIndex + (below ? 1 : 0);
  return {
    beatIds: layout.beatIds,
    scenesByBeat: {
      ...layout.scenesByBeat,
      [from]: (layout.scenesByBeat[from] ?? []).filter((id) => id !== activeId),
      [to]: [...target.slice(0, at), activeId, ...target.slice(at)],
    },
  };
}

/**
 * The op for a drop. `layout` is what the board showed while dragging (a scene dragged into another
 * beat already sits there; see `moveAcross`); by default the project's own layout. Dropping a scene
 * on a scene takes that scene's place (as the sortable preset shows it); on a column, it stays where
 * the drag showed it, else goes last.
 * Dropping a beat on a beat (or on one of its scenes) takes that beat's place.
 */
export function dropOp(project: Project, activeId: string, overId: string | null, layout: BoardLayout = layoutOf(project)): MoveOp | null {
  if (overId === null) return null;
  const node = project.nodes[activeId];
  if (!node?.parentId) return null;
  if (node.level === "beat") {
    const overBeat = containerOf(layout, overId);
    if (!overBeat) return null;
    return opIfChanged(project, activeId, project.rootId, layout.beatIds.indexOf(overBeat));
  }
  if (node.level !== "scene") return null;
  const from = containerOf(layout, activeId);
  const to = containerOf(layout, overId);
  if (!from || !to) return null;
  const list = layout.scenesByBeat[to] ?? [];
  if (from !== to) {
    // Not shown in that beat yet: take the place of the scene it is over, or go last on a column.
    return opIfChanged(project, activeId, to, overId === to ? list.length : list.indexOf(overId));
  }
  // Shown in this beat (its own, or dragged in): the sortable preset's arrayMove(from, over).
  return opIfChanged(project, activeId, to, overId === to ? list.indexOf(activeId) : list.indexOf(overId));
}

/** The layout once `op` is applied: what the board keeps showing after a drop until main confirms it. */
export function layoutAfter(layout: BoardLayout, op: MoveOp): BoardLayout {
  const insert = (ids: string[]) => {
    const rest = ids.filter((id) => id !== op.nodeId);
    return [...rest.slice(0, op.index), op.nodeId, ...rest.slice(op.index)];
  };
  if (isBeatId(layout, op.nodeId)) return { ...layout, beatIds: insert(layout.beatIds) };
  const scenesByBeat: Record<string, string[]> = {};
  for (const b of layout.beatIds) {
    const ids = layout.scenesByBeat[b] ?? [];
    scenesByBeat[b] = b === op.parentId ? insert(ids) : ids.includes(op.nodeId) ? ids.filter((id) => id !== op.nodeId) : ids;
  }
  return { beatIds: layout.beatIds, scenesByBeat };
}

/** Alt+←/→ on a card: the scene goes last in the previous / next beat; null at the first / last beat. */
export function sceneToAdjacentBeatOp(project: Project, sceneId: string, direction: "prev" | "next"): MoveOp | null {
  const scene = project.nodes[sceneId];
  if (scene?.level !== "scene" || !scene.parentId) return null;
  const beats = project.nodes[project.rootId]?.childIds ?? [];
  const i = beats.indexOf(scene.parentId);
  const target = i < 0 ? undefined : beats[direction === "prev" ? i - 1 : i + 1];
  return target ? moveToBeatOp(project, sceneId, target) : null;
}

/** "Move to beat…": the scene goes last in that beat; null when it is already there. */
export function moveToBeatOp(project: Project, sceneId: string, beatId: string): MoveOp | null {
  const scene = project.nodes[sceneId];
  const beat = project.nodes[beatId];
  if (scene?.level !== "scene" || beat?.level !== "beat" || scene.parentId === beatId) return null;
  return { type: "moveNode", nodeId: sceneId, parentId: beatId, index: beat.childIds.length };
}

/** Alt+←/→ on a column header: the beat swaps with its neighbour; null at either end. */
export function beatStepOp(project: Project, beatId: string, direction: "prev" | "next"): MoveOp | null {
  const beat = project.nodes[beatId];
  if (beat?.level !== "beat") return null;
  const beats = project.nodes[project.rootId]?.childIds ?? [];
  const i = beats.indexOf(beatId);
  const to = direction === "prev" ? i - 1 : i + 1;
  if (i < 0 || to < 0 || to >= beats.length) return null;
  return { type: "moveNode", nodeId: beatId, parentId: project.rootId, index: to };
}

function opIfChanged(project: Project, nodeId: string, parentId: string, index: number): MoveOp | null {
  if (index < 0) return null;
  const node = project.nodes[nodeId];
  const current = node?.parentId ? (project.nodes[node.parentId]?.childIds.indexOf(nodeId) ?? -1) : -1;
  if (node?.parentId === parentId && current === index) return null;
  return { type: "moveNode", nodeId, parentId, index };
}

/**
 * Where a keyboard drag goes on ←/→: a beat to the neighbouring beat; a scene into the neighbouring
 * beat, beside the scene there nearest in height (`topOf` gives a board id's current top edge), or
 * onto the column itself when that beat has no scenes. Null at either end. Counts from where the drag
 * shows the item now (`overId`), so each press moves one more column.
 */
export function sidewaysTarget(layout: BoardLayout, activeId: string, overId: string | null, direction: "prev" | "next", topOf: (id: string) => number | undefined): string | null {
  const here = containerOf(layout, overId ?? activeId) ?? containerOf(layout, activeId);
  if (!here) return null;
  const beat = layout.beatIds[layout.beatIds.indexOf(here) + (direction === "prev" ? -1 : 1)];
  if (!beat || isBeatId(layout, activeId)) return beat ?? null;
  const scenes = (layout.scenesByBeat[beat] ?? []).filter((id) => id !== activeId);
  const y = topOf(activeId) ?? 0;
  let best: string = beat;
  let bestDistance = Infinity;
  for (const id of scenes) {
    const d = Math.abs((topOf(id) ?? Infinity) - y);
    if (d < bestDistance) [best, bestDistance] = [id, d];
  }
  return best;
}
