import { describe, expect, it } from "vitest";
import { ALT_LIMITS } from "../../../shared/story/model";
import { addTags, parseTagInput, removeTag } from "./altTags";

describe("tags", () => {
  it("splits on commas, trims, collapses spaces, lower-cases, drops empties", () => {
    expect(parseTagInput("  Funny,  Too   LONG ,, callback ")).toEqual(["funny", "too long", "callback"]);
    expect(parseTagInput("   ")).toEqual([]);
    expect(parseTagInput("x".repeat(60))[0]).toHaveLength(ALT_LIMITS.tagLength);
  });
  it("adds without duplicates, keeps order, caps the count; removes one", () => {
    expect(addTags(["funny"], "Callback, funny")).toEqual(["funny", "callback"]);
    const many = Array.from({ length: ALT_LIMITS.tags }, (_, i) => `t${i}`);
    expect(addTags(many, "one more")).toHaveLength(ALT_LIMITS.tags);
    expect(removeTag(["a", "b"], "a")).toEqual(["b"]);
  });
});
