// Queue logic with a fake runner: no model, so ordering and routing can be checked exactly.
import { describe, expect, it } from "vitest";
import { Scheduler, SchedulerDisposedError, type SchedulableJob } from "./scheduler";

interface Job extends SchedulableJob {
  id: string;
  fail?: boolean;
}
interface Result {
  id: string;
  slot: number;
  aborted: boolean;
}

/** A scheduler whose jobs run until the test finishes them (or they are aborted). */
function harness(slotCount: number) {
  const started: { id: string; slot: number }[] = [];
  const finishers = new Map<string, () => void>();
  const scheduler = new Scheduler<number, Job, Result>({
    slots: Array.from({ length: slotCount }, (_, i) => i),
    run: (job, _slot, slotIndex, signal) =>
      new Promise<Result>((resolve, reject) => {
        started.push({ id: job.id, slot: slotIndex });
        if (job.fail) {
          reject(new Error(`boom ${job.id}`));
          return;
        }
        finishers.set(job.id, () => resolve({ id: job.id, slot: slotIndex, aborted: false }));
        signal.addEventListener("abort", () => resolve({ id: job.id, slot: slotIndex, aborted: true }));
      }),
    abortedResult: (job) => ({ id: job.id, slot: -1, aborted: true }),
  });
  const tick = () => new Promise<void>((r) => setTimeout(r, 0));
  const finish = async (id: string) => {
    const f = finishers.get(id);
    if (f == null) throw new Error(`${id} is not running`);
    f();
    await tick();
  };
  return { scheduler, started, finish, tick };
}

describe("Scheduler", () => {
  it("runs higher priority first and FIFO among equals", async () => {
    const { scheduler, started, finish, tick } = harness(1);
    const order: string[] = [];
    const submit = (id: string, priority?: number) =>
      scheduler.submit({ id, priority }).then((r) => order.push(r.id));
    const all = [submit("running"), submit("low1", 0), submit("high", 10), submit("low2"), submit("mid", 5)];
    await tick();
    // Jobs submitted in the same tick compete by priority even for the first free slot.
    expect(started.map((s) => s.id)).toEqual(["high"]);
    for (const id of ["high", "mid", "running", "low1", "low2"]) await finish(id);
    await Promise.all(all);
    expect(order).toEqual(["high", "mid", "running", "low1", "low2"]);
  });

  it("runs up to one job per slot at once and tracks the peak", async () => {
    const { scheduler, started, finish, tick } = harness(3);
    const all = ["a", "b", "c", "d", "e"].map((id) => scheduler.submit({ id }));
    await tick();
    expect(started.map((s) => s.id)).toEqual(["a", "b", "c"]);
    expect(new Set(started.map((s) => s.slot)).size).toBe(3);
    expect(scheduler.stats()).toMatchObject({ running: 3, queued: 2, maxConcurrent: 3 });
    for (const id of ["a", "b", "c", "d", "e"]) await finish(id);
    await Promise.all(all);
    expect(scheduler.stats()).toMatchObject({ running: 0, queued: 0, maxConcurrent: 3, started: 5 });
  });

  it("routes by affinity key, otherwise to the least recently used free slot", async () => {
    const { scheduler, started, finish, tick } = harness(3);
    const first = ["x", "y", "z"].map((key) => scheduler.submit({ id: key, affinityKey: key }));
    await tick();
    const slotOf = (id: string) => started.find((s) => s.id === id)!.slot;
    await finish("y");
    await finish("x");
    await finish("z");
    await Promise.all(first);
    // Slot of "y" is now least recently used, slot of "z" most recently used.
    const again = scheduler.submit({ id: "z2", affinityKey: "z" });
    await tick();
    expect(slotOf("z2")).toBe(slotOf("z"));
    const fresh = scheduler.submit({ id: "new" });
    await tick();
    expect(slotOf("new")).toBe(slotOf("y"));
    await finish("z2");
    await finish("new");
    await Promise.all([again, fresh]);
  });

  it("uses another free slot when the preferred one is busy", async () => {
    const { scheduler, started, finish, tick } = harness(2);
    const a = scheduler.submit({ id: "a", affinityKey: "k" });
    const b = scheduler.submit({ id: "b", affinityKey: "k" });
    await tick();
    expect(started.map((s) => s.id)).toEqual(["a", "b"]);
    await finish("a");
    await finish("b");
    await Promise.all([a, b]);
  });

  it("resolves a job aborted while queued without running it", async () => {
    const { scheduler, started, finish, tick } = harness(1);
    const running = scheduler.submit({ id: "running" });
    const controller = new AbortController();
    const queued = scheduler.submit({ id: "queued", signal: controller.signal });
    await tick();
    controller.abort();
    await expect(queued).resolves.toEqual({ id: "queued", slot: -1, aborted: true });
    expect(scheduler.stats().queued).toBe(0);
    await finish("running");
    await running;
    expect(started.map((s) => s.id)).toEqual(["running"]);
  });

  it("resolves an already-aborted job immediately", async () => {
    const { scheduler, started } = harness(1);
    await expect(scheduler.submit({ id: "late", signal: AbortSignal.abort() })).resolves.toMatchObject({
      aborted: true,
      slot: -1,
    });
    expect(started).toEqual([]);
  });

  it("passes an abort through to a running job", async () => {
    const { scheduler, tick } = harness(1);
    const controller = new AbortController();
    const p = scheduler.submit({ id: "r", signal: controller.signal });
    await tick();
    controller.abort();
    await expect(p).resolves.toEqual({ id: "r", slot: 0, aborted: true });
  });

  it("keeps serving after a job throws", async () => {
    const { scheduler, finish, tick } = harness(1);
    const bad = scheduler.submit({ id: "bad", fail: true });
    const good = scheduler.submit({ id: "good" });
    await expect(bad).rejects.toThrow("boom bad");
    await tick();
    await finish("good");
    await expect(good).resolves.toMatchObject({ id: "good", aborted: false });
  });

  it("dispose aborts queued and running jobs and refuses new ones", async () => {
    const { scheduler, tick } = harness(1);
    const running = scheduler.submit({ id: "running" });
    const queued = scheduler.submit({ id: "queued" });
    await tick();
    await scheduler.dispose();
    await expect(running).resolves.toMatchObject({ id: "running", aborted: true, slot: 0 });
    await expect(queued).resolves.toMatchObject({ id: "queued", aborted: true, slot: -1 });
    await expect(scheduler.submit({ id: "after" })).rejects.toBeInstanceOf(SchedulerDisposedError);
  });
});
