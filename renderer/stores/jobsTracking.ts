/**
 * Pure bookkeeping for the jobs panel and live streams: when did we first see a job end (so it can
 * fade a few seconds later, by this window's clock rather than main's), and which live streams are
 * still worth showing. Tested in jobsTracking.test.ts.
 */
import type { JobsSnapshot } from "../../shared/ipc/contract";
import type { GeneratedItem } from "../../shared/prompts/outputSchema";

/** The items a running job has produced so far, not yet part of the project. */
export interface JobStream {
  jobId: string;
  /** "children": items are new children of `parentId`; "alt": items[0] is one alternate of node `parentId`. */
  kind: "children" | "alt";
  parentId: string;
  /** Existing children the job replaces, in order: items[i] is the new text of slots[i]. */
  slots: string[];
  items: GeneratedItem[];
}

/** Queued or running: still worth a cancel button. */
export function isActive(state: string): boolean {
  return state === "queued" || state === "running";
}

/**
 * Updates "first seen finished" times. Jobs already finished in the first snapshot of a session
 * get 0 (long gone), so reopening the app does not replay old results. Ids no longer listed drop out.
 */
export function trackFinished(
  seen: Record<string, number>,
  snapshot: JobsSnapshot,
  now: number,
  initial: boolean,
): Record<string, number> {
  const out: Record<string, number> = {};
  const note = (id: string, state: string) => {
    if (isActive(state)) return;
    out[id] = seen[id] ?? (initial ? 0 : now);
  };
  for (const j of snapshot.jobs) note(j.id, j.state);
  for (const c of snapshot.cascades) note(c.id, c.state);
  return out;
}

/** Keeps only the streams of jobs that are still running. */
export function pruneStreams(streams: Record<string, JobStream>, snapshot: JobsSnapshot): Record<string, JobStream> {
  const running = new Set(snapshot.jobs.filter((j) => j.state === "running").map((j) => j.id));
  let changed = false;
  const out: Record<string, JobStream> = {};
  for (const [id, s] of Object.entries(streams)) {
    if (running.has(id)) out[id] = s;
    else changed = true;
  }
  return changed ? out : streams;
}

/**
 * Children streams indexed by the parent whose children they write (one running job per parent at a
 * time). Alt streams are left out: an alternate is not a child, so it must not show as a ghost row.
 */
export function streamsByParent(streams: Record<string, JobStream>): Map<string, JobStream> {
  const out = new Map<string, JobStream>();
  for (const s of Object.values(streams)) if (s.kind !== "alt") out.set(s.parentId, s);
  return out;
}

/** The live alt streams of one node, by job id. */
export function altStreamsOf(streams: Record<string, JobStream>, nodeId: string): Record<string, JobStream> {
  const out: Record<string, JobStream> = {};
  for (const s of Object.values(streams)) if (s.kind === "alt" && s.parentId === nodeId) out[s.jobId] = s;
  return out;
}
