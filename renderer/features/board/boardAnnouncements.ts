/**
 * What a screen reader hears while a card or a column is dragged, in a writer's words ("Picked up
 * scene “The heist”…"), and the instructions read when a card or column header takes focus.
 * Pure (given the project and the layout the board shows); tested in boardAnnouncements.test.ts.
 */
import type { Project } from "../../../shared/story/model";
import { firstWords } from "../tree/nodeText";
import { dropOp, layoutOf, type BoardLayout } from "./boardMoves";

export const BOARD_INSTRUCTIONS =
  "To pick up a scene or a beat, press Space. While dragging, use the arrow keys to move it, Space to drop it, Escape to cancel. " +
  "Without dragging: Alt+Up and Alt+Down move a scene within its beat, Alt+Left and Alt+Right move it to the previous or next beat " +
  "(on a beat's header, move the beat). Enter opens it in the editor.";

/** `scene “The heist”`, `beat 2 “Midpoint”`; an empty node goes by its number. */
export function spokenName(project: Project, id: string, layout: BoardLayout = layoutOf(project)): string {
  const node = project.nodes[id];
  if (!node) return "it";
  const name = firstWords(node.title.trim() || node.text, 48);
  if (node.level === "beat") {
    const n = layout.beatIds.indexOf(id) + 1;
    return name ? `beat ${n} “${name}”` : `beat ${n}`;
  }
  return name ? `${node.level} “${name}”` : `untitled ${node.level}`;
}

/** Where an item sits now in `layout`: "position 2 of 5 in beat 1 “Setup”" or, for a beat, "position 3 of 8". */
export function spokenPlace(project: Project, id: string, layout: BoardLayout = layoutOf(project)): string {
  const beatIndex = layout.beatIds.indexOf(id);
  if (beatIndex >= 0) return `position ${beatIndex + 1} of ${layout.beatIds.length}`;
  for (const b of layout.beatIds) {
    const list = layout.scenesByBeat[b] ?? [];
    const i = list.indexOf(id);
    if (i >= 0) return `position ${i + 1} of ${list.length} in ${spokenName(project, b, layout)}`;
  }
  return "its place";
}

export function announceStart(project: Project, id: string): string {
  return `Picked up ${spokenName(project, id)}. It is at ${spokenPlace(project, id)}.`;
}

/** Where a drop would put it right now, or that it would stay where it was. */
export function announceOver(project: Project, id: string, overId: string | null, layout: BoardLayout): string {
  const name = capitalize(spokenName(project, id));
  if (overId === null) return `${name} is not over a place it can go. Dropping now leaves it where it was.`;
  const op = dropOp(project, id, overId, layout);
  if (!op) return `${name} would stay at ${spokenPlace(project, id)}.`;
  return `${name} would move to ${targetPlace(project, op.nodeId, op.parentId, op.index)}.`;
}

export function announceEnd(project: Project, id: string, overId: string | null, layout: BoardLayout): string {
  const op = overId === null ? null : dropOp(project, id, overId, layout);
  if (!op) return `Dropped ${spokenName(project, id)} where it was: ${spokenPlace(project, id)}.`;
  return `Dropped ${spokenName(project, id)}. It is now at ${targetPlace(project, op.nodeId, op.parentId, op.index)}.`;
}

export function announceCancel(project: Project, id: string): string {
  return `Cancelled. ${capitalize(spokenName(project, id))} stays at ${spokenPlace(project, id)}.`;
}

/** The place a move op gives a node, counted in the target as it will be. */
function targetPlace(project: Project, nodeId: string, parentId: string, index: number): string {
  const target = project.nodes[parentId];
  const count = (target?.childIds.length ?? 0) + (target?.childIds.includes(nodeId) ? 0 : 1);
  const where = parentId === project.rootId ? "" : ` in ${spokenName(project, parentId)}`;
  return `position ${index + 1} of ${count}${where}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
