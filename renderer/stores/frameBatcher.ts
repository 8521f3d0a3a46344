/**
 * Coalesces bursts of updates into one per animation frame. With 32 alts streaming, main sends a
 * stream event per token per job; applying each one would mean hundreds of React renders a second.
 * Instead the latest value per key is kept and flushed once per frame.
 *
 * Without `requestAnimationFrame` (tests, workers) updates flush at once, so behaviour stays
 * synchronous and easy to test. Pure apart from the injected scheduler; tested in frameBatcher.test.ts.
 */
export type Schedule = (run: () => void) => void;

export interface FrameBatcher<T> {
  push(key: string, value: T): void;
  /** Applies anything pending now (e.g. before a job's end is processed). */
  flush(): void;
}

export function defaultSchedule(): Schedule | null {
  return typeof requestAnimationFrame === "function" ? (run) => void requestAnimationFrame(run) : null;
}

export function createFrameBatcher<T>(apply: (batch: Map<string, T>) => void, schedule: Schedule | null = defaultSchedule()): FrameBatcher<T> {
  let pending = new Map<string, T>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    apply(batch);
  };
  return {
    push(key, value) {
      pending.set(key, value);
      if (!schedule) return flush();
      if (scheduled) return;
      scheduled = true;
      schedule(flush);
    },
    flush,
  };
}
