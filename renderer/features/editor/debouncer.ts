/**
 * Sends the latest value of a field some time after the writer stops typing, or at once on flush
 * (blur, switching nodes, before a generation). Knows whether anything is still unsent or in
 * flight, which is what decides whether outside changes may replace the field's content.
 * A send that resolves to `false` was not delivered (the connection dropped): the value stays
 * queued for the next flush, unless newer typing replaced it. Pure (timers only); tested in
 * debouncer.test.ts.
 */
export class Debouncer<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private queued: { value: T } | null = null;
  private inFlight = 0;
  private last: Promise<void> = Promise.resolve();

  constructor(
    private readonly delayMs: number,
    private readonly send: (value: T) => Promise<unknown> | unknown,
    /** Called after each send settles, once `busy` reflects it. */
    private readonly onSettled?: () => void,
  ) {}

  /** Remembers the value and (re)starts the wait. */
  schedule(value: T): void {
    this.queued = { value };
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Sends the queued value now; resolves when it (or the send already in flight) is done. */
  flush(): Promise<void> {
    this.clearTimer();
    const q = this.queued;
    if (!q) return this.last;
    this.queued = null;
    this.inFlight++;
    const sending = (async () => {
      try {
        const delivered = await this.send(q.value);
        if (delivered === false && this.queued === null) this.queued = q;
      } finally {
        this.inFlight--;
        this.onSettled?.();
      }
    })();
    this.last = sending;
    return sending;
  }

  /** Drops a queued value without sending it (the field was replaced from outside). */
  cancel(): void {
    this.clearTimer();
    this.queued = null;
  }

  /** Something typed is not yet confirmed by main. */
  get busy(): boolean {
    return this.queued !== null || this.inFlight > 0;
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** How long after the last keystroke an edit is sent to main. */
export const EDIT_DEBOUNCE_MS = 400;
