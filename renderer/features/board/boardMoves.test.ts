import { describe, expect, it } from "vitest";
import type { Project } from "../../../shared/story/model";
import { applyOperation } from "../../../shared/story/operations";
import { storyFixture } from "../../testing/storyFixture";
import { beatStepOp, containerOf, dropOp, layoutAfter, layoutOf, moveAcross, moveToBeatOp, sceneToAdjacentBeatOp, sidewaysTarget, type MoveOp } from "./boardMoves";

// Beat 1: 3 scenes, beat 2: 2 scenes, beat 3: none.
const p = storyFixture([3, 2, 0]);

/** Applies the op through the real operation and returns every beat's scenes. */
function after(op: MoveOp | null, project: Project = p): Record<string, string[]> {
  expect(op).not.toBeNull();
  const next = applyOperation(project, op!).project;
  return layoutOf(next).scenesByBeat;
}

describe("board layout", () => {
  it("lists beats and their scenes, and finds the beat of any board id", () => {
    const layout = layoutOf(p);
    expect(layout.beatIds).toEqual(["b1", "b2", "b3"]);
    expect(layout.scenesByBeat).toEqual({ b1: ["b1s1", "b1s2", "b1s3"], b2: ["b2s1", "b2s2"], b3: [] });
    expect(containerOf(layout, "b2s2")).toBe("b2");
    expect(containerOf(layout, "b3")).toBe("b3");
    expect(containerOf(layout, "premise")).toBeNull();
    expect(containerOf(layout, "constructor")).toBeNull();
  });

  it("shows a scene dragged into another beat before the scene it is over, after it, or last", () => {
    const layout = layoutOf(p);
    expect(moveAcross(layout, "b1s2", "b2s1").scenesByBeat).toMatchObject({ b1: ["b1s1", "b1s3"], b2: ["b1s2", "b2s1", "b2s2"] });
    expect(moveAcross(layout, "b1s2", "b2s1", true).scenesByBeat.b2).toEqual(["b2s1", "b1s2", "b2s2"]);
    expect(moveAcross(layout, "b1s2", "b3").scenesByBeat.b3).toEqual(["b1s2"]);
  });

  it("leaves the layout alone within one beat and for beats", () => {
    const layout = layoutOf(p);
    expect(moveAcross(layout, "b1s1", "b1s3")).toBe(layout);
    expect(moveAcross(layout, "b1", "b2s1")).toBe(layout);
    expect(moveAcross(layout, "b1s1", "nowhere")).toBe(layout);
  });
});

describe("dropOp: scenes", () => {
  it("reorders within a beat, down and up", () => {
    expect(after(dropOp(p, "b1s1", "b1s3")).b1).toEqual(["b1s2", "b1s3", "b1s1"]);
    expect(after(dropOp(p, "b1s3", "b1s1")).b1).toEqual(["b1s3", "b1s1", "b1s2"]);
    expect(after(dropOp(p, "b1s1", "b1s2")).b1).toEqual(["b1s2", "b1s1", "b1s3"]);
  });

  it("is null when dropped on itself, on its own column without a drag-over, or nowhere", () => {
    expect(dropOp(p, "b1s2", "b1s2")).toBeNull();
    expect(dropOp(p, "b1s2", "b1")).toBeNull();
    expect(dropOp(p, "b1s2", null)).toBeNull();
    expect(dropOp(p, "b1s2", "unknown")).toBeNull();
  });

  it("takes the place of a scene in another beat", () => {
    const beats = after(dropOp(p, "b1s2", "b2s2"));
    expect(beats.b1).toEqual(["b1s1", "b1s3"]);
    expect(beats.b2).toEqual(["b2s1", "b1s2", "b2s2"]);
    expect(after(dropOp(p, "b2s2", "b1s1")).b1).toEqual(["b2s2", "b1s1", "b1s2", "b1s3"]);
  });

  it("goes last when dropped on another beat's column, empty or not", () => {
    expect(after(dropOp(p, "b1s1", "b2")).b2).toEqual(["b2s1", "b2s2", "b1s1"]);
    const beats = after(dropOp(p, "b2s1", "b3"));
    expect(beats.b3).toEqual(["b2s1"]);
    expect(beats.b2).toEqual(["b2s2"]);
  });

  it("lands where the drag showed it once dragged over into another beat", () => {
    // The board showed b1s2 at the end of beat 2, then the pointer ended over the column.
    const shownLast = moveAcross(layoutOf(p), "b1s2", "b2");
    expect(after(dropOp(p, "b1s2", "b2", shownLast)).b2).toEqual(["b2s1", "b2s2", "b1s2"]);
    // Shown before b2s1; dropped on itself there.
    const shownFirst = moveAcross(layoutOf(p), "b1s2", "b2s1");
    expect(after(dropOp(p, "b1s2", "b1s2", shownFirst)).b2).toEqual(["b1s2", "b2s1", "b2s2"]);
    // Shown before b2s1, then sorted past b2s2 within beat 2.
    expect(after(dropOp(p, "b1s2", "b2s2", shownFirst)).b2).toEqual(["b2s1", "b2s2", "b1s2"]);
  });

  it("is null when a drag-over came back to where the scene started", () => {
    const away = moveAcross(layoutOf(p), "b1s3", "b2");
    const back = moveAcross(away, "b1s3", "b1");
    expect(back.scenesByBeat.b1).toEqual(["b1s1", "b1s2", "b1s3"]);
    expect(dropOp(p, "b1s3", "b1s3", back)).toBeNull();
  });

  it("never moves lines or the premise", () => {
    expect(dropOp(p, "premise", "b1")).toBeNull();
  });
});

