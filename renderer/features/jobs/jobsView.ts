/**
 * Which jobs the panel shows: running and queued ones always; finished ones for a few seconds
 * (they fade; a cascade's finished steps are summed up by its own row); failed ones until the
 * writer closes them, so an error is never missed. Jobs that
 * had already ended before this window opened are not replayed. Pure; tested in jobsView.test.ts.
 */
import type { CascadeView, JobView, JobsSnapshot } from "../../../shared/ipc/contract";

export const FINISHED_VISIBLE_MS = 4_000;

export interface VisibleJobs {
  cascades: CascadeView[];
  jobs: JobView[];
  running: number;
  queued: number;
}

const ORDER: Record<string, number> = { running: 0, queued: 1, failed: 2, done: 3, cancelled: 3 };

export function visibleJobs(snapshot: JobsSnapshot, seen: Record<string, number>, dismissed: Record<string, true>, now: number): VisibleJobs {
  const show = (id: string, state: string, inCascade = false) => {
    if (state === "queued" || state === "running") return true;
    // A cascade's finished steps are summed up by the cascade's own row.
    if (inCascade && state !== "failed") return false;
    const at = seen[id] ?? now;
    if (at === 0 || dismissed[id]) return false;
    return state === "failed" || now - at < FINISHED_VISIBLE_MS;
  };
  const cascades = snapshot.cascades.filter((c) => show(c.id, c.state));
  const jobs = snapshot.jobs.filter((j) => show(j.id, j.state, j.cascadeId !== null)).sort((a, b) => (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9));
  return {
    cascades,
    jobs,
    running: snapshot.jobs.filter((j) => j.state === "running").length,
    queued: snapshot.jobs.filter((j) => j.state === "queued").length,
  };
}

/** Whether some finished item is still on its way out (the panel re-renders until it is gone). */
export function hasFadingItems(snapshot: JobsSnapshot, seen: Record<string, number>, now: number): boolean {
  return Object.values(seen).some((at) => at > 0 && now - at < FINISHED_VISIBLE_MS) && snapshot.jobs.length + snapshot.cascades.length > 0;
}

/** The one-line summary read out by screen readers and shown in the panel's header. */
export function jobsSummary(running: number, queued: number): string {
  if (running === 0 && queued === 0) return "The model is idle";
  const parts = [];
  if (running) parts.push(`${running} writing`);
  if (queued) parts.push(`${queued} waiting`);
  return parts.join(", ");
}

/** One line of the jobs list: a single job, or the alts of one batch summed up in one row. */
export type JobRow = { type: "job"; job: JobView } | { type: "batch"; batchId: string; jobs: JobView[] };

/**
 * Folds alt jobs that share a batch into one row (32 alts are one request to the writer), placed
 * where the batch's first job would be. Jobs without a batch stay as they are.
 */
export function jobRows(jobs: readonly JobView[]): JobRow[] {
  const rows: JobRow[] = [];
  const batches = new Map<string, JobView[]>();
  for (const job of jobs) {
    if (!job.batchId) {
      rows.push({ type: "job", job });
      continue;
    }
    const members = batches.get(job.batchId);
    if (members) members.push(job);
    else {
      const fresh = [job];
      batches.set(job.batchId, fresh);
      rows.push({ type: "batch", batchId: job.batchId, jobs: fresh });
    }
  }
  return rows;
}

/** "Alts: 3 of 8 done, 1 failed" for a batch row. */
export function batchSummary(jobs: readonly JobView[]): string {
  const count = (state: string) => jobs.filter((j) => j.state === state).length;
  const parts = [`${count("done")} of ${jobs.length} done`];
  if (count("failed")) parts.push(`${count("failed")} failed`);
  if (count("cancelled")) parts.push(`${count("cancelled")} stopped`);
  return parts.join(", ");
}
