import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Alt } from "../story/model";
import { ALT_SORT_KEYS, sortAlts } from "./sortAlts";

function alt(id: string, fields: Partial<Alt> = {}): Alt {
  return { id, title: "", text: `${id} text`, origin: "generated", reason: "generated", createdAt: "2024-01-01T00:00:00.000Z", ...fields };
}

const ids = (alts: Alt[]) => alts.map((a) => a.id);

describe("sortAlts", () => {
  it("stars: starred first, ties in input order", () => {
    const list = [alt("a"), alt("b", { starred: true }), alt("c"), alt("d", { starred: true })];
    expect(ids(sortAlts(list, "stars"))).toEqual(["b", "d", "a", "c"]);
  });

  it("score: higher first, unscored (or non-finite) last, ties in input order", () => {
    const list = [alt("none"), alt("low", { score: -3.5 }), alt("high", { score: -0.8 }), alt("nan", { score: Number.NaN }), alt("tie", { score: -0.8 })];
    expect(ids(sortAlts(list, "score"))).toEqual(["high", "tie", "low", "none", "nan"]);
  });

  it("length: shorter first, counting title, text and speaker", () => {
    const list = [alt("long", { text: "x".repeat(30) }), alt("short", { text: "x" }), alt("titled", { title: "x".repeat(10), text: "x" }), alt("spoken", { speaker: "ANNA", text: "x" })];
    expect(ids(sortAlts(list, "length"))).toEqual(["short", "spoken", "titled", "long"]);
  });

  it("recency: newest first, unparseable times last", () => {
    const list = [
      alt("old", { createdAt: "2023-01-01T00:00:00.000Z" }),
      alt("bad", { createdAt: "yesterday" }),
      alt("new", { createdAt: "2025-06-01T12:00:00.000Z" }),
      alt("mid", { createdAt: "2024-03-01T00:00:00.000Z" }),
    ];
    expect(ids(sortAlts(list, "recency"))).toEqual(["new", "mid", "old", "bad"]);
  });

  it("returns a permutation of a copy (input untouched), and is stable: sorting twice changes nothing", () => {
    const altArb = fc.record({
      starred: fc.option(fc.boolean(), { nil: undefined }),
      score: fc.option(fc.double({ min: -20, max: 0, noNaN: true }), { nil: undefined }),
      text: fc.string({ maxLength: 12 }),
      createdAt: fc.constantFrom("2024-01-01T00:00:00.000Z", "2024-01-02T00:00:00.000Z", "nope"),
    });
    fc.assert(
      fc.property(fc.array(altArb, { maxLength: 20 }), fc.constantFrom(...ALT_SORT_KEYS), (fields, key) => {
        const list = fields.map((f, i) => {
          const a = alt(`a${i}`, { text: f.text, createdAt: f.createdAt });
          if (f.starred !== undefined) a.starred = f.starred;
          if (f.score !== undefined) a.score = f.score;
          return a;
        });
        const copy = [...list];
        const sorted = sortAlts(list, key);
        expect(list).toEqual(copy);
        expect([...ids(sorted)].sort()).toEqual([...ids(list)].sort());
        expect(sortAlts(sorted, key)).toEqual(sorted);
      }),
    );
  });
});
