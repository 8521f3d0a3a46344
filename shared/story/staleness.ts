/**
 * Staleness is derived, never stored.
 *
 * - A generated node is **stale** when the fingerprint of its current inputs differs from its basis.
 * - An edited or written node whose inputs changed is **inputs-changed**: flagged for the writer,
 *   never overwritten.
 * - A locked node is never stale (no cascade touches it); if its inputs changed it is flagged too.
 * - Inputs are content (the fingerprint) and structure (the placement: a move flags the moved node's
 *   text and the texts written beside it, saying where it moved; placement.ts).
 */
import { walkInputFingerprints } from "./fingerprint";
import type { Project, StoryNode } from "./model";
import { placementChange, type ParentContext } from "./placement";

export type Freshness = "fresh" | "stale" | "inputs-changed";

export interface NodeStatus {
  freshness: Freshness;
  /** Why, in words a writer understands; empty when fresh. */
  reason: string;
}

/** The freshness of every node in the project, computed in one pass. */
export function computeStatuses(project: Project): Map<string, NodeStatus> {
  const out = new Map<string, NodeStatus>();
  const root = project.nodes[project.rootId];
  if (!root) return out;
  out.set(root.id, FRESH);
  // Where each parent sits (its parent and neighbours), noted as the walk passes it: parents come first.
  const contexts = new Map<string, ParentContext>([[root.id, { grandparentId: null, beforeId: undefined, afterId: undefined }]]);
  walkInputFingerprints(project, (node, fingerprint, parent, i) => {
    out.set(node.id, statusOf(project, node, fingerprint, contexts.get(parent.id)));
    if (node.childIds.length > 0) contexts.set(node.id, { grandparentId: parent.id, beforeId: parent.childIds[i - 1], afterId: parent.childIds[i + 1] });
  });
  return out;
}

/** Ids of nodes a cascade would regenerate now: generated, unlocked and stale. */
export function staleIds(project: Project, statuses = computeStatuses(project)): Set<string> {
  const out = new Set<string>();
  for (const [id, s] of statuses) if (s.freshness === "stale") out.add(id);
  return out;
}

/** Most nodes are fresh: they share one (frozen) status rather than 15,000 equal objects. */
const FRESH: NodeStatus = Object.freeze({ freshness: "fresh", reason: "" });

function statusOf(project: Project, node: StoryNode, fingerprint: string, ctx: ParentContext | undefined): NodeStatus {
  if (!node.parentId) return FRESH;
  const moved = placementChange(project, node, ctx);
  if (moved === null && node.basis === fingerprint) return FRESH;
  const parent = project.nodes[node.parentId];
  const what = parent ? `the ${parent.level} above` : "its inputs";
  const regenerable = node.origin === "generated" && !node.locked;
  if (moved !== null) return regenerable ? { freshness: "stale", reason: moved } : { freshness: "inputs-changed", reason: `${moved}; it is kept as it is` };
  if (regenerable) {
    return { freshness: "stale", reason: `Generated before ${what} (or the story bible) changed` };
  }
  const who = node.locked ? "locked" : node.origin === "edited" ? "edited" : "written";
  return {
    freshness: "inputs-changed",
    reason: `${capitalize(what)} (or the story bible) changed since this was ${who}; it is kept as it is`,
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
