import { describe, expect, it } from "vitest";
import { overlayOf, streamingIds } from "./streamOverlay";

const item = (text: string) => ({ title: "", text });

describe("overlayOf", () => {
  it("maps items onto slots in order and leaves missing items alone", () => {
    const o = overlayOf({ slots: ["a", "b", "c"], items: [item("one"), item("two")] });
    expect([...o.replacing.entries()]).toEqual([
      ["a", item("one")],
      ["b", item("two")],
    ]);
    expect(o.ghosts).toEqual([]);
  });
  it("turns items past the slots into ghosts", () => {
    const o = overlayOf({ slots: [], items: [item("new 1"), item("new 2")] });
    expect(o.replacing.size).toBe(0);
    expect(o.ghosts.map((g) => g.text)).toEqual(["new 1", "new 2"]);
  });
  it("is empty without a stream", () => {
    expect(overlayOf(undefined).ghosts).toEqual([]);
  });
});

describe("streamingIds", () => {
  it("collects the replaced ids of every stream", () => {
    const ids = streamingIds([
      { slots: ["a"], items: [item("x")] },
      { slots: ["b", "c"], items: [item("y")] },
    ]);
    expect([...ids].sort()).toEqual(["a", "b"]);
  });
});
