/**
 * Plain-console formatting for the benchmark: numbers with units, and aligned tables.
 */
import type { Timing } from "./measure";

/** One line of the final summary table. */
export interface SummaryRow {
  section: string;
  measure: string;
  value: string;
  detail: string;
}

/** Where progress goes: console.log normally, nowhere under --json (stdout is then pure JSON). */
export type Log = (line?: string) => void;

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function fmtBytes(n: number): string {
  const mib = n / (1024 * 1024);
  return mib >= 1 ? `${mib.toFixed(2)} MiB (${fmtInt(n)} B)` : `${(n / 1024).toFixed(1)} KiB (${fmtInt(n)} B)`;
}

export function fmtRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : "n/a";
}

export function fmtRate(perSecond: number, unit: string): string {
  return `${fmtInt(perSecond)} ${unit}/s`;
}

/** "median 12.3 ms, p95 14.1 ms (n=40)" */
export function fmtTiming(t: Timing): string {
  return `median ${fmtMs(t.medianMs)}, p95 ${fmtMs(t.p95Ms)} (n=${t.samples})`;
}

/** "median 212 ms (min 205, max 230; n=5)": for the few, long engine rounds. */
export function fmtRounds(t: Timing): string {
  return `median ${fmtMs(t.medianMs)} (min ${fmtMs(t.minMs)}, max ${fmtMs(t.maxMs)}; n=${t.samples})`;
}

/** Left-aligned text columns, right-aligned columns listed in `right`. */
export function table(headers: string[], rows: string[][], right: number[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A two-column "label  value" block, indented, for the per-section output. */
export function labelled(pairs: Array<[string, string]>, indent = "  "): string {
  const w = Math.max(...pairs.map(([l]) => l.length));
  return pairs.map(([l, v]) => `${indent}${l.padEnd(w)}  ${v}`).join("\n");
}
