import { describe, expect, it } from "vitest";
import type { FilterMatch } from "../../../shared/filter/types";
import { applyOperation } from "../../../shared/story/operations";
import { storyFixture } from "../../testing/storyFixture";
import { describeTarget } from "./describeTarget";

const seinfeld: FilterMatch = {
  name: "Jerry Seinfeld",
  start: 0,
  end: 30,
  matched: "in the style of Jerry Seinfeld",
  nameStart: 16,
  nameEnd: 30,
  replaceStart: 0,
  replaceEnd: 30,
  status: "protected",
  reason: "Jerry Seinfeld, b. 1954 — living — protected",
  action: "block",
};

describe("describeTarget", () => {
  const p = applyOperation(storyFixture([2]), { type: "editNode", nodeId: "premise", text: "Two comics, told in the style of  Jerry Seinfeld." }).project;

  it("goes to the alts angle when the name was typed there", () => {
    expect(describeTarget(p, { nodeId: "b1", purpose: "alts", angle: "In the style of Jerry Seinfeld" }, [seinfeld])).toEqual({ kind: "angle" });
  });

  it("goes to the nearest node whose text holds the name (spacing and case aside)", () => {
    expect(describeTarget(p, { nodeId: "b1s1", purpose: "children" }, [seinfeld])).toEqual({ kind: "node", nodeId: "premise" });
  });

  it("falls back to the node itself", () => {
    const plain = storyFixture([1]);
    expect(describeTarget(plain, { nodeId: "b1", purpose: "children" }, [seinfeld])).toEqual({ kind: "node", nodeId: "b1" });
  });
});