describe("dropOp: beats", () => {
  it("reorders beats left and right", () => {
    const right = applyOperation(p, dropOp(p, "b1", "b3")!).project;
    expect(layoutOf(right).beatIds).toEqual(["b2", "b3", "b1"]);
    const left = applyOperation(p, dropOp(p, "b3", "b1")!).project;
    expect(layoutOf(left).beatIds).toEqual(["b3", "b1", "b2"]);
  });

  it("treats a scene under the pointer as its beat, and itself as no move", () => {
    expect(dropOp(p, "b1", "b2s1")).toEqual({ type: "moveNode", nodeId: "b1", parentId: "premise", index: 1 });
    expect(dropOp(p, "b2", "b2")).toBeNull();
    expect(dropOp(p, "b2", "b2s2")).toBeNull();
  });
});

describe("keyboard and menu moves", () => {
  it("sends a scene to the end of the previous or next beat", () => {
    expect(after(sceneToAdjacentBeatOp(p, "b2s1", "prev")).b1).toEqual(["b1s1", "b1s2", "b1s3", "b2s1"]);
    expect(after(sceneToAdjacentBeatOp(p, "b2s1", "next")).b3).toEqual(["b2s1"]);
    expect(sceneToAdjacentBeatOp(p, "b1s1", "prev")).toBeNull();
    expect(sceneToAdjacentBeatOp(storyFixture([1]), "b1s1", "next")).toBeNull();
    expect(sceneToAdjacentBeatOp(p, "b1", "next")).toBeNull();
  });

  it("moves a scene to a chosen beat, or nowhere when it is already there", () => {
    expect(after(moveToBeatOp(p, "b1s1", "b2")).b2).toEqual(["b2s1", "b2s2", "b1s1"]);
    expect(moveToBeatOp(p, "b1s1", "b1")).toBeNull();
    expect(moveToBeatOp(p, "b1s1", "b2s1")).toBeNull();
  });

  it("steps a beat left or right, not past either end", () => {
    expect(layoutOf(applyOperation(p, beatStepOp(p, "b2", "prev")!).project).beatIds).toEqual(["b2", "b1", "b3"]);
    expect(layoutOf(applyOperation(p, beatStepOp(p, "b2", "next")!).project).beatIds).toEqual(["b1", "b3", "b2"]);
    expect(beatStepOp(p, "b1", "prev")).toBeNull();
    expect(beatStepOp(p, "b3", "next")).toBeNull();
    expect(beatStepOp(p, "b1s1", "next")).toBeNull();
  });
});

describe("layoutAfter", () => {
  it("shows the same layout the operation will make, for scenes and beats", () => {
    const ops = [dropOp(p, "b1s1", "b1s3"), dropOp(p, "b1s2", "b2s1"), dropOp(p, "b2s2", "b3"), dropOp(p, "b3", "b1"), dropOp(p, "b1", "b2")];
    for (const op of ops) {
      expect(op).not.toBeNull();
      expect(layoutAfter(layoutOf(p), op!)).toEqual(layoutOf(applyOperation(p, op!).project));
    }
  });
});

describe("sidewaysTarget (keyboard drag ←/→)", () => {
  const layout = layoutOf(p);
  // Cards stacked 100px apart in every column; the dragged card's own top is what counts.
  const tops: Record<string, number> = { b1s1: 0, b1s2: 100, b1s3: 200, b2s1: 0, b2s2: 100 };
  const topOf = (id: string) => tops[id];

  it("moves a scene beside the nearest scene of the neighbouring beat", () => {
    expect(sidewaysTarget(layout, "b1s2", null, "next", topOf)).toBe("b2s2");
    expect(sidewaysTarget(layout, "b1s1", "b1s1", "next", topOf)).toBe("b2s1");
    expect(sidewaysTarget(layout, "b2s1", null, "prev", topOf)).toBe("b1s1");
  });

  it("moves onto an empty beat's column, and nowhere past the ends", () => {
    expect(sidewaysTarget(layout, "b2s1", null, "next", topOf)).toBe("b3");
    expect(sidewaysTarget(layout, "b1s1", null, "prev", topOf)).toBeNull();
    expect(sidewaysTarget(layout, "b2s1", "b3", "next", topOf)).toBeNull();
  });

  it("counts from where the drag shows the scene now", () => {
    const shown = moveAcross(layout, "b1s3", "b2");
    expect(sidewaysTarget(shown, "b1s3", "b1s3", "next", topOf)).toBe("b3");
    expect(sidewaysTarget(layout, "b1s3", "b2s2", "next", topOf)).toBe("b3");
  });

  it("steps a beat to its neighbour", () => {
    expect(sidewaysTarget(layout, "b1", null, "next", topOf)).toBe("b2");
    expect(sidewaysTarget(layout, "b1", "b2", "next", topOf)).toBe("b3");
    expect(sidewaysTarget(layout, "b1", "b3", "next", topOf)).toBeNull();
    expect(sidewaysTarget(layout, "b2", null, "prev", topOf)).toBe("b1");
  });
});
