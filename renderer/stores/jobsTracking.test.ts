import { describe, expect, it } from "vitest";
import type { JobView, JobsSnapshot } from "../../shared/ipc/contract";
import { altStreamsOf, pruneStreams, streamsByParent, trackFinished } from "./jobsTracking";

const job = (id: string, state: JobView["state"], parentId = "p"): JobView => ({
  id,
  parentId,
  kind: "children",
  batchId: null,
  seed: null,
  sampling: null,
  level: "beat",
  label: id,
  state,
  cascadeId: null,
  tokens: 0,
  error: null,
  startedAt: null,
  endedAt: null,
});
const snap = (...jobs: JobView[]): JobsSnapshot => ({ jobs, cascades: [] });

describe("trackFinished", () => {
  it("stamps a job the first time it is seen finished and keeps that stamp", () => {
    const a = trackFinished({}, snap(job("j1", "running"), job("j2", "done")), 1000, false);
    expect(a).toEqual({ j2: 1000 });
    const b = trackFinished(a, snap(job("j1", "failed"), job("j2", "done")), 2000, false);
    expect(b).toEqual({ j1: 2000, j2: 1000 });
  });
  it("treats jobs already finished at start-up as long gone", () => {
    expect(trackFinished({}, snap(job("old", "done")), 5000, true)).toEqual({ old: 0 });
  });
  it("forgets jobs main no longer lists", () => {
    expect(trackFinished({ gone: 1 }, snap(), 5, false)).toEqual({});
  });
});

describe("streams", () => {
  const s = (jobId: string, parentId: string, kind: "children" | "alt" = "children") => ({ jobId, kind, parentId, slots: [], items: [] });
  it("drops streams of jobs that are no longer running, keeping identity when nothing changes", () => {
    const streams = { j1: s("j1", "a"), j2: s("j2", "b") };
    const pruned = pruneStreams(streams, snap(job("j1", "running"), job("j2", "done")));
    expect(Object.keys(pruned)).toEqual(["j1"]);
    const same = { j1: s("j1", "a") };
    expect(pruneStreams(same, snap(job("j1", "running")))).toBe(same);
  });
  it("indexes streams by parent", () => {
    expect(streamsByParent({ j1: s("j1", "a") }).get("a")?.jobId).toBe("j1");
  });
  it("keeps alt streams out of the tree's children streams, and finds them per node", () => {
    const streams = { j1: s("j1", "a", "alt"), j2: s("j2", "a", "alt"), j3: s("j3", "b", "alt") };
    expect(streamsByParent(streams).size).toBe(0);
    expect(Object.keys(altStreamsOf(streams, "a"))).toEqual(["j1", "j2"]);
    expect(altStreamsOf({ j: s("j", "a") }, "a")).toEqual({});
  });
});
