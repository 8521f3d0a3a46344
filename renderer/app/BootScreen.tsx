/** Full-window states before the app can run: connecting, or why it could not connect. */
import { CopyTextButton, KeptText } from "../features/connection/KeptText";
import { sessionStore } from "../stores/pendingEdits";
import { editCount, editsAsText } from "../stores/restorePlan";
import { loadEdits } from "../stores/undeliveredEdits";

export function BootScreen({ error }: { error: string | null }) {
  if (!error) {
    return (
      <div className="boot" role="status" aria-live="polite">
        <p className="wordmark">Cascade</p>
        <p className="muted">
          <span className="spinner" aria-hidden="true" /> Opening…
        </p>
      </div>
    );
  }
  // Edits a previous page could not send are in this tab's storage; a restarted Cascade lives at
  // a new address (another origin), which cannot read them: say so, and offer the text.
  const kept = loadEdits(sessionStore());
  return (
    <div className="boot" role="alert">
      <p className="wordmark">Cascade</p>
      <h1 className="boot-title">Cascade could not reach its services</h1>
      <p className="boot-message">{error}</p>
      {kept.length > 0 ? (
        <div className="boot-kept" data-testid="boot.kept">
          <p>
            {editCount(kept.length, "unsaved")} {kept.length === 1 ? "is" : "are"} kept in this tab and will be put back when Cascade opens here
            again. If Cascade now runs at a new address, copy the text first.
          </p>
          <CopyTextButton getText={() => editsAsText(kept)} />
          <KeptText text={editsAsText(kept)} />
        </div>
      ) : null}
      <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
        Try again
      </button>
    </div>
  );
}
