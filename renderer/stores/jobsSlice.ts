/**
 * Generation jobs as main reports them (`jobs:did-change`), the live text of running ones
 * (`job:did-stream`), and the verbs that start or cancel them. Starting a job returns at once; its
 * progress and result arrive as events.
 */
import type { JobsSnapshot } from "../../shared/ipc/contract";
import type { Level } from "../../shared/story/model";
import { firstParentFor } from "../features/filter/preflight";
import { request, type ReportError } from "./apiAccess";
import { createFrameBatcher } from "./frameBatcher";
import { isActive, type JobStream, pruneStreams, trackFinished } from "./jobsTracking";
import type { SliceCreator } from "./storeTypes";

export interface JobsSlice {
  jobs: JobsSnapshot;
  /** Live streams by job id. */
  streams: Record<string, JobStream>;
  /** Local time (ms) each finished job or cascade was first seen finished; drives the fade-out. */
  finishedSeen: Record<string, number>;
  /** Failed jobs the writer has read and closed. */
  dismissedJobs: Record<string, true>;

  /** `initial`: the first load of this window, whose already-finished jobs are history, not news. */
  loadJobs(initial?: boolean): Promise<void>;
  receiveJobs(snapshot: JobsSnapshot, initial?: boolean): void;
  /** Applied once per animation frame (see frameBatcher.ts), not once per token. */
  receiveStream(stream: JobStream): void;
  generateChildren(nodeId: string): Promise<void>;
  generateLevel(level: Exclude<Level, "premise">): Promise<void>;
  regenerateBelow(nodeId: string): Promise<void>;
  /** A job id, or a batch id (cancels every alt of that batch). */
  cancel(jobId: string): Promise<void>;
  cancelAll(): Promise<void>;
  dismissJob(id: string): void;
}

export const createJobsSlice: SliceCreator<JobsSlice> = (set, get) => {
  const report: ReportError = (e) => get().reportError(e);
  // A late stream event for a job that already ended would resurrect its ghost rows: checked again
  // when the frame's batch is applied, since the job may have ended in between.
  const stillRunning = (jobId: string) => {
    const job = get().jobs.jobs.find((j) => j.id === jobId);
    return !job || isActive(job.state);
  };
  const streamBatch = createFrameBatcher<JobStream>((batch) => {
    const live = [...batch.values()].filter((st) => stillRunning(st.jobId));
    if (live.length === 0) return;
    set((s) => {
      const streams = { ...s.streams };
      for (const st of live) streams[st.jobId] = st;
      return { streams };
    });
  });
  return {
    jobs: { jobs: [], cascades: [] },
    streams: {},
    finishedSeen: {},
    dismissedJobs: {},

    async loadJobs(initial = false) {
      const snapshot = await request("jobs:list", {}, report);
      if (snapshot) get().receiveJobs(snapshot, initial);
    },
    receiveJobs(snapshot, initial = false) {
      // Pending text first, so the last frame of a job that just ended is not applied after its end.
      streamBatch.flush();
      set((s) => ({
        jobs: snapshot,
        streams: pruneStreams(s.streams, snapshot),
        finishedSeen: trackFinished(s.finishedSeen, snapshot, Date.now(), initial),
      }));
    },
    receiveStream(stream) {
      if (stillRunning(stream.jobId)) streamBatch.push(stream.jobId, stream);
    },
    // Each generation goes through the style filter's preview of its prompt (filterSlice.ts, which
    // also sends pending typing first): nothing runs before the writer has seen a rewrite, a
    // question or a block.
    async generateChildren(nodeId) {
      await get().preflight({
        preview: { nodeId, purpose: "children" },
        run: async () => void (await request("generate:children", { nodeId }, report)),
      });
    },
    async generateLevel(level) {
      const project = get().projectState?.project;
      const first = project ? firstParentFor(project, level) : null;
      // The first parent's prompt stands for the level (main checks each one); with no parent yet, main says what is missing.
      await get().preflight({
        preview: first ? { nodeId: first, purpose: "children" } : null,
        run: async () => void (await request("generate:level", { level }, report)),
      });
    },
    async regenerateBelow(nodeId) {
      // The node's own children prompt stands for the cascade; main checks every prompt of it.
      await get().preflight({
        preview: { nodeId, purpose: "children" },
        run: async () => void (await request("cascade:run", { nodeId }, report)),
      });
    },
    async cancel(jobId) {
      await request("jobs:cancel", { jobId }, report);
    },
    async cancelAll() {
      await request("jobs:cancel", { all: true }, report);
    },
    dismissJob(id) {
      set((s) => ({ dismissedJobs: { ...s.dismissedJobs, [id]: true } }));
    },
  };
};
