/**
 * Carries out a node action through the store. Structural actions also move the selection where
 * the writer expects it: onto a new node (ready to type), or to a neighbour after a delete.
 */
import { useAppStore } from "../../stores/useAppStore";
import { flushPendingEdits } from "../../stores/pendingEdits";
import { moveTarget, positionOf, selectionAfterDelete } from "../../stores/treeQueries";
import { requestEditorFocus } from "../editor/editorFocus";
import { generationBlockedReason } from "../model/modelGate";
import { adjacentParentMove } from "../tree/outlineMoves";
import type { NodeActionId } from "./nodeActions";

export async function runNodeAction(action: NodeActionId, nodeId: string): Promise<void> {
  const s = useAppStore.getState();
  const project = s.projectState?.project;
  const node = project?.nodes[nodeId];
  if (!project || !node) return;

  if (action === "generate" || action === "regenerateBelow") {
    // Keyboard shortcuts reach here even when the buttons are disabled: say why instead.
    const blocked = generationBlockedReason(s.model, s.connection === "connected");
    if (blocked) return s.notify(blocked);
  }

  switch (action) {
    case "generate":
      return s.generateChildren(nodeId);
    case "regenerateBelow":
      return s.regenerateBelow(nodeId);
    case "lock":
      await s.apply({ type: "setLocked", nodeId, locked: !node.locked });
      return;
    case "keep":
      await s.apply({ type: "acknowledgeInputs", nodeId });
      return;
    case "addChild":
      return insertAndSelect(nodeId, node.childIds.length);
    case "addSibling":
      if (node.parentId) return insertAndSelect(node.parentId, positionOf(project, nodeId).index + 1);
      return;
    case "moveUp":
    case "moveDown": {
      const target = moveTarget(project, nodeId, action === "moveUp" ? "up" : "down");
      if (target) await moveAndReveal(nodeId, target);
      return;
    }
    case "duplicate": {
      if (!node.parentId) return;
      await flushPendingEdits();
      const state = await s.apply({ type: "duplicateNode", nodeId });
      const copy = state?.project.nodes[node.parentId]?.childIds[positionOf(project, nodeId).index + 1];
      if (copy) useAppStore.getState().select(copy);
      return;
    }
    case "snapshot":
      // The dialog opens with this node as the snapshot's scope, so the writer can name it first.
      return s.openSnapshots(nodeId);
    case "mergeNext": {
      const siblings = node.parentId ? (project.nodes[node.parentId]?.childIds ?? []) : [];
      const next = siblings[siblings.indexOf(nodeId) + 1];
      if (!next) return;
      await flushPendingEdits();
      await s.apply({ type: "mergeNodes", nodeId, withId: next });
      return;
    }
    case "splitHere": {
      if (!node.parentId) return;
      await flushPendingEdits();
      await s.apply({ type: "splitNode", nodeId: node.parentId, atChildId: nodeId });
      return;
    }
    case "delete": {
      if (!node.parentId) return;
      await flushPendingEdits();
      const next = selectionAfterDelete(project, nodeId);
      const state = await s.apply({ type: "deleteNode", nodeId });
      if (state && next) useAppStore.getState().select(next);
      return;
    }
  }
}

/**
 * "Move to…" the neighbouring parent (Alt+Shift+↑/↓): the end of the previous parent of the same
 * level, or the start of the next one — a scene to the previous or next beat.
 */
export async function moveToAdjacentParent(nodeId: string, direction: "prev" | "next"): Promise<void> {
  const project = useAppStore.getState().projectState?.project;
  const target = project ? adjacentParentMove(project, nodeId, direction) : null;
  if (target) await moveAndReveal(nodeId, target);
}

/** Moves a node and, if it is still selected, selects it again: that expands a collapsed parent it landed in. */
async function moveAndReveal(nodeId: string, target: { parentId: string; index: number }): Promise<void> {
  const state = await useAppStore.getState().apply({ type: "moveNode", nodeId, ...target });
  const s = useAppStore.getState();
  if (state && s.selectedId === nodeId) s.select(nodeId);
}

async function insertAndSelect(parentId: string, index: number): Promise<void> {
  const s = useAppStore.getState();
  await flushPendingEdits();
  const state = await s.apply({ type: "insertNode", parentId, index });
  // The contract does not let the renderer choose ids: the new node is whatever now sits at `index`.
  const newId = state?.project.nodes[parentId]?.childIds[index];
  if (!newId) return;
  useAppStore.getState().select(newId);
  requestEditorFocus(newId);
}
