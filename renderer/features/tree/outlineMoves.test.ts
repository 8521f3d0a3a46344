import { describe, expect, it } from "vitest";
import type { Project } from "../../../shared/story/model";
import { applyOperation } from "../../../shared/story/operations";
import { storyFixture } from "../../testing/storyFixture";
import { adjacentParentMove, outlineDrop, type OutlineMove } from "./outlineMoves";

/** Applies a move the way the outline does and returns the parent's children afterwards. */
function moved(p: Project, nodeId: string, move: OutlineMove | null): Project {
  expect(move).not.toBeNull();
  return applyOperation(p, { type: "moveNode", nodeId, parentId: move!.parentId, index: move!.index }).project;
}
const kids = (p: Project, id: string) => p.nodes[id]!.childIds;

describe("outlineDrop", () => {
  it("puts a scene before the scene it is dropped on, down or up the same beat", () => {
    const p = storyFixture([4]);
    const down = outlineDrop(p, "b1s1", "b1s3");
    expect(down).toEqual({ parentId: "b1", index: 1, placement: "before" });
    expect(kids(moved(p, "b1s1", down), "b1")).toEqual(["b1s2", "b1s1", "b1s3", "b1s4"]);
    const up = outlineDrop(p, "b1s4", "b1s2");
    expect(kids(moved(p, "b1s4", up), "b1")).toEqual(["b1s1", "b1s4", "b1s2", "b1s3"]);
  });

  it("moves a scene before a scene of another beat", () => {
    const p = storyFixture([2, 2]);
    const drop = outlineDrop(p, "b1s1", "b2s2");
    expect(drop).toEqual({ parentId: "b2", index: 1, placement: "before" });
    const after = moved(p, "b1s1", drop);
    expect(kids(after, "b1")).toEqual(["b1s2"]);
    expect(kids(after, "b2")).toEqual(["b2s1", "b1s1", "b2s2"]);
    expect(after.nodes.b1s1!.parentId).toBe("b2");
  });

  it("appends a scene dropped on a beat, its own beat included", () => {
    const p = storyFixture([3, 1]);
    const drop = outlineDrop(p, "b1s1", "b2");
    expect(drop).toEqual({ parentId: "b2", index: 1, placement: "into" });
    expect(kids(moved(p, "b1s1", drop), "b2")).toEqual(["b2s1", "b1s1"]);
    expect(kids(moved(p, "b1s1", outlineDrop(p, "b1s1", "b1")), "b1")).toEqual(["b1s2", "b1s3", "b1s1"]);
    // An empty beat takes it too.
    expect(outlineDrop(storyFixture([1, 0]), "b1s1", "b2")).toEqual({ parentId: "b2", index: 0, placement: "into" });
  });

  it("reorders beats and appends a beat dropped on the premise", () => {
    const p = storyFixture([0, 0, 0]);
    expect(kids(moved(p, "b3", outlineDrop(p, "b3", "b1")), "premise")).toEqual(["b3", "b1", "b2"]);
    expect(kids(moved(p, "b1", outlineDrop(p, "b1", "premise")), "premise")).toEqual(["b2", "b3", "b1"]);
  });

  it("moves lines between scenes of different beats", () => {
    let p = storyFixture([1, 1]);
    for (const [scene, id] of [["b1s1", "l1"], ["b1s1", "l2"], ["b2s1", "l3"]] as const) {
      p = applyOperation(p, { type: "insertNode", parentId: scene, index: kids(p, scene).length, id, title: "", text: id }).project;
    }
    const after = moved(p, "l2", outlineDrop(p, "l2", "l3"));
    expect(kids(after, "b1s1")).toEqual(["l1"]);
    expect(kids(after, "b2s1")).toEqual(["l2", "l3"]);
    expect(outlineDrop(p, "l1", "b2s1")).toEqual({ parentId: "b2s1", index: 1, placement: "into" });
  });

  it("refuses drops that break the levels, move the premise, or change nothing", () => {
    const p = storyFixture([3, 1]);
    expect(outlineDrop(p, "b1s1", "premise")).toBeNull(); // two levels up
    expect(outlineDrop(p, "b1", "b2s1")).toBeNull(); // a level down
    expect(outlineDrop(p, "premise", "b1")).toBeNull();
    expect(outlineDrop(p, "b1s1", "b1s1")).toBeNull();
    expect(outlineDrop(p, "b1s1", "b1s2")).toBeNull(); // already right before it
    expect(outlineDrop(p, "b1s3", "b1")).toBeNull(); // already last
    expect(outlineDrop(p, "b1s1", "missing")).toBeNull();
  });
});

describe("adjacentParentMove", () => {
  it("moves a scene to the end of the previous beat or the start of the next", () => {
    const p = storyFixture([2, 2, 1]);
    const prev = adjacentParentMove(p, "b2s2", "prev");
    expect(prev).toEqual({ parentId: "b1", index: 2 });
    expect(kids(moved(p, "b2s2", prev), "b1")).toEqual(["b1s1", "b1s2", "b2s2"]);
    const next = adjacentParentMove(p, "b2s1", "next");
    expect(next).toEqual({ parentId: "b3", index: 0 });
    expect(kids(moved(p, "b2s1", next), "b3")).toEqual(["b2s1", "b3s1"]);
  });

  it("skips nothing: an empty neighbour beat still takes the scene", () => {
    const p = storyFixture([1, 0, 1]);
    expect(adjacentParentMove(p, "b3s1", "prev")).toEqual({ parentId: "b2", index: 0 });
  });

  it("has nowhere to go at the ends, for beats, and for the premise", () => {
    const p = storyFixture([1, 1]);
    expect(adjacentParentMove(p, "b1s1", "prev")).toBeNull();
    expect(adjacentParentMove(p, "b2s1", "next")).toBeNull();
    expect(adjacentParentMove(p, "b1", "next")).toBeNull();
    expect(adjacentParentMove(p, "premise", "next")).toBeNull();
  });

  it("crosses beats for lines: to the neighbouring scene in reading order", () => {
    let p = storyFixture([1, 1]);
    p = applyOperation(p, { type: "insertNode", parentId: "b2s1", index: 0, id: "l1", title: "", text: "l1" }).project;
    expect(adjacentParentMove(p, "l1", "prev")).toEqual({ parentId: "b1s1", index: 0 });
  });
});
