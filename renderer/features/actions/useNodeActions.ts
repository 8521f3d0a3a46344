/** The actions of one node as the toolbar and context menu show them, kept in step with the store. */
import { useShallow } from "zustand/react/shallow";
import { staleBelowOf, statusOf } from "../../stores/statuses";
import { moveTarget } from "../../stores/treeQueries";
import { useAppStore, type AppState } from "../../stores/useAppStore";
import { generationBlockedReason } from "../model/modelGate";
import { nodeActions, type NodeActionContext, type NodeActionView } from "./nodeActions";

function contextOf(s: AppState, nodeId: string): NodeActionContext | null {
  const project = s.projectState?.project;
  const node = project?.nodes[nodeId];
  if (!project || !node) return null;
  return {
    level: node.level,
    childCount: node.childIds.length,
    staleBelow: staleBelowOf(project).get(nodeId) ?? 0,
    locked: node.locked,
    freshness: statusOf(project, nodeId).freshness,
    canMoveUp: moveTarget(project, nodeId, "up") !== null,
    canMoveDown: moveTarget(project, nodeId, "down") !== null,
    ...siblingsOf(project.nodes[node.parentId ?? ""]?.childIds ?? [], nodeId),
    parentLevel: node.parentId ? (project.nodes[node.parentId]?.level ?? null) : null,
    generationBlocked: generationBlockedReason(s.model, s.connection === "connected"),
    // Alts being written for this node do not block writing its children.
    busy: s.jobs.jobs.some((j) => j.kind !== "alt" && j.parentId === nodeId && (j.state === "queued" || j.state === "running")),
  };
}

function siblingsOf(ids: readonly string[], id: string): { hasPrevSibling: boolean; hasNextSibling: boolean } {
  const i = ids.indexOf(id);
  return { hasPrevSibling: i > 0, hasNextSibling: i >= 0 && i < ids.length - 1 };
}

export function useNodeActions(nodeId: string): NodeActionView[] {
  // Shallow-compared primitives: the toolbar re-renders only when something it shows changes.
  const ctx = useAppStore(useShallow((s) => contextOf(s, nodeId)));
  return ctx ? nodeActions(ctx) : [];
}
