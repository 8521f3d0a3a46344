/**
 * Hands jobs to a fixed set of slots (the context's sequences). Running up to one job per slot at
 * once is what lets alternatives and independent siblings decode together in one batched context;
 * the queue decides who gets a slot next. Knows nothing about models, so it is testable with fakes.
 */

export interface SchedulableJob {
  /** Higher runs first; FIFO among equals. Default 0. */
  priority?: number;
  /** Jobs with the same key prefer the slot that last served it (its KV cache holds their prefix). */
  affinityKey?: string;
  signal?: AbortSignal;
}

export interface SchedulerOptions<Slot, Job extends SchedulableJob, Result> {
  slots: readonly Slot[];
  /** Runs one job on a slot. Must honour `signal` (resolve with partial output when aborted). */
  run: (job: Job, slot: Slot, slotIndex: number, signal: AbortSignal) => Promise<Result>;
  /** The result for a job that was cancelled before it produced anything. */
  abortedResult: (job: Job) => Result;
}

export interface SchedulerStats {
  /** Jobs that were given a slot. */
  started: number;
  running: number;
  queued: number;
  /** Peak number of jobs running at the same time. */
  maxConcurrent: number;
}

interface Entry<Job, Result> {
  job: Job;
  priority: number;
  order: number;
  state: "queued" | "running" | "done";
  controller: AbortController;
  resolve: (r: Result) => void;
  reject: (e: unknown) => void;
  detach: () => void;
}

interface SlotState {
  busy: boolean;
  lastKey: string | undefined;
  /** Logical clock of the last release; 0 = never used, so fresh slots are picked first. */
  lastUsed: number;
}

export class SchedulerDisposedError extends Error {
  override readonly name = "SchedulerDisposedError";
  constructor() {
    super("The generation engine has been shut down");
  }
}

export class Scheduler<Slot, Job extends SchedulableJob, Result> {
  private readonly opts: SchedulerOptions<Slot, Job, Result>;
  private readonly slotStates: SlotState[];
  private readonly queue: Entry<Job, Result>[] = [];
  private readonly active = new Set<Promise<void>>();
  private readonly runningEntries = new Set<Entry<Job, Result>>();
  private order = 0;
  private clock = 0;
  private pumpScheduled = false;
  private disposed = false;
  private counters = { started: 0, maxConcurrent: 0 };

  constructor(opts: SchedulerOptions<Slot, Job, Result>) {
    if (opts.slots.length < 1) throw new Error("Scheduler needs at least one slot");
    this.opts = opts;
    this.slotStates = opts.slots.map(() => ({ busy: false, lastKey: undefined, lastUsed: 0 }));
  }

  /**
   * Queues a job and resolves with its result. A job aborted while queued resolves with
   * `abortedResult(job)` and never runs; a job whose run throws rejects without affecting others.
   */
  submit(job: Job): Promise<Result> {
    if (this.disposed) return Promise.reject(new SchedulerDisposedError());
    return new Promise<Result>((resolve, reject) => {
      if (job.signal?.aborted) {
        resolve(this.opts.abortedResult(job));
        return;
      }
      const controller = new AbortController();
      const forward = () => controller.abort(job.signal?.reason);
      job.signal?.addEventListener("abort", forward, { once: true });
      const entry: Entry<Job, Result> = {
        job,
        priority: Number.isFinite(job.priority) ? (job.priority as number) : 0,
        order: this.order++,
        state: "queued",
        controller,
        resolve,
        reject,
        detach: () => job.signal?.removeEventListener("abort", forward),
      };
      controller.signal.addEventListener(
        "abort",
        () => {
          if (entry.state !== "queued") return; // running jobs stop through the signal passed to run()
          const i = this.queue.indexOf(entry);
          if (i >= 0) this.queue.splice(i, 1);
          entry.state = "done";
          entry.detach();
          resolve(this.opts.abortedResult(job));
        },
        { once: true },
      );
      this.queue.push(entry);
      this.schedulePump();
    });
  }

  /** Current and cumulative counters. */
  stats(): SchedulerStats {
    return {
      started: this.counters.started,
      running: this.runningEntries.size,
      queued: this.queue.length,
      maxConcurrent: this.counters.maxConcurrent,
    };
  }

  /** Cancels every queued and running job, waits for running ones to stop, and refuses new work. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const reason = new SchedulerDisposedError();
    for (const entry of [...this.queue]) entry.controller.abort(reason);
    for (const entry of this.runningEntries) entry.controller.abort(reason);
    await Promise.allSettled([...this.active]);
  }

  // Pumping on a microtask lets jobs submitted in the same tick compete by priority instead of
  // the first one grabbing a free slot just because it was submitted first.
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    queueMicrotask(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (!this.disposed && this.queue.length > 0) {
      const entryIndex = this.bestEntryIndex();
      const entry = this.queue[entryIndex]!;
      const slotIndex = this.pickSlot(entry.job.affinityKey);
      if (slotIndex < 0) return;
      this.queue.splice(entryIndex, 1);
      this.start(entry, slotIndex);
    }
  }

  private bestEntryIndex(): number {
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[best]!;
      if (a.priority > b.priority || (a.priority === b.priority && a.order < b.order)) best = i;
    }
    return best;
  }

  /** A free slot that last served `key`, else the least recently used free slot; -1 if none is free. */
  private pickSlot(key: string | undefined): number {
    let lru = -1;
    for (let i = 0; i < this.slotStates.length; i++) {
      const s = this.slotStates[i]!;
      if (s.busy) continue;
      if (key != null && s.lastKey === key) return i;
      if (lru < 0 || s.lastUsed < this.slotStates[lru]!.lastUsed) lru = i;
    }
    return lru;
  }

  private start(entry: Entry<Job, Result>, slotIndex: number): void {
    const slot = this.slotStates[slotIndex]!;
    slot.busy = true;
    slot.lastKey = entry.job.affinityKey;
    entry.state = "running";
    this.runningEntries.add(entry);
    this.counters.started++;
    this.counters.maxConcurrent = Math.max(this.counters.maxConcurrent, this.runningEntries.size);

    // Free the slot before settling the caller's promise, so a follow-up submitted from the
    // caller's continuation already sees the slot (and its affinity) available.
    const release = () => {
      slot.busy = false;
      slot.lastUsed = ++this.clock;
      this.runningEntries.delete(entry);
      entry.state = "done";
      entry.detach();
      this.schedulePump();
    };

    const done = (async () => this.opts.run(entry.job, this.opts.slots[slotIndex]!, slotIndex, entry.controller.signal))()
      .then(
        (result) => {
          release();
          entry.resolve(result);
        },
        (err: unknown) => {
          release();
          // A run that died because it was cancelled still counts as a cancellation, not a failure.
          if (entry.controller.signal.aborted) entry.resolve(this.opts.abortedResult(entry.job));
          else entry.reject(err);
        },
      )
      .finally(() => this.active.delete(done));
    this.active.add(done);
  }
}
