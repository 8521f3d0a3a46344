/** The top bar's Snapshots button (also Ctrl/Cmd+Shift+S): take, compare and restore snapshots. */
import { useEffect } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { MOD_KEY } from "../help/shortcuts";
import { SnapshotsDialog } from "./SnapshotsDialog";
import { useSnapshotsShortcut } from "./useSnapshotsShortcut";

export function SnapshotsButton() {
  useSnapshotsShortcut();
  const openSnapshots = useAppStore((s) => s.openSnapshots);
  const closeSnapshots = useAppStore((s) => s.closeSnapshots);
  // The top bar goes with the project: a dialog left open must not come back with the next one.
  useEffect(() => closeSnapshots, [closeSnapshots]);
  // The dialog belongs to the project it was opened on; another project opening leaves it shut.
  const open = useAppStore((s) => s.snapshotsOpen && s.snapshotsPath === s.projectState?.path);
  return (
    <>
      <button
        type="button"
        className="btn btn-quiet"
        aria-haspopup="dialog"
        onClick={() => openSnapshots()}
        title={`Take a snapshot of the story, compare one with now, restore (${MOD_KEY}+Shift+S)`}
        data-testid="snapshots.open"
      >
        Snapshots
      </button>
      {open ? <SnapshotsDialog /> : null}
    </>
  );
}
