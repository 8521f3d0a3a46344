/**
 * Snapshots: a named copy of the whole story (or of one subtree) at a moment, to compare with now
 * (treeDiff.ts) and to restore — everything, a subtree or a single node's subtree — as one undoable
 * step. Restoring makes the subtree what it was: nodes added since are removed (the undo brings them
 * back), moved-away nodes come home, nodes moved in that the snapshot holds elsewhere go back there,
 * changed texts go back. A restore never drops a node the snapshot holds.
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
 *
 * Never drops a node the snapshot holds. What hangs under the restored nodes now and is not theirs
 * in the snapshot:
 * - a node the snapshot holds elsewhere goes back to its snapshot parent (at its snapshot place
 *   among the siblings there), with what is under it now; when that parent is gone it stays where
 *   it is, and so does any added node it hangs under;
 * - a node the snapshot does not hold (added since, or moved in from outside a subtree snapshot's
 *   scope) is removed — the undo brings it back.
 */
export function restoreSnapshot(project: Project, snap: Snapshot, nodeId?: string): { project: Project; patch: Patch } {
  const rootId = nodeId ?? snap.scopeId ?? project.rootId;
  const old = snap.nodes[rootId];
  if (!old) throw new OperationError(`The snapshot “${snap.name}” does not hold ${rootId}`);
  const now = project.nodes;
  if (old.parentId && !now[old.parentId]) throw new OperationError(`The place ${rootId} belonged in is gone: restore its parent (${old.parentId}) instead`);
  const keep = new Set(subtree(snap.nodes, rootId));

  // The strays: what hangs under the restored nodes now (wherever they are) that is not theirs then.
  const goHome: string[] = [];
  const stay = new Set<string>();
  const unknown: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string) => {
    for (const c of now[id]?.childIds ?? []) {
      if (keep.has(c) || seen.has(c) || !now[c]) continue;
      seen.add(c);
      const known = snap.nodes[c];
      if (!known) {
        unknown.push(c);
        walk(c);
      } else if (known.parentId && now[known.parentId]) goHome.push(c);
      else stay.add(c);
    }
  };
  for (const id of keep) walk(id);
  // A node that stays where it is keeps the added nodes it hangs under.
  const unknownSet = new Set(unknown);
  for (const id of [...stay]) for (let p = now[id]!.parentId; p && unknownSet.has(p) && !stay.has(p); p = now[p]!.parentId) stay.add(p);
  const drop = unknown.filter((id) => !stay.has(id));
  const dropped = new Set(drop);
  const home = new Set(goHome);

  const finalParent = (id: string): string | null | undefined =>
    keep.has(id) || home.has(id) ? snap.nodes[id]!.parentId : dropped.has(id) ? undefined : (now[id]?.parentId ?? null);
  const kids = new Map<string, string[]>();
  const kidsOf = (id: string): string[] => {
    let k = kids.get(id);
    if (!k) kids.set(id, (k = [...(keep.has(id) ? snap.nodes[id]!.childIds : now[id]!.childIds)]));
    return k;
  };
  const insert = (list: string[], id: string, at: number) => list.splice(Math.max(0, Math.min(at, list.length)), 0, id);

  // Parents kept as they are now lose whatever leaves them.
  for (const id of [...keep, ...goHome, ...drop]) {
    const p = now[id]?.parentId;
    if (p && now[p] && !keep.has(p) && !dropped.has(p)) kids.set(p, kidsOf(p).filter((c) => finalParent(c) === p));
  }
  // What stays where it is under a restored node is listed there again.
  for (const id of stay) {
    const p = now[id]!.parentId!;
    if (keep.has(p)) insert(kidsOf(p), id, now[p]!.childIds.indexOf(id));
  }
  // What the snapshot holds elsewhere goes back there, in the snapshot's order.
  const snapIndex = (id: string) => snap.nodes[snap.nodes[id]!.parentId!]?.childIds.indexOf(id) ?? Infinity;
  for (const id of [...goHome].sort((a, b) => snapIndex(a) - snapIndex(b))) {
    const list = kidsOf(snap.nodes[id]!.parentId!);
    insert(list, id, snapIndex(id));
  }
  if (old.parentId) {
    const list = kidsOf(old.parentId);
    if (!list.includes(rootId)) insert(list, rootId, snap.nodes[old.parentId]?.childIds.indexOf(rootId) ?? list.length);
  }

  const d = new Draft(project);
  for (const id of drop) d.remove(id);
  for (const id of keep) d.put({ ...snap.nodes[id]!, childIds: kids.get(id) ?? snap.nodes[id]!.childIds });
  for (const id of goHome) d.update(id, { parentId: snap.nodes[id]!.parentId });
  for (const [id, childIds] of kids) {
    if (keep.has(id)) continue;
    const cur = d.get(id).childIds;
    if (cur.length !== childIds.length || cur.some((c, i) => c !== childIds[i])) d.update(id, { childIds });
  }
  if (!old.parentId) {
    d.setTitle(snap.title);
    d.setBible(snap.bible);
  }
  return d.commit();
}
