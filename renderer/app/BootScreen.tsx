/** Full-window states before the app can run: connecting, or why it could not connect. */
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
  return (
    <div className="boot" role="alert">
      <p className="wordmark">Cascade</p>
      <h1 className="boot-title">Cascade could not reach its services</h1>
      <p className="boot-message">{error}</p>
      <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
        Try again
      </button>
    </div>
  );
}
