import { describe, expect, it } from "vitest";
import { computeStatuses } from "../../../shared/story/staleness";
import { storyFixture } from "../../testing/storyFixture";
import { flattenTree } from "./flattenTree";
import { treeKeyCommand } from "./treeNavigation";

const p = storyFixture([2, 1]);
const rows = (collapsed: Record<string, true> = {}) =>
  flattenTree(p, { collapsed, statuses: computeStatuses(p), streams: new Map(), activity: new Map() });

describe("treeKeyCommand", () => {
  it("moves up and down through visible rows", () => {
    expect(treeKeyCommand(rows(), "b1", "ArrowDown")).toEqual({ select: "b1s1" });
    expect(treeKeyCommand(rows({ b1: true }), "b1", "ArrowDown")).toEqual({ select: "b2" });
    expect(treeKeyCommand(rows(), "premise", "ArrowUp")).toBeNull();
    expect(treeKeyCommand(rows(), "b1s1", "End")).toEqual({ select: "b2s1" });
  });
  it("expands, then enters; collapses, then goes to the parent", () => {
    expect(treeKeyCommand(rows({ b1: true }), "b1", "ArrowRight")).toEqual({ expand: "b1" });
    expect(treeKeyCommand(rows(), "b1", "ArrowRight")).toEqual({ select: "b1s1" });
    expect(treeKeyCommand(rows(), "b1", "ArrowLeft")).toEqual({ collapse: "b1" });
    expect(treeKeyCommand(rows(), "b1s2", "ArrowLeft")).toEqual({ select: "b1" });
    expect(treeKeyCommand(rows(), "b1s2", "ArrowRight")).toBeNull();
  });
  it("starts at the top when nothing is selected", () => {
    expect(treeKeyCommand(rows(), null, "ArrowDown")).toEqual({ select: "premise" });
    expect(treeKeyCommand(rows(), null, "x")).toBeNull();
  });
});
