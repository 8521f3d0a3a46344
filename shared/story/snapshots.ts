/**
 * Snapshots: a named copy of the whole story (or of one subtree) at a moment, to compare with now
 * (treeDiff.ts) and to restore — everything, a subtree or a single node's subtree — as one undoable
 * step. Restoring makes the subtree exactly what it was: nodes added since are removed (the undo
 * brings them back), moved-away nodes come home, changed texts go back.
 */
import type { Bible, Patch, Project, StoryNode } from "./model";
import { OperationError } from "./operationError";
import { Draft } from "./patch";
import { diffTrees, type TreeDiff } from "./treeDiff";

export interface Snapshot {
  id: string;
  name: string;
  at: string;
  /** The subtree it holds; null for the whole project. */
  scopeId: string | null;
  title: string;
  bible: Bible;
  /** The records of every node in the scope (the whole tree for a project snapshot). */
  nodes: Record<string, StoryNode>;
  /** Taken by the app (before a cascade), not by the writer: only the newest few are kept. */
  auto?: boolean;
}

export interface SnapshotSummary {
  id: string;
  name: string;
  at: string;
  scopeId: string | null;
  nodeCount: number;
  auto: boolean;
}

function subtree(nodes: Record<string, StoryNode>, rootId: string): string[] {
  const out: string[] = [];
  const walk = (id: string) => {
    const n = nodes[id];
    if (!n) return;
    out.push(id);
    for (const c of n.childIds) walk(c);
  };
  walk(rootId);
  return out;
}

export function takeSnapshot(project: Project, opts: { id: string; name: string; at: string; scopeId?: string | null; auto?: boolean }): Snapshot {
  const scopeId = opts.scopeId ?? null;
  if (scopeId !== null && !project.nodes[scopeId]) throw new OperationError(`No node with id ${scopeId}`);
  const ids = subtree(project.nodes, scopeId ?? project.rootId);
  return {
    id: opts.id,
    name: opts.name,
    at: opts.at,
    scopeId,
    title: project.title,
    bible: project.bible,
    nodes: Object.fromEntries(ids.map((id) => [id, project.nodes[id]!])),
    ...(opts.auto ? { auto: true } : {}),
  };
}

export function summarize(s: Snapshot): SnapshotSummary {
  return { id: s.id, name: s.name, at: s.at, scopeId: s.scopeId, nodeCount: Object.keys(s.nodes).length, auto: s.auto === true };
}

/** What changed between the snapshot and now, over the snapshot's scope (a subtree, or everything). */
export function snapshotDiff(s: Snapshot, project: Project): TreeDiff {
  const now = s.scopeId === null ? project.nodes : Object.fromEntries(subtree(project.nodes, s.scopeId).map((id) => [id, project.nodes[id]!]));
  return diffTrees({ nodes: s.nodes }, { nodes: now });
}

/** What a removed node was, as the snapshot holds it: enough to name it in a diff. */
export type RemovedNode = Pick<StoryNode, "level" | "title" | "text" | "parentId"> & { speaker?: string };

/** The snapshot's records of the nodes a diff says were removed since (the project no longer has their words). */
export function removedNodes(s: Snapshot, diff: TreeDiff): Record<string, RemovedNode> {
  const out: Record<string, RemovedNode> = {};
  for (const id of diff.removed) {
    const n = s.nodes[id];
    if (!n) continue;
    out[id] = { level: n.level, title: n.title, text: n.text, parentId: n.parentId, ...(n.speaker !== undefined ? { speaker: n.speaker } : {}) };
  }
  return out;
}

/**
 * Restores `nodeId`'s subtree (default: the snapshot's scope, or everything) to what the snapshot
 * holds. For the whole project the title and bible come back too. Throws OperationError when the
 * node is not in the snapshot, or when the place it belongs in no longer exists.
 */
export function restoreSnapshot(project: Project, snap: Snapshot, nodeId?: string): { project: Project; patch: Patch } {
  const rootId = nodeId ?? snap.scopeId ?? project.rootId;
  const old = snap.nodes[rootId];
  if (!old) throw new OperationError(`The snapshot “${snap.name}” does not hold ${rootId}`);
  const d = new Draft(project);
  const keep = new Set(subtree(snap.nodes, rootId));
  // Whatever hangs under the snapshot's nodes now and did not then goes (the undo keeps it) — also
  // under those that were moved away since.
  const gone = new Set<string>();
  for (const id of keep) if (project.nodes[id]) for (const below of subtree(project.nodes, id)) if (!keep.has(below)) gone.add(below);
  for (const id of gone) d.remove(id);
  for (const id of keep) {
    const now = d.has(id) ? d.get(id) : null;
    // A node that moved out of the subtree since is taken back from where it is.
    if (now && now.parentId && now.parentId !== snap.nodes[id]!.parentId && d.has(now.parentId) && !keep.has(now.parentId)) {
      const p = d.get(now.parentId);
      d.update(p.id, { childIds: p.childIds.filter((c) => c !== id) });
    }
    d.put(snap.nodes[id]!);
  }
  if (old.parentId) {
    if (!d.has(old.parentId)) throw new OperationError(`The place ${rootId} belonged in is gone: restore its parent (${old.parentId}) instead`);
    const parent = d.get(old.parentId);
    if (!parent.childIds.includes(rootId)) {
      const at = Math.min(snap.nodes[old.parentId]?.childIds.indexOf(rootId) ?? parent.childIds.length, parent.childIds.length);
      d.update(parent.id, { childIds: [...parent.childIds.slice(0, Math.max(0, at)), rootId, ...parent.childIds.slice(Math.max(0, at))] });
    }
  } else {
    d.setTitle(snap.title);
    d.setBible(snap.bible);
  }
  return d.commit();
}
