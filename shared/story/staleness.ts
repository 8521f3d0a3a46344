/**
 * Staleness is derived, never stored.
 *
 * - A generated node is **stale** when the fingerprint of its current inputs differs from its basis.
 * - An edited or written node whose inputs changed is **inputs-changed**: flagged for the writer,
 *   never overwritten.
 * - A locked node is never stale (no cascade touches it); if its inputs changed it is flagged too.
 */
import { inputFingerprints } from "./fingerprint";
import type { Project, StoryNode } from "./model";

export type Freshness = "fresh" | "stale" | "inputs-changed";

export interface NodeStatus {
  freshness: Freshness;
  /** Why, in words a writer understands; empty when fresh. */
  reason: string;
}

/** The freshness of every node in the project, computed in one pass. */
export function computeStatuses(project: Project): Map<string, NodeStatus> {
  const fps = inputFingerprints(project);
  const out = new Map<string, NodeStatus>();
  for (const node of Object.values(project.nodes)) {
    out.set(node.id, statusOf(project, node, fps.get(node.id)));
  }
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

function statusOf(project: Project, node: StoryNode, fingerprint: string | undefined): NodeStatus {
  if (!node.parentId || fingerprint === undefined) return FRESH;
  if (node.basis === fingerprint) return FRESH;
  const parent = project.nodes[node.parentId];
  const what = parent ? `the ${parent.level} above` : "its inputs";
  if (node.origin === "generated" && !node.locked) {
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
