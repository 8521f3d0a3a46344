import { describe, expect, it } from "vitest";
import type { FilterMatch } from "../../../shared/filter/types";
import { storyFixture } from "../../testing/storyFixture";
import { allowNote, firstParentFor, preflightStep } from "./preflight";

const austen: FilterMatch = {
  name: "Jane Austen",
  start: 0,
  end: 27,
  matched: "in the style of Jane Austen",
  nameStart: 16,
  nameEnd: 27,
  replaceStart: 0,
  replaceEnd: 27,
  status: "public-domain",
  reason: "Jane Austen, 1775–1817 — public domain (life+70)",
  action: "allow",
};

describe("preflightStep", () => {
  it("runs allow at once, with a note naming public-domain and allow-listed creators", () => {
    const listed: FilterMatch = { ...austen, name: "Jerry Seinfeld", status: "allow-listed", reason: "On this project's allow list: licensed parody" };
    expect(preflightStep({ decision: "allow", matches: [] })).toEqual({ run: true, note: null });
    expect(preflightStep({ decision: "allow", matches: [austen, austen, listed] })).toEqual({
      run: true,
      note: "Jane Austen, 1775–1817 — public domain (life+70); Jerry Seinfeld — on this project's allow list: licensed parody",
    });
  });

  it("runs warn with its message, and stops rewrite, ask and block for the dialog", () => {
    expect(preflightStep({ decision: "warn", matches: [], message: "Sent as written (Warn mode)." })).toEqual({ run: true, note: "Sent as written (Warn mode)." });
    for (const decision of ["rewrite", "ask", "block"] as const) expect(preflightStep({ decision, matches: [] })).toEqual({ run: false });
  });

  it("says nothing about matches the filter acted on", () => {
    expect(allowNote([{ ...austen, action: "rewrite", status: "protected" }])).toBeNull();
  });
});

describe("firstParentFor", () => {
  it("finds the first parent of a level in reading order", () => {
    const p = storyFixture([0, 2, 1]);
    expect(firstParentFor(p, "beat")).toBe("premise");
    expect(firstParentFor(p, "scene")).toBe("b1");
    expect(firstParentFor(p, "line")).toBe("b2s1");
    expect(firstParentFor(storyFixture([]), "scene")).toBeNull();
  });
});
