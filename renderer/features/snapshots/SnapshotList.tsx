/** The project's snapshots, newest first: what each holds, when, and compare / restore. */
import type { SnapshotSummary } from "../../../shared/story/snapshots";
import { useAppStore } from "../../stores/useAppStore";
import { relativeTime } from "../start/relativeTime";
import { nodeCount, scopeLabel } from "./snapshotText";
import { useRestoreAll } from "./useRestoreAll";

export function SnapshotList() {
  const snapshots = useAppStore((s) => s.snapshots);
  const loading = useAppStore((s) => s.snapshotsLoading);
  if (snapshots.length === 0) {
    return (
      <p className="muted snapshot-empty" data-testid="snapshots.empty">
        {loading ? "Reading snapshots…" : "No snapshots yet. Take one before you try something bold; Cascade takes one itself before every “Regenerate below”."}
      </p>
    );
  }
  return (
    <ol className="snapshot-list" aria-label="Snapshots, newest first" aria-busy={loading}>
      {snapshots.map((s) => (
        <SnapshotItem key={s.id} snapshot={s} />
      ))}
    </ol>
  );
}

function SnapshotItem({ snapshot: s }: { snapshot: SnapshotSummary }) {
  const project = useAppStore((st) => st.projectState?.project);
  const comparingId = useAppStore((st) => st.comparingId);
  const compare = useAppStore((st) => st.compareSnapshot);
  const restoreAll = useRestoreAll(s);
  if (!project) return null;
  return (
    <li className={`snapshot-item ${s.auto ? "auto" : ""}`} data-testid="snapshots.item" data-snapshot-id={s.id}>
      <div className="snapshot-head">
        <span className="snapshot-title">
          <span className="snapshot-name">{s.name}</span>
          {s.auto ? (
            <span className="snapshot-tag" title="Taken automatically before a cascade; only the newest 10 are kept">
              auto
            </span>
          ) : null}
        </span>
        <span className="snapshot-meta">
          <time dateTime={s.at} title={new Date(s.at).toLocaleString()}>
            {relativeTime(s.at)}
          </time>
          {" · "}
          {nodeCount(s.nodeCount)}
          {" · "}
          {scopeLabel(s, project)}
        </span>
      </div>
      <div className="snapshot-actions">
        <button type="button" className="btn btn-small" disabled={comparingId !== null} onClick={() => void compare(s.id)} data-testid="snapshots.compare">
          {comparingId === s.id ? "Comparing…" : "Compare with now"}
        </button>
        {restoreAll.button}
      </div>
      {restoreAll.confirm}
    </li>
  );
}
