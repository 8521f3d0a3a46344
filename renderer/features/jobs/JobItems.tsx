/** One job, alt batch or cascade in the jobs panel: what it is, how far along, and a way to stop or dismiss it. */
import type { CascadeView, JobView } from "../../../shared/ipc/contract";
import { useAppStore } from "../../stores/useAppStore";
import { CloseIcon } from "../../ui/icons";
import { batchSummary } from "./jobsView";

const STATE_WORDS: Record<string, string> = {
  queued: "Waiting",
  running: "Writing",
  done: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function JobItem({ job }: { job: JobView }) {
  const cancel = useAppStore((s) => s.cancel);
  const dismiss = useAppStore((s) => s.dismissJob);
  const active = job.state === "queued" || job.state === "running";
  return (
    <li className={`job-item is-${job.state}`} data-testid="jobs.item" data-state={job.state} data-job-id={job.id}>
      <span className={`job-state state-${job.state}`}>{STATE_WORDS[job.state]}</span>
      <span className="job-label" title={job.label}>
        {job.label}
      </span>
      {job.state === "running" ? <span className="job-bar indeterminate" aria-hidden="true" /> : null}
      <span className="job-tokens">{job.tokens > 0 ? `${job.tokens.toLocaleString()} tokens` : ""}</span>
      {job.error ? (
        <span className="job-error" role="alert">
          {job.error}
        </span>
      ) : null}
      {active ? (
        <button type="button" className="btn btn-quiet btn-small" onClick={() => void cancel(job.id)} data-testid="jobs.cancel" aria-label={`Cancel: ${job.label}`}>
          Cancel
        </button>
      ) : job.state === "failed" ? (
        <button type="button" className="btn btn-icon btn-quiet btn-small" onClick={() => dismiss(job.id)} aria-label="Dismiss" title="Dismiss">
          <CloseIcon size={12} />
        </button>
      ) : null}
    </li>
  );
}

export function CascadeItem({ cascade }: { cascade: CascadeView }) {
  const cancel = useAppStore((s) => s.cancel);
  const dismiss = useAppStore((s) => s.dismissJob);
  const running = cascade.state === "running";
  const pct = cascade.stepsTotal > 0 ? Math.round((cascade.stepsDone / cascade.stepsTotal) * 100) : 0;
  return (
    <li className={`job-item cascade-item is-${cascade.state}`} data-testid="jobs.item" data-state={cascade.state} data-cascade-id={cascade.id}>
      <span className={`job-state state-${cascade.state}`}>{running ? "Cascading" : (STATE_WORDS[cascade.state] ?? cascade.state)}</span>
      <span className="job-label">
        Regenerate below — step {Math.min(cascade.stepsDone + (running ? 1 : 0), cascade.stepsTotal)} of {cascade.stepsTotal}
      </span>
      <span
        className="progress"
        role="progressbar"
        aria-label="Regenerate below progress"
        aria-valuemin={0}
        aria-valuemax={cascade.stepsTotal}
        aria-valuenow={cascade.stepsDone}
        data-testid="jobs.progress"
      >
        <span className="progress-fill" style={{ width: `${pct}%` }} />
      </span>
      {cascade.message ? <span className={cascade.state === "failed" ? "job-error" : "job-note"}>{cascade.message}</span> : null}
      {running ? (
        <button type="button" className="btn btn-quiet btn-small" onClick={() => void cancel(cascade.id)} data-testid="jobs.cancel" aria-label="Cancel regenerate below">
          Cancel
        </button>
      ) : cascade.state === "failed" ? (
        <button type="button" className="btn btn-icon btn-quiet btn-small" onClick={() => dismiss(cascade.id)} aria-label="Dismiss" title="Dismiss">
          <CloseIcon size={12} />
        </button>
      ) : null}
    </li>
  );
}

/** The alts of one batch as one row: how many are done, all their tokens, and one Stop for the batch. */
export function BatchItem({ batchId, jobs }: { batchId: string; jobs: JobView[] }) {
  const cancel = useAppStore((s) => s.cancel);
  const dismiss = useAppStore((s) => s.dismissJob);
  const active = jobs.some((j) => j.state === "queued" || j.state === "running");
  const state = active ? "running" : jobs.some((j) => j.state === "failed") ? "failed" : jobs.every((j) => j.state === "cancelled") ? "cancelled" : "done";
  const done = jobs.filter((j) => j.state === "done").length;
  const tokens = jobs.reduce((n, j) => n + j.tokens, 0);
  const error = jobs.find((j) => j.error)?.error;
  const level = jobs[0]?.level ?? "node";
  const label = `${jobs.length} ${jobs.length === 1 ? "alt" : "alts"} of the ${level}`;
  return (
    <li className={`job-item is-${state}`} data-testid="jobs.item" data-state={state} data-batch-id={batchId}>
      <span className={`job-state state-${state}`}>{STATE_WORDS[state]}</span>
      <span className="job-label" title={jobs[0]?.label}>
        {label} — {batchSummary(jobs)}
      </span>
      <span className="progress" role="progressbar" aria-label="Alts done" aria-valuemin={0} aria-valuemax={jobs.length} aria-valuenow={done}>
        <span className="progress-fill" style={{ width: `${Math.round((done / Math.max(1, jobs.length)) * 100)}%` }} />
      </span>
      <span className="job-tokens">{tokens > 0 ? `${tokens.toLocaleString()} tokens` : ""}</span>
      {error ? (
        <span className="job-error" role="alert">
          {error}
        </span>
      ) : null}
      {active ? (
        <button type="button" className="btn btn-quiet btn-small" onClick={() => void cancel(batchId)} data-testid="jobs.cancel" aria-label={`Stop all: ${label}`}>
          Stop all
        </button>
      ) : state === "failed" ? (
        <button type="button" className="btn btn-icon btn-quiet btn-small" onClick={() => jobs.forEach((j) => dismiss(j.id))} aria-label="Dismiss" title="Dismiss">
          <CloseIcon size={12} />
        </button>
      ) : null}
    </li>
  );
}
