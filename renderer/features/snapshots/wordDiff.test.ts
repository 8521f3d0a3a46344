import { describe, expect, it } from "vitest";
import { textParts } from "../../../shared/story/treeDiff";
import { changeSize, trimUnchanged } from "./wordDiff";

const long = (from: number, n: number) => Array.from({ length: n }, (_, i) => `w${from + i}`).join(" ");

describe("trimUnchanged", () => {
  it("keeps a few words of context either side of a change and marks the cut", () => {
    const before = `${long(0, 40)} old ${long(100, 40)}`;
    const after = `${long(0, 40)} new ${long(100, 40)}`;
    const shown = trimUnchanged(textParts(before, after), 3);
    expect(shown.map((p) => p.kind)).toEqual(["same", "removed", "added", "same"]);
    expect(shown[0]).toMatchObject({ cut: true, text: "… w37 w38 w39 " });
    expect(shown[3]).toMatchObject({ cut: true, text: " w100 w101 w102 …" });
    expect(shown.filter((p) => p.kind !== "same").map((p) => p.text)).toEqual(["old", "new"]);
  });

  it("keeps both edges of a long run between two changes, and short runs whole", () => {
    const shown = trimUnchanged(textParts(`a ${long(0, 30)} b`, `x ${long(0, 30)} y`), 2);
    const middle = shown.find((p) => p.kind === "same" && p.cut);
    expect(middle?.text).toBe(" w0 w1 … w28 w29 ");
    expect(trimUnchanged(textParts("one two three", "one two four"), 5).every((p) => !p.cut)).toBe(true);
  });

  it("leaves a text with no change alone", () => {
    expect(trimUnchanged([{ kind: "same", text: long(0, 100) }], 3)).toEqual([{ kind: "same", text: long(0, 100), cut: false }]);
  });
});

describe("changeSize", () => {
  it("counts the words added and removed", () => {
    expect(changeSize(textParts("the old grey house", "the new red house by the sea"))).toEqual({ added: 5, removed: 2 });
  });
});
