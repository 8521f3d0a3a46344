/**
 * The snapshots dialog: take a snapshot (of the whole story or of one part), the list of snapshots
 * (the writer's own and the automatic ones taken before each cascade), and, for the one being
 * compared, what changed since — with restore for everything or for one part.
 *
 * Focus follows the view: opening a comparison puts it on "← All snapshots" (SnapshotDiffView),
 * leaving one puts it back on that snapshot's "Compare with now". A change to the project while a
 * comparison shows (an undo behind the dialog) compares again, so the diff never shows an old state.
 */
import { useEffect, useRef } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { Modal } from "../../ui/Modal";
import { SnapshotDiffView } from "./SnapshotDiffView";
import { SnapshotList } from "./SnapshotList";
import { TakeSnapshotForm } from "./TakeSnapshotForm";
import "./snapshots.css";

export function SnapshotsDialog() {
  const close = useAppStore((s) => s.closeSnapshots);
  const comparison = useAppStore((s) => s.snapshotComparison);
  const comparedId = comparison?.snapshot.id ?? null;
  const revision = useAppStore((s) => s.projectState?.revision);
  const compare = useAppStore((s) => s.compareSnapshot);

  // Leaving a comparison unmounts the button that left it: focus the compare button it came from.
  const lastCompared = useRef<string | null>(null);
  useEffect(() => {
    const left = lastCompared.current;
    lastCompared.current = comparedId;
    if (comparedId !== null || left === null) return;
    const item = [...document.querySelectorAll<HTMLElement>('[data-testid="snapshots.item"]')].find((el) => el.dataset.snapshotId === left);
    item?.querySelector<HTMLElement>('[data-testid="snapshots.compare"]')?.focus();
  }, [comparedId]);

  // The project changed under the comparison (not by a restore, which compares again itself).
  const comparedAt = useRef(revision);
  useEffect(() => {
    const before = comparedAt.current;
    comparedAt.current = revision;
    if (comparedId === null || before === undefined || before === revision || useAppStore.getState().snapshotsBusy) return;
    void compare(comparedId);
  }, [revision, comparedId, compare]);

  return (
    <Modal title={comparison ? "Snapshots · compare with now" : "Snapshots"} onClose={close} testId="snapshots.dialog" className="snapshots-modal">
      {comparison ? (
        <SnapshotDiffView comparison={comparison} />
      ) : (
        <>
          <TakeSnapshotForm />
          <SnapshotList />
        </>
      )}
    </Modal>
  );
}
