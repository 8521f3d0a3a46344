import { describe, expect, it } from "vitest";
import type { Alt } from "../../../shared/story/model";
import { altCards, likelihoodFill, reasonWords, samplingWords } from "./altCards";

const JOKE = "My landlord says the rent is going up because the building has character, and the character is a raccoon.";
const alt = (id: string, text: string, fields: Partial<Alt> = {}): Alt => ({
  id,
  title: "",
  text,
  origin: "generated",
  reason: "generated",
  createdAt: "2025-01-01T00:00:00.000Z",
  ...fields,
});

describe("altCards", () => {
  const alts = [
    alt("a", JOKE, { score: -3 }),
    alt("b", JOKE.replace("raccoon", "raccoon!"), { score: -1 }),
    alt("c", "Something else entirely.", { score: -2, starred: true }),
    alt("d", "Hidden one.", { rejected: true, score: 0 }),
  ];
  it("groups near-duplicates under the best-sorted member and hides rejected alts", () => {
    const view = altCards(alts, "score", false);
    expect(view.groups.map((g) => [g.alt.id, g.similar.map((s) => s.id)])).toEqual([
      ["b", ["a"]],
      ["c", []],
    ]);
    expect(view.rejectedCount).toBe(1);
  });
  it("sorts by stars and shows rejected ones last, ungrouped, when asked", () => {
    const view = altCards(alts, "stars", true);
    expect(view.groups.map((g) => g.alt.id)).toEqual(["c", "a", "d"]);
    expect(view.groups[1]!.similar.map((s) => s.id)).toEqual(["b"]);
  });
  it("handles no alts", () => {
    expect(altCards([], "recency", true)).toEqual({ groups: [], rejectedCount: 0 });
  });
});

describe("card words", () => {
  it("maps scores onto a bar, names reasons and sampling", () => {
    expect(likelihoodFill(undefined)).toBeNull();
    expect(likelihoodFill(-3)).toBeCloseTo(0.5);
    expect(likelihoodFill(-20)).toBe(0);
    expect(likelihoodFill(1)).toBe(1);
    expect(reasonWords("replaced-by-regeneration")).toBe("replaced by regeneration");
    expect(samplingWords({ temperature: 0.8, topP: 0.9, minP: 0.05 })).toBe("t 0.80 · top-p 0.90 · min-p 0.05");
    expect(samplingWords(null)).toBe("");
  });
});
