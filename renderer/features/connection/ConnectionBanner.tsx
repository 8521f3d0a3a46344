/** A thin line under the top bar when the connection to the services drops. */
import { useAppStore } from "../../stores/useAppStore";

export function ConnectionBanner() {
  const connection = useAppStore((s) => s.connection);
  if (connection === "connected" || connection === "connecting") return null;
  if (connection === "reconnecting") {
    return (
      <div className="connection-banner" role="status" data-testid="connection.banner" data-state="reconnecting">
        <span className="spinner" aria-hidden="true" /> Reconnecting…
      </div>
    );
  }
  return (
    <div className="connection-banner is-closed" role="alert" data-testid="connection.banner" data-state="closed">
      The connection to Cascade was lost.
      <button type="button" className="btn btn-small" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
