import { describe, expect, it } from "vitest";
import { applyOperation } from "../../shared/story/operations";
import { storyFixture } from "../testing/storyFixture";
import { ancestorIds, moveTarget, positionOf, selectionAfterDelete, survivingSelection } from "./treeQueries";

describe("tree queries", () => {
  const p = storyFixture([2, 1, 0]);

  it("finds ancestors and positions", () => {
    expect(ancestorIds(p, "b1s2")).toEqual(["b1", "premise"]);
    expect(positionOf(p, "b2")).toEqual({ index: 1, count: 3 });
    expect(positionOf(p, "premise")).toEqual({ index: 0, count: 1 });
  });

  it("moves within a parent, then across to the neighbouring parent", () => {
    expect(moveTarget(p, "b1s2", "up")).toEqual({ parentId: "b1", index: 0 });
    expect(moveTarget(p, "b1s1", "down")).toEqual({ parentId: "b1", index: 1 });
    expect(moveTarget(p, "b1s2", "down")).toEqual({ parentId: "b2", index: 0 });
    expect(moveTarget(p, "b2s1", "up")).toEqual({ parentId: "b1", index: 2 });
    expect(moveTarget(p, "b2s1", "down")).toEqual({ parentId: "b3", index: 0 });
    expect(moveTarget(p, "b1s1", "up")).toBeNull();
    expect(moveTarget(p, "premise", "up")).toBeNull();
  });

  it("applies the move target as a valid operation", () => {
    const target = moveTarget(p, "b1s2", "down")!;
    const moved = applyOperation(p, { type: "moveNode", nodeId: "b1s2", ...target }).project;
    expect(moved.nodes.b2!.childIds).toEqual(["b1s2", "b2s1"]);
  });

  it("picks a sensible selection after a delete", () => {
    expect(selectionAfterDelete(p, "b1s1")).toBe("b1s2");
    expect(selectionAfterDelete(p, "b1s2")).toBe("b1s1");
    expect(selectionAfterDelete(p, "b2s1")).toBe("b2");
  });

  it("keeps a selection that survives, else its nearest surviving ancestor", () => {
    const after = applyOperation(p, { type: "deleteNode", nodeId: "b1" }).project;
    expect(survivingSelection(p, after, "b2s1")).toBe("b2s1");
    expect(survivingSelection(p, after, "b1s2")).toBe("premise");
    expect(survivingSelection(undefined, after, null)).toBe("premise");
  });
});
