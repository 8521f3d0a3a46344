import { describe, expect, it } from "vitest";
import { firstWords, positionLabel, rowName, summarize } from "./nodeText";

describe("firstWords", () => {
  it("keeps short text and flattens whitespace", () => {
    expect(firstWords("  a\n\nb  c ")).toBe("a b c");
  });
  it("cuts long text at a word boundary with an ellipsis", () => {
    const out = firstWords("The keeper climbs the stairs every night and counts the steps twice", 30);
    expect(out.endsWith("…")).toBe(true);
    expect(out.length).toBeLessThanOrEqual(30);
    expect(out).toBe("The keeper climbs the stairs…");
  });
});

describe("positionLabel", () => {
  it("says where a node sits", () => {
    expect(positionLabel("beat", 2, 8)).toBe("Beat 3 of 8");
    expect(positionLabel("premise", 0, 1)).toBe("Premise");
  });
  it("names a row by its level and number", () => {
    expect(rowName("scene", 3)).toBe("Scene 3");
    expect(rowName("premise", 1)).toBe("Premise");
  });
});

describe("summarize", () => {
  it("prefers the title for beats and scenes", () => {
    expect(summarize({ level: "beat", title: "The door", text: "She opens it." }, "prose")).toEqual({ text: "The door", empty: false });
  });
  it("falls back to the first words, then to a placeholder", () => {
    expect(summarize({ level: "scene", title: " ", text: "Rain." }, "prose").text).toBe("Rain.");
    expect(summarize({ level: "scene", title: "", text: "" }, "prose")).toEqual({ text: "Empty scene", empty: true });
  });
  it("puts the speaker in front of screenplay lines", () => {
    expect(summarize({ level: "line", title: "", text: "Who's there?", speaker: "Mara" }, "screenplay").text).toBe("MARA: Who's there?");
    expect(summarize({ level: "line", title: "", text: "Who's there?", speaker: "Mara" }, "prose").text).toBe("Who's there?");
  });
});
