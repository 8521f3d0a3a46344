/**
 * Freshness of every node, derived from the project (never stored). Computed once per project
 * revision: the project object is replaced on every change, so a WeakMap keyed by it is an exact
 * memo and selectors that read from it return stable objects between renders.
 */
import { computeStatuses, type NodeStatus } from "../../shared/story/staleness";
import type { Project } from "../../shared/story/model";

const cache = new WeakMap<Project, Map<string, NodeStatus>>();

const FRESH: NodeStatus = { freshness: "fresh", reason: "" };

/** All statuses for this project revision. */
export function statusesOf(project: Project): Map<string, NodeStatus> {
  let s = cache.get(project);
  if (!s) {
    s = computeStatuses(project);
    cache.set(project, s);
  }
  return s;
}

/** One node's status; fresh for unknown ids (a node deleted while a row still renders). */
export function statusOf(project: Project, nodeId: string): NodeStatus {
  return statusesOf(project).get(nodeId) ?? FRESH;
}

const staleBelowCache = new WeakMap<Project, Map<string, number>>();

/** For every node, how many stale nodes lie under it (what "Regenerate below" would rewrite). */
export function staleBelowOf(project: Project): Map<string, number> {
  let counts = staleBelowCache.get(project);
  if (counts) return counts;
  const statuses = statusesOf(project);
  const computed = new Map<string, number>();
  const walk = (id: string): number => {
    const node = project.nodes[id];
    if (!node) return 0;
    let n = 0;
    for (const c of node.childIds) n += walk(c) + (statuses.get(c)?.freshness === "stale" ? 1 : 0);
    computed.set(id, n);
    return n;
  };
  walk(project.rootId);
  counts = computed;
  staleBelowCache.set(project, counts);
  return counts;
}
