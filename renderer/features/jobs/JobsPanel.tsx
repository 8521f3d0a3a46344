/**
 * The strip at the bottom of the window: what the model is doing. Idle, it is one quiet line;
 * while jobs run it lists them with progress and cancel buttons. The summary is an aria-live
 * region, so screen-reader users hear when work starts and ends without hearing every token.
 */
import { useMemo } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { BatchItem, CascadeItem, JobItem } from "./JobItems";
import { hasFadingItems, jobRows, jobsSummary, visibleJobs } from "./jobsView";
import { useNow } from "./useNow";
import "./jobs.css";

export function JobsPanel() {
  const snapshot = useAppStore((s) => s.jobs);
  const seen = useAppStore((s) => s.finishedSeen);
  const dismissed = useAppStore((s) => s.dismissedJobs);
  const cancelAll = useAppStore((s) => s.cancelAll);
  // A generation being checked by the style filter or started: not a job yet, but not idle either.
  const starting = useAppStore((s) => s.filterBusy);
  const requested = useAppStore((s) => s.generationsRequested);
  const now = useNow(hasFadingItems(snapshot, seen, Date.now()));
  const view = useMemo(() => visibleJobs(snapshot, seen, dismissed, now), [snapshot, seen, dismissed, now]);
  const active = view.running + view.queued;
  const empty = view.jobs.length === 0 && view.cascades.length === 0;

  return (
    <section className={`jobs-panel ${empty ? "is-empty" : ""}`} data-testid="jobs.panel" data-starting={starting ? "true" : undefined} data-requested={requested} aria-label="Generation jobs">
      <div className="jobs-head">
        <span className={`jobs-pulse ${active ? "is-active" : ""}`} aria-hidden="true" />
        <span className="jobs-summary" aria-live="polite">
          {jobsSummary(view.running, view.queued)}
        </span>
        {active > 0 || view.cascades.some((c) => c.state === "running") ? (
          <button type="button" className="btn btn-quiet btn-small" onClick={() => void cancelAll()} data-testid="jobs.cancel-all">
            Cancel all
          </button>
        ) : null}
      </div>
      {empty ? null : (
        <ul className="jobs-list">
          {view.cascades.map((c) => (
            <CascadeItem key={c.id} cascade={c} />
          ))}
          {/* A batch row counts every alt of its batch, including those whose own rows have faded. */}
          {jobRows(view.jobs).map((r) => (r.type === "job" ? <JobItem key={r.job.id} job={r.job} /> : <BatchItem key={r.batchId} batchId={r.batchId} jobs={snapshot.jobs.filter((j) => j.batchId === r.batchId)} />))}
        </ul>
      )}
    </section>
  );
}
