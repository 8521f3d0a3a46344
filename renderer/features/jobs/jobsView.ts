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
