/**
 * The jobs the writer sees: queued, running and recently finished generations, each cancellable.
 * Owns their AbortControllers and publishes `jobs:did-change` / `job:did-stream`.
 *
 * Must hold: every job ends in exactly one of done / failed / cancelled; `whenIdle` resolves only
 * when no job is queued or running.
 */
import { newId } from "../../shared/story/ids";
import type { CascadeView, JobsSnapshot, JobView } from "../../shared/ipc/contract";
import type { GeneratedItem } from "../../shared/prompts/outputSchema";
import type { Level } from "../../shared/story/model";
import type { SamplingProfile } from "../../shared/story/sampling";

interface JobRecord {
  view: JobView;
  controller: AbortController;
}

/** Finished jobs stay listed this long so the UI can show how they ended. */
const KEEP_FINISHED = 40;

export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly cascades = new Map<string, CascadeView & { controller: AbortController }>();
  private idleWaiters: Array<() => void> = [];
  private changeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly emitJobs: (s: JobsSnapshot) => void,
    private readonly emitStream: (e: { jobId: string; kind: JobView["kind"]; parentId: string; slots: string[]; items: GeneratedItem[] }) => void,
  ) {}

  /**
   * Registers a queued job; `parent` aborts it too (a cascade's controller). `opts.kind` defaults to
   * "children"; alts asked for together share `opts.batchId`.
   */
  add(
    parentId: string,
    level: Level,
    label: string,
    cascadeId: string | null,
    parent?: AbortSignal,
    opts: { kind?: JobView["kind"]; batchId?: string } = {},
  ): JobRecord {
    const controller = new AbortController();
    if (parent) {
      if (parent.aborted) controller.abort();
      else parent.addEventListener("abort", () => controller.abort(), { once: true });
    }
    const view: JobView = {
      id: newId("job"),
      kind: opts.kind ?? "children",
      parentId,
      level,
      label,
      state: "queued",
      cascadeId,
      batchId: opts.batchId ?? null,
      seed: null,
      sampling: null,
      tokens: 0,
      error: null,
      startedAt: null,
      endedAt: null,
    };
    const rec = { view, controller };
    this.jobs.set(view.id, rec);
    this.prune();
    this.changed(true);
    return rec;
  }

  start(rec: JobRecord): void {
    rec.view = { ...rec.view, state: "running", startedAt: new Date().toISOString() };
    this.changed(true);
  }

  /** Records the seed and sampling a job runs with, once it has chosen them. */
  configure(rec: JobRecord, seed: number, sampling: SamplingProfile): void {
    rec.view = { ...rec.view, seed, sampling: { ...sampling } };
    this.changed(true);
  }

  stream(rec: JobRecord, slots: string[], items: GeneratedItem[], tokens: number): void {
    rec.view = { ...rec.view, tokens };
    this.emitStream({ jobId: rec.view.id, kind: rec.view.kind, parentId: rec.view.parentId, slots, items });
    this.changed(false);
  }

  finish(rec: JobRecord, state: "done" | "failed" | "cancelled", error: string | null = null): void {
    rec.view = { ...rec.view, state, error, endedAt: new Date().toISOString() };
    this.changed(true);
    this.checkIdle();
  }

  addCascade(rootId: string, stepsTotal: number): CascadeView & { controller: AbortController } {
    const c = { id: newId("cascade"), rootId, state: "running" as const, stepsTotal, stepsDone: 0, message: null, controller: new AbortController() };
    this.cascades.set(c.id, c);
    this.changed(true);
    return c;
  }

  updateCascade(id: string, changes: Partial<CascadeView>): void {
    const c = this.cascades.get(id);
    if (!c) return;
    Object.assign(c, changes);
    this.changed(true);
    this.checkIdle();
  }

  /** Cancels one job or cascade by id, every job of a batch by the batch id, or everything. Returns how many were cancelled. */
  cancel(target: { jobId?: string; all?: boolean }): number {
    let n = 0;
    for (const c of this.cascades.values()) {
      if (c.state === "running" && (target.all || c.id === target.jobId)) {
        c.controller.abort();
        n++;
      }
    }
    for (const rec of this.jobs.values()) {
      const active = rec.view.state === "queued" || rec.view.state === "running";
      const named = rec.view.id === target.jobId || (rec.view.batchId !== null && rec.view.batchId === target.jobId);
      if (active && (target.all || named) && !rec.controller.signal.aborted) {
        rec.controller.abort();
        n++;
      }
    }
    return n;
  }

  snapshot(): JobsSnapshot {
    return {
      jobs: [...this.jobs.values()].map((r) => r.view),
      cascades: [...this.cascades.values()].map(({ controller: _c, ...view }) => view),
    };
  }

  isIdle(): boolean {
    for (const r of this.jobs.values()) if (r.view.state === "queued" || r.view.state === "running") return false;
    for (const c of this.cascades.values()) if (c.state === "running") return false;
    return true;
  }

  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** State changes go out at once; token counts are batched. */
  private changed(now: boolean): void {
    if (now) {
      if (this.changeTimer) clearTimeout(this.changeTimer);
      this.changeTimer = null;
      this.emitJobs(this.snapshot());
    } else if (!this.changeTimer) {
      this.changeTimer = setTimeout(() => {
        this.changeTimer = null;
        this.emitJobs(this.snapshot());
      }, 150);
    }
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((r) => r.view.state !== "queued" && r.view.state !== "running");
    for (const r of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(r.view.id);
    const doneCascades = [...this.cascades.values()].filter((c) => c.state !== "running");
    for (const c of doneCascades.slice(0, Math.max(0, doneCascades.length - 10))) this.cascades.delete(c.id);
  }
}

export type { JobRecord };
