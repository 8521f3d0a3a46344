import { describe, expect, it } from "vitest";
import type { CascadeView, JobView, JobsSnapshot } from "../../../shared/ipc/contract";
import { FINISHED_VISIBLE_MS, batchSummary, hasFadingItems, jobRows, jobsSummary, visibleJobs } from "./jobsView";

const job = (id: string, state: JobView["state"]): JobView => ({
  id,
  parentId: "p",
  kind: "children",
  batchId: null,
  seed: null,
  sampling: null,
  level: "scene",
  label: id,
  state,
  cascadeId: null,
  tokens: 0,
  error: state === "failed" ? "boom" : null,
  startedAt: null,
  endedAt: null,
});
const cascade = (id: string, state: CascadeView["state"]): CascadeView => ({ id, rootId: "r", state, stepsTotal: 4, stepsDone: 1, message: null });
const snap = (jobs: JobView[], cascades: CascadeView[] = []): JobsSnapshot => ({ jobs, cascades });

describe("visibleJobs", () => {
  const now = 100_000;
  it("always shows active jobs, running first", () => {
    const v = visibleJobs(snap([job("q", "queued"), job("r", "running")]), {}, {}, now);
    expect(v.jobs.map((j) => j.id)).toEqual(["r", "q"]);
    expect([v.running, v.queued]).toEqual([1, 1]);
  });
  it("shows finished jobs for a few seconds, failed ones until dismissed", () => {
    const s = snap([job("d", "done"), job("f", "failed")]);
    const seen = { d: now - 1000, f: now - 60_000 };
    expect(visibleJobs(s, seen, {}, now).jobs.map((j) => j.id)).toEqual(["f", "d"]);
    expect(visibleJobs(s, seen, {}, now + FINISHED_VISIBLE_MS).jobs.map((j) => j.id)).toEqual(["f"]);
    expect(visibleJobs(s, seen, { f: true }, now).jobs.map((j) => j.id)).toEqual(["d"]);
  });
  it("does not replay jobs that ended before the window opened", () => {
    expect(visibleJobs(snap([job("old", "failed")], [cascade("c", "done")]), { old: 0, c: 0 }, {}, now).jobs).toEqual([]);
  });
  it("folds a cascade's finished steps into the cascade's row", () => {
    const step = { ...job("s", "done"), cascadeId: "c" };
    const failedStep = { ...job("f", "failed"), cascadeId: "c" };
    const v = visibleJobs(snap([step, failedStep], [cascade("c", "running")]), { s: now, f: now }, {}, now);
    expect(v.jobs.map((j) => j.id)).toEqual(["f"]);
  });
  it("keeps running cascades", () => {
    expect(visibleJobs(snap([], [cascade("c", "running")]), {}, {}, now).cascades).toHaveLength(1);
  });
});

describe("hasFadingItems and jobsSummary", () => {
  it("knows when something is still fading", () => {
    expect(hasFadingItems(snap([job("d", "done")]), { d: 10 }, 20)).toBe(true);
    expect(hasFadingItems(snap([job("d", "done")]), { d: 10 }, 10 + FINISHED_VISIBLE_MS)).toBe(false);
  });
  it("summarises in words", () => {
    expect(jobsSummary(0, 0)).toBe("The model is idle");
    expect(jobsSummary(2, 1)).toBe("2 writing, 1 waiting");
  });
});

describe("jobRows", () => {
  const inBatch = (id: string, batchId: string, state: JobView["state"] = "running"): JobView => ({ ...job(id, state), kind: "alt", batchId });
  it("folds the alts of one batch into one row where its first job was", () => {
    const rows = jobRows([job("c1", "running"), inBatch("a1", "b1"), job("c2", "queued"), inBatch("a2", "b1", "done"), inBatch("x", "b2", "failed")]);
    expect(rows.map((r) => (r.type === "job" ? r.job.id : `${r.batchId}:${r.jobs.map((j) => j.id).join("+")}`))).toEqual(["c1", "b1:a1+a2", "c2", "b2:x"]);
    expect(batchSummary([inBatch("a", "b"), inBatch("b", "b", "done"), inBatch("c", "b", "failed")])).toBe("1 of 3 done, 1 failed");
  });
});
