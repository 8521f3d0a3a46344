/**
 * The provenance dialog's numbers in words: whole percentages that add up to 100, one row per
 * origin, and a generated node's sampling on one line. Pure; tested in provenanceView.test.ts.
 */
import type { Origin } from "../../../shared/story/model";
import { ORIGINS, type ProvenanceGroup, type ProvenanceRow } from "../../../shared/story/provenance";

export const ORIGIN_NAMES: Record<Origin, string> = {
  written: "Written by you",
  generated: "Generated",
  edited: "Generated, then edited",
};

/**
 * Fractions as whole percentages that sum to exactly 100 (largest remainder), so the table never
 * shows 33 + 33 + 33. All zeros (nothing to count) stay zeros.
 */
export function wholePercents(fractions: number[]): number[] {
  const total = fractions.reduce((a, b) => a + b, 0);
  if (total <= 0) return fractions.map(() => 0);
  const exact = fractions.map((f) => (f / total) * 100);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return floors;
}

export interface ShareRow {
  origin: Origin;
  name: string;
  words: number;
  wordPercent: number;
  nodes: number;
  nodePercent: number;
}

/** One row per origin (written, generated, edited), words and nodes with whole percentages. */
export function shareRows(group: ProvenanceGroup): ShareRow[] {
  const wordPercents = wholePercents(ORIGINS.map((o) => group.byOrigin[o].wordShare));
  const nodePercents = wholePercents(ORIGINS.map((o) => group.byOrigin[o].nodeShare));
  return ORIGINS.map((origin, i) => ({
    origin,
    name: ORIGIN_NAMES[origin],
    words: group.byOrigin[origin].words,
    wordPercent: wordPercents[i]!,
    nodes: group.byOrigin[origin].nodes,
    nodePercent: nodePercents[i]!,
  }));
}

const num = (n: number) => String(Number(n.toFixed(3)));

/** "temperature 0.8 · top-p 0.95 · min-p 0.05 · seed 1234", as much as the row has. */
export function samplingText(row: Pick<ProvenanceRow, "temperature" | "topP" | "minP" | "seed">): string {
  const parts: string[] = [];
  if (row.temperature !== undefined) parts.push(`temperature ${num(row.temperature)}`);
  if (row.topP !== undefined) parts.push(`top-p ${num(row.topP)}`);
  if (row.minP !== undefined) parts.push(`min-p ${num(row.minP)}`);
  if (row.seed !== undefined) parts.push(`seed ${row.seed}`);
  return parts.join(" · ");
}

/** "1,234 words". */
export function wordCount(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "word" : "words"}`;
}
