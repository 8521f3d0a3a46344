/**
 * After a reload: puts back the edits the previous page could not get to main (the edit journal
 * mirrors them to sessionStorage). Runs once at boot, after the current project has loaded and
 * before the editor shows, so the writer sees the restored text straight away.
 *
 * Restored edits go through the normal `project:apply` path (one undoable step each). Those that
 * cannot go back (another project is open, their node was deleted, main refused them) are shown
 * as text with "Copy text" until the writer dismisses them; they stay in storage until then.
 */
import { editJournal, sessionStore } from "../stores/pendingEdits";
import { planRestore, projectToReopen, restoredMessage, type UnplacedEdit } from "../stores/restorePlan";
import { loadEdits, type EditStorage } from "../stores/undeliveredEdits";
import { useAppStore } from "../stores/useAppStore";

const store = () => useAppStore.getState();

export async function restoreUndeliveredEdits(storage: EditStorage | null = sessionStore()): Promise<void> {
  const stored = loadEdits(storage);
  if (stored.length === 0) return;
  // From here the journal holds them and keeps them in storage, whatever happens below.
  editJournal.keep(stored);

  // No project open (main restarted): the writer was in this one, so go back to it.
  const reopen = projectToReopen(stored, store().projectState);
  if (reopen) await store().openProject(reopen);

  const plan = planRestore(stored, store().projectState);
  editJournal.release([...plan.superseded, ...plan.alreadyApplied]);
  const unplaced: UnplacedEdit[] = [...plan.unplaced];
  let restored = 0;
  for (const edit of plan.toApply) {
    const state = await store().apply(edit.op);
    if (state) {
      restored++;
      editJournal.release([edit]);
    } else if (store().connection === "connected") {
      unplaced.push({ edit, reason: "refused" });
    }
    // Otherwise the connection dropped: the edit stays kept (and stored) for the next reload.
  }
  if (restored > 0) store().notify(restoredMessage(restored));
  if (unplaced.length > 0) store().showUnplacedEdits(unplaced);
}
