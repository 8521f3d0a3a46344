import { describe, expect, it } from "vitest";
import { beatLabel, cardBadge, cardHeading, cardSummary, countLabel } from "./boardText";

describe("cardBadge", () => {
  it("puts what the writer must decide first, then the lock, then who wrote it", () => {
    expect(cardBadge("stale", "generated", true).kind).toBe("stale");
    expect(cardBadge("inputs-changed", "written", true)).toMatchObject({ kind: "inputs-changed", label: "inputs changed" });
    expect(cardBadge("fresh", "edited", true).kind).toBe("locked");
    expect(cardBadge("fresh", "edited", false).kind).toBe("edited");
    expect(cardBadge("fresh", "written", false).kind).toBe("written");
    expect(cardBadge("fresh", "generated", false)).toMatchObject({ kind: "fresh", label: "fresh" });
  });

  it("says who wrote it and whether it is locked in the tooltip", () => {
    expect(cardBadge("stale", "generated", true).title).toContain("Locked");
    expect(cardBadge("fresh", "written", false).title).toBe("Written by you");
  });
});

describe("card text", () => {
  it("heads a card with its title, else the first words of its text", () => {
    expect(cardHeading({ title: "  The heist ", text: "They go in." })).toBe("The heist");
    expect(cardHeading({ title: "", text: "They go in at night and nobody sees them at all, not even the dog next door." })).toBe(
      "They go in at night and nobody sees them at all, not even…",
    );
    expect(cardHeading({ title: " ", text: "  " })).toBeNull();
  });

  it("summarises the text only under a title (no repeat of the heading)", () => {
    expect(cardSummary({ title: "The heist", text: "They go\nin." })).toBe("They go in.");
    expect(cardSummary({ title: "", text: "They go in." })).toBe("");
  });

  it("names beats for menus and counts things in words", () => {
    expect(beatLabel(2, { title: "Midpoint", text: "x" })).toBe("Beat 2: Midpoint");
    expect(beatLabel(3, { title: "", text: "" })).toBe("Beat 3");
    expect(countLabel(0, "line")).toBe("No lines");
    expect(countLabel(1, "scene")).toBe("1 scene");
    expect(countLabel(12, "line")).toBe("12 lines");
  });
});
