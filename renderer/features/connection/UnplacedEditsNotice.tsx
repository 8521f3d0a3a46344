/**
 * Edits restored after a reload that could not go back into the project (see restoreEdits.ts):
 * their text stays on screen, with "Copy text", until the writer dismisses it.
 */
import { editsAsText, unplacedMessage } from "../../stores/restorePlan";
import { useAppStore } from "../../stores/useAppStore";
import { CopyTextButton, KeptText } from "./KeptText";

export function UnplacedEditsNotice() {
  const unplaced = useAppStore((s) => s.unplacedEdits);
  const dismiss = useAppStore((s) => s.dismissUnplacedEdits);
  if (unplaced.length === 0) return null;
  const text = editsAsText(unplaced.map((u) => u.edit));
  return (
    <div className="connection-banner kept-notice" role="alert" data-testid="unplaced.notice">
      <span>{unplacedMessage(unplaced)}</span>
      <CopyTextButton getText={() => text} />
      <button type="button" className="btn btn-small" onClick={dismiss}>
        Dismiss
      </button>
      <KeptText text={text} />
    </div>
  );
}
