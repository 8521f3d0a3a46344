/**
 * A thin line under the top bar when the connection to the services drops. It says how many typed
 * edits are waiting: they are kept (in memory and sessionStorage) and sent on reconnect, or put
 * back after Reload. "Copy text" is for when Cascade was restarted at a new address, which this
 * page (a different origin) can never reach or hand its storage to.
 */
import { useSyncExternalStore } from "react";
import { reloadKeepingEdits } from "./pageLifecycle";
import { editJournal, editsPersisted } from "../../stores/pendingEdits";
import { editCount, editsAsText } from "../../stores/restorePlan";
import { useAppStore } from "../../stores/useAppStore";
import { CopyTextButton } from "./KeptText";

const subscribe = (cb: () => void) => editJournal.subscribe(cb);
const unconfirmedCount = () => editJournal.size;
const unconfirmedText = () => editsAsText(editJournal.all());

export function ConnectionBanner() {
  const connection = useAppStore((s) => s.connection);
  const waiting = useSyncExternalStore(subscribe, unconfirmedCount);
  if (connection === "connected" || connection === "connecting") return null;
  if (connection === "reconnecting") {
    return (
      <div className="connection-banner" role="status" data-testid="connection.banner" data-state="reconnecting">
        <span className="spinner" aria-hidden="true" /> Reconnecting…
        {waiting > 0 ? ` ${editCount(waiting)} waiting to be saved.` : null}
      </div>
    );
  }
  return (
    <div className="connection-banner is-closed" role="alert" data-testid="connection.banner" data-state="closed">
      The connection to Cascade was lost.
      {waiting > 0 ? (
        <span data-testid="connection.unsaved">
          {editsPersisted()
            ? ` ${editCount(waiting)} not yet saved — ${waiting === 1 ? "it" : "they"} will be restored after reload (in this tab, once Cascade runs at this address).`
            : ` ${editCount(waiting)} not yet saved, and this browser cannot keep them over a reload: copy them first.`}
        </span>
      ) : null}
      <button type="button" className="btn btn-small" onClick={reloadKeepingEdits}>
        Reload
      </button>
      {waiting > 0 ? <CopyTextButton getText={unconfirmedText} /> : null}
    </div>
  );
}
