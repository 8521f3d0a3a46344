/**
 * Snapshots as the services offer them: take one (named, of everything or of a subtree), list them,
 * compare one with now, restore it (all of it or one node's subtree) as one undo step. A snapshot is
 * also taken, automatically, before every "regenerate below".
 */
import type { Handlers } from "../../shared/ipc/contract";
import { newId } from "../../shared/story/ids";
import { removedNodes, restoreSnapshot, snapshotDiff, summarize, takeSnapshot, type SnapshotSummary } from "../../shared/story/snapshots";
import { listSnapshots, loadSnapshot, pruneAutomaticSnapshots, saveSnapshot } from "../storage/snapshotStore";
import { ServiceError } from "./errors";
import type { ProjectSession } from "./projectSession";

export type SnapshotHandlers = Pick<Handlers, "snapshot:take" | "snapshot:list" | "snapshot:diff" | "snapshot:restore">;

export interface SnapshotService {
  handlers: SnapshotHandlers;
  /** Before a cascade: a snapshot of the subtree it will rewrite. */
  takeBefore(nodeId: string, what: string): Promise<SnapshotSummary>;
}

/** Automatic snapshots kept per project (each can be a whole novel): the writer's own are all kept. */
const AUTOMATIC_KEPT = 10;

export function createSnapshotService(requireSession: () => ProjectSession): SnapshotService {
  const take = async (name: string, nodeId?: string, auto = false): Promise<SnapshotSummary> => {
    const s = requireSession();
    const at = new Date().toISOString();
    const snap = takeSnapshot(s.current, { id: newId("snap"), name, at, scopeId: nodeId ?? null, auto });
    await saveSnapshot(s.path, snap);
    if (auto) await pruneAutomaticSnapshots(s.path, AUTOMATIC_KEPT);
    return summarize(snap);
  };
  const load = async (id: string) => {
    try {
      return await loadSnapshot(requireSession().path, id);
    } catch (err) {
      throw new ServiceError("operation", err instanceof Error ? err.message : String(err));
    }
  };
  return {
    takeBefore: (nodeId, what) => take(`Before ${what}`, nodeId, true),
    handlers: {
      "snapshot:take": async ({ name, nodeId }) => {
        if (nodeId && !requireSession().current.nodes[nodeId]) throw new ServiceError("operation", `No node with id ${nodeId}`);
        return take(name?.trim() || `Snapshot ${new Date().toLocaleString("en-GB")}`, nodeId);
      },
      "snapshot:list": async () => ({ snapshots: await listSnapshots(requireSession().path) }),
      "snapshot:diff": async ({ snapshotId }) => {
        const snap = await load(snapshotId);
        const now = requireSession().current;
        const diff = snapshotDiff(snap, now);
        return { ...diff, snapshot: summarize(snap), removedNodes: removedNodes(snap, diff) };
      },
      "snapshot:restore": async ({ snapshotId, nodeId }) => {
        const snap = await load(snapshotId);
        const s = requireSession();
        const r = restoreSnapshot(s.current, snap, nodeId);
        return s.applyPatch(r.project, r.patch, { label: `Restore “${snap.name}”`, source: "user" });
      },
    },
  };
}
