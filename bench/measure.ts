/**
 * Timing helpers for the benchmark: warm up, then sample with performance.now(), and summarize as
 * median / p95 (nearest rank) / min / max. Nothing here asserts a speed; it only measures.
 */

export interface Timing {
  medianMs: number;
  /** Nearest-rank 95th percentile (with fewer than 20 samples this is the largest one). */
  p95Ms: number;
  minMs: number;
  maxMs: number;
  samples: number;
}

export interface SampleOptions {
  /** Untimed runs first (JIT, caches, first-touch allocations). */
  warmup: number;
  /** Timed samples. */
  samples: number;
  /** Calls per sample; the sample is their mean. Use > 1 for calls far below a millisecond. */
  inner?: number;
}

/** Keeps results reachable so no call can be optimized away. */
let sink: unknown;
export function keep(value: unknown): void {
  sink = value;
}
export function lastKept(): unknown {
  return sink;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: median(sorted),
    p95Ms: percentile(sorted, 95),
    minMs: sorted[0] ?? Number.NaN,
    maxMs: sorted.at(-1) ?? Number.NaN,
    samples: sorted.length,
  };
}

/** Median and range of a few values that are not durations (rates, counts). */
export interface Spread {
  median: number;
  min: number;
  max: number;
  samples: number;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), samples: values.length };
}

/** Times a synchronous call. `fn` gets a running call index, so each call can vary its input. */
export function timeSync(fn: (call: number) => unknown, opts: SampleOptions): Timing {
  const inner = Math.max(1, opts.inner ?? 1);
  let call = 0;
  for (let i = 0; i < opts.warmup * inner; i++) keep(fn(call++));
  const samples: number[] = [];
  for (let s = 0; s < opts.samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) keep(fn(call++));
    samples.push((performance.now() - t0) / inner);
  }
  return summarize(samples);
}

/** Times an asynchronous call, one at a time. */
export async function timeAsync(fn: (call: number) => Promise<unknown>, opts: Omit<SampleOptions, "inner">): Promise<Timing> {
  let call = 0;
  for (let i = 0; i < opts.warmup; i++) keep(await fn(call++));
  const samples: number[] = [];
  for (let s = 0; s < opts.samples; s++) {
    const t0 = performance.now();
    keep(await fn(call++));
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}
