/**
 * The snapshots dialog: take a snapshot (of the whole story or of one part), the list of snapshots
 * (the writer's own and the automatic ones taken before each cascade), and, for the one being
 * compared, what changed since — with restore for everything or for one part.
 */
import { useAppStore } from "../../stores/useAppStore";
import { Modal } from "../../ui/Modal";
import { SnapshotDiffView } from "./SnapshotDiffView";
import { SnapshotList } from "./SnapshotList";
import { TakeSnapshotForm } from "./TakeSnapshotForm";
import "./snapshots.css";

export function SnapshotsDialog() {
  const close = useAppStore((s) => s.closeSnapshots);
  const comparison = useAppStore((s) => s.snapshotComparison);
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
