/**
 * "Restore everything" for one snapshot, with a confirm step that says what goes back and that it is
 * one undoable step. A hook, so the caller puts the button among its actions and the confirm panel
 * where there is room for it. Focus goes to the confirm button when it appears, and back to the
 * restore button when the panel goes (cancelled or done), so the keyboard never lands on nothing.
 */
import { useEffect, useRef, useState, type JSX } from "react";
import type { SnapshotSummary } from "../../../shared/story/snapshots";
import { useAppStore } from "../../stores/useAppStore";
import { MOD_KEY } from "../help/shortcuts";
import { relativeTime } from "../start/relativeTime";
import { restoreAllLabel, restoreAllWarning } from "./snapshotText";

export function useRestoreAll(snapshot: SnapshotSummary): { button: JSX.Element | null; confirm: JSX.Element | null } {
  const project = useAppStore((s) => s.projectState?.project);
  const busy = useAppStore((s) => s.snapshotsBusy);
  const restore = useAppStore((s) => s.restoreSnapshot);
  const [confirming, setConfirming] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) button.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  if (!project) return { button: null, confirm: null };
  const label = restoreAllLabel(snapshot, project);
  return {
    button: (
      <button
        ref={button}
        type="button"
        className="btn btn-small"
        aria-expanded={confirming}
        disabled={busy}
        onClick={() => setConfirming((c) => !c)}
        data-testid="snapshots.restore-all"
      >
        {label}
      </button>
    ),
    confirm: confirming ? (
      <div className="snapshot-confirm" role="group" aria-label={`${label}?`} data-testid="snapshots.confirm">
        <p>{restoreAllWarning(snapshot, project, relativeTime(snapshot.at), `${MOD_KEY}+Z`)}</p>
        <div className="snapshot-confirm-actions">
          <button
            ref={confirmButton}
            type="button"
            className="btn btn-primary btn-small"
            disabled={busy}
            onClick={() => void restore(snapshot.id).then((ok) => ok && setConfirming(false))}
            data-testid="snapshots.restore-confirm"
          >
            {label}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirming(false)} data-testid="snapshots.restore-cancel">
            Cancel
          </button>
        </div>
      </div>
    ) : null,
  };
}
