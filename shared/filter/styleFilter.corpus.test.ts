/**
 * The labelled corpus (testCases.json, 450+ writer prompts) through the real filter and the shipped
 * creators list: prints precision and recall, and fails below 0.95 recall on protected style requests
 * or above 1% false blocks on benign text. Each protected case must also name the right creator.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCreators } from "../../main/filter/creators";
import { createStyleFilter } from "./styleFilter";
import { DEFAULT_FILTER_SETTINGS, type FilterDecision } from "./types";

interface Case {
  text: string;
  label: "protected" | "benign" | "ambiguous";
  names?: string[];
  today?: string;
  category: string;
}

/**
 * testCases.json was written alongside the filter; holdoutCases.json was written afterwards by someone
 * who had not seen it or the matcher (its first run: recall 0.969, 4.5% false blocks — the misses and
 * false blocks it found were fixed, so it is no longer a blind set; new blind cases belong in a new file).
 */
const load = (file: string) => (JSON.parse(readFileSync(join(import.meta.dirname, file), "utf8")) as { cases: Case[] }).cases;
// reviewCases.json: the false blocks and misses an independent code review found, kept as regressions.
const cases = [...load("testCases.json"), ...load("holdoutCases.json"), ...load("reviewCases.json")];
const filter = createStyleFilter(loadCreators());
const TODAY = "2026-11-23";

function run(c: Case): FilterDecision {
  return filter.check(c.text, { settings: DEFAULT_FILTER_SETTINGS, today: c.today ?? TODAY });
}

const caught = (d: FilterDecision) => d.decision !== "allow" && d.decision !== "warn";

describe("the labelled corpus", () => {
  const results = cases.map((c) => ({ c, d: run(c) }));
  const protectedCases = results.filter((r) => r.c.label === "protected");
  const benign = results.filter((r) => r.c.label === "benign");
  const ambiguous = results.filter((r) => r.c.label === "ambiguous");
  const tp = protectedCases.filter((r) => caught(r.d)).length;
  const fp = benign.filter((r) => caught(r.d)).length;
  const recall = tp / protectedCases.length;
  const precision = tp / Math.max(1, tp + fp);
  const falseBlockRate = fp / benign.length;

  it("has enough cases of every kind", () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    expect(protectedCases.length).toBeGreaterThanOrEqual(150);
    expect(benign.length).toBeGreaterThanOrEqual(150);
    expect(ambiguous.length).toBeGreaterThanOrEqual(5);
  });

  it("prints precision and recall, and holds recall ≥ 0.95 and false blocks ≤ 1%", () => {
    const byCategory = new Map<string, { n: number; ok: number }>();
    for (const r of results) {
      const ok = r.c.label === "benign" ? !caught(r.d) : r.c.label === "ambiguous" ? r.d.decision === "ask" || r.d.decision === "block" : caught(r.d);
      const e = byCategory.get(r.c.category) ?? { n: 0, ok: 0 };
      e.n++;
      if (ok) e.ok++;
      byCategory.set(r.c.category, e);
    }
    console.log(
      `style filter corpus: ${cases.length} cases; recall ${recall.toFixed(3)} (${tp}/${protectedCases.length} protected style requests caught), ` +
        `precision ${precision.toFixed(3)}, false blocks ${(falseBlockRate * 100).toFixed(2)}% (${fp}/${benign.length} benign)\n` +
        [...byCategory].map(([k, v]) => `  ${k}: ${v.ok}/${v.n}`).join("\n"),
    );
    const misses = protectedCases.filter((r) => !caught(r.d)).map((r) => `MISSED: ${r.c.text}`);
    const falseBlocks = benign.filter((r) => caught(r.d)).map((r) => `FALSE BLOCK (${r.d.decision}: ${r.d.matches.map((m) => m.name).join(", ")}): ${r.c.text}`);
    if (misses.length || falseBlocks.length) console.log([...misses, ...falseBlocks].join("\n"));
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(falseBlockRate).toBeLessThanOrEqual(0.01);
  });

  it("names the creator it caught", () => {
    const wrong = protectedCases
      .filter((r) => caught(r.d) && r.c.names?.length)
      .filter((r) => {
        const found = new Set(r.d.matches.flatMap((m) => [m.name, ...(m.candidates ?? []).map((c) => c.name)]));
        return !r.c.names!.some((n) => found.has(n));
      })
      .map((r) => `${r.c.text} → ${r.d.matches.map((m) => m.name).join(", ")} (expected ${r.c.names!.join(", ")})`);
    if (wrong.length) console.log(wrong.join("\n"));
    expect(wrong.length / protectedCases.length).toBeLessThanOrEqual(0.02);
  });

  it("asks when a name is ambiguous", () => {
    const notAsked = ambiguous.filter((r) => r.d.decision !== "ask").map((r) => `${r.c.text} → ${r.d.decision}`);
    expect(notAsked).toEqual([]);
  });

  it("never sends a rewrite that still carries a protected name (re-scanned in strict mode)", () => {
    const strict = { ...DEFAULT_FILTER_SETTINGS, mode: "strict" as const };
    for (const r of results.filter((x) => x.d.decision === "rewrite")) {
      const again = filter.check(r.d.text, { settings: strict, today: r.c.today ?? TODAY });
      expect(again.matches.filter((m) => m.status === "protected"), r.d.text).toEqual([]);
      for (const m of r.d.matches.filter((x) => x.action === "rewrite")) expect(r.d.text.toLowerCase()).not.toContain(m.name.toLowerCase());
    }
  });
});
