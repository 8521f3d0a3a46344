/**
 * Snapshots as the writer meets them: the dialog's open state, the project's snapshots (newest
 * first), the one being compared with now, and the verbs take / compare / restore. Main owns the
 * snapshots (files beside the project, one taken automatically before every cascade); a restore is
 * one undo step there and comes back as the new project state.
 *
 * Must hold: the list and the comparison belong to the project they were read for (`snapshotsPath`);
 * a reply that lands after another project opened is dropped, never shown as the new project's.
 */
import type { MethodOutputs } from "../../shared/ipc/contract";
import type { SnapshotSummary } from "../../shared/story/snapshots";
import { request, type ReportError } from "./apiAccess";
import { flushPendingEdits } from "./pendingEdits";
import type { SliceCreator } from "./storeTypes";

export type SnapshotComparison = MethodOutputs["snapshot:diff"];

export interface SnapshotsSlice {
  snapshotsOpen: boolean;
  /** The project the list (and the dialog, while open) belongs to. */
  snapshotsPath: string | null;
  /** The subtree the "take" form starts with (from "Snapshot this scene"); null: the whole story. */
  snapshotScopeId: string | null;
  snapshots: SnapshotSummary[];
  snapshotsLoading: boolean;
  /** A take or a restore is on its way: buttons show it and ignore a second click. */
  snapshotsBusy: boolean;
  /** The snapshot being compared with now, and what changed since; null when the list shows. */
  snapshotComparison: SnapshotComparison | null;
  /** The id being compared while its diff loads. */
  comparingId: string | null;

  /** Opens the dialog on the open project (the list reloads), its take form set to `scopeId`. */
  openSnapshots(scopeId?: string | null): void;
  closeSnapshots(): void;
  loadSnapshots(): Promise<void>;
  /** Takes a snapshot of everything, or of `nodeId`'s subtree; resolves to it, or undefined (reported). */
  takeSnapshot(name: string, nodeId?: string): Promise<SnapshotSummary | undefined>;
  compareSnapshot(snapshotId: string): Promise<void>;
  closeComparison(): void;
  /** Restores everything the snapshot holds, or `nodeId`'s subtree of it, as one undo step. */
  restoreSnapshot(snapshotId: string, nodeId?: string): Promise<boolean>;
}

export const createSnapshotsSlice: SliceCreator<SnapshotsSlice> = (set, get) => {
  const report: ReportError = (e) => get().reportError(e);
  const pathNow = () => get().projectState?.path ?? null;
  /** Still the project this started on, with the dialog open for it. */
  const stillOn = (path: string | null) => path !== null && pathNow() === path && get().snapshotsPath === path && get().snapshotsOpen;
  /** Bumped by every compare and by leaving a comparison: only the newest compare's reply is shown. */
  let compareTurn = 0;

  /** Runs `work` with snapshotsBusy set; refuses (undefined) while something else holds it. */
  const busy = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    if (get().snapshotsBusy) return undefined;
    set({ snapshotsBusy: true });
    try {
      return await work();
    } finally {
      set({ snapshotsBusy: false });
    }
  };

  return {
    snapshotsOpen: false,
    snapshotsPath: null,
    snapshotScopeId: null,
    snapshots: [],
    snapshotsLoading: false,
    snapshotsBusy: false,
    snapshotComparison: null,
    comparingId: null,

    openSnapshots(scopeId = null) {
      const path = pathNow();
      if (!path) return;
      const same = get().snapshotsPath === path;
      set({ snapshotsOpen: true, snapshotsPath: path, snapshotScopeId: scopeId, ...(same ? {} : { snapshots: [], snapshotComparison: null }) });
      // Automatic snapshots appear with every cascade: the list is read fresh each time it is shown.
      void get().loadSnapshots();
    },
    closeSnapshots() {
      compareTurn++;
      set({ snapshotsOpen: false, snapshotComparison: null, comparingId: null });
    },
    async loadSnapshots() {
      const path = get().snapshotsPath;
      if (!stillOn(path)) return;
      set({ snapshotsLoading: true });
      const listed = await request("snapshot:list", {}, report);
      if (!stillOn(path)) return set({ snapshotsLoading: false });
      set(listed ? { snapshots: listed.snapshots, snapshotsLoading: false } : { snapshotsLoading: false });
    },
    takeSnapshot(name, nodeId) {
      return busy(async () => {
        // A snapshot holds the project as main has it: what was just typed goes first.
        await flushPendingEdits();
        const taken = await request("snapshot:take", { name: name.trim(), ...(nodeId ? { nodeId } : {}) }, report);
        if (!taken) return undefined;
        get().notify(`Snapshot “${taken.name}” taken.`);
        await get().loadSnapshots();
        return taken;
      });
    },
    async compareSnapshot(snapshotId) {
      const path = get().snapshotsPath;
      const turn = ++compareTurn;
      set({ comparingId: snapshotId });
      // "Now" is the project as main has it: send pending typing first.
      await flushPendingEdits();
      const diff = await request("snapshot:diff", { snapshotId }, report);
      // A newer compare, or leaving the comparison (or the dialog), since: this reply is old news.
      if (turn !== compareTurn) return;
      set({ comparingId: null });
      if (diff && stillOn(path)) set({ snapshotComparison: diff });
    },
    closeComparison() {
      compareTurn++;
      set({ snapshotComparison: null, comparingId: null });
    },
    async restoreSnapshot(snapshotId, nodeId) {
      const path = get().snapshotsPath;
      const restored = await busy(async () => {
        // Typing not yet sent would land on top of the restored text, or be lost under it.
        await flushPendingEdits();
        const state = await request("snapshot:restore", { snapshotId, ...(nodeId ? { nodeId } : {}) }, report);
        if (!state) return false;
        get().receiveProject(state);
        return true;
      });
      if (!restored) return false;
      get().notify(nodeId ? "Restored from the snapshot. Undo puts it back as it was." : "Snapshot restored. Undo puts everything back as it was.");
      // The comparison on screen is now out of date: what was restored is no longer a difference.
      if (stillOn(path) && get().snapshotComparison?.snapshot.id === snapshotId) await get().compareSnapshot(snapshotId);
      return true;
    },
  };
};
