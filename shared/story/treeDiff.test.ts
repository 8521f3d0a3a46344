import { describe, expect, it } from "vitest";
import { applyOperation, type Operation } from "./operations";
import type { Project } from "./model";
import { buildStory, nodesAt } from "./testStory";
import { diffTrees, textParts } from "./treeDiff";

const story = () => buildStory({ beats: 2, scenesPerBeat: 3, linesPerScene: 2 }).project;
const run = (p: Project, ...ops: Operation[]) => ops.reduce((q, op) => applyOperation(q, op).project, p);

describe("diffTrees", () => {
  it("finds nothing between a tree and itself", () => {
    const p = story();
    expect(diffTrees(p, p)).toEqual({ added: [], removed: [], moved: [], changed: [] });
  });

  it("sees a scene moved to another beat as a move, not a removal and an addition", () => {
    const p = story();
    const [b1, b2] = nodesAt(p, "beat");
    const scene = p.nodes[b1!.childIds[0]!]!;
    const q = run(p, { type: "moveNode", nodeId: scene.id, parentId: b2!.id, index: 1 });
    const d = diffTrees(p, q);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.moved).toEqual([{ id: scene.id, from: { parentId: b1!.id, index: 0 }, to: { parentId: b2!.id, index: 1 } }]);
    expect(d.changed).toEqual([]);
  });

  it("counts only the scene that moved within its beat, not the neighbours it pushed", () => {
    const p = story();
    const beat = nodesAt(p, "beat")[0]!;
    const [s1, s2, s3] = beat.childIds;
    const q = run(p, { type: "moveNode", nodeId: s3!, parentId: beat.id, index: 0 });
    expect(q.nodes[beat.id]!.childIds).toEqual([s3, s1, s2]);
    expect(diffTrees(p, q).moved.map((m) => m.id)).toEqual([s3]);
  });

  it("lists added and removed nodes, and a changed text with a word diff", () => {
    const p = story();
    const [s1, s2] = nodesAt(p, "scene");
    const q = run(
      p,
      { type: "deleteNode", nodeId: s2!.id },
      { type: "insertNode", parentId: s1!.parentId!, index: 0, text: "A new opening.", id: "scene_new" },
      { type: "editNode", nodeId: s1!.id, text: `${s1!.text} The storm breaks.` },
    );
    const d = diffTrees(p, q);
    expect(d.added).toEqual(["scene_new"]);
    expect(d.removed.sort()).toEqual([s2!.id, ...s2!.childIds].sort());
    const change = d.changed.find((c) => c.id === s1!.id)!;
    expect(change.fields).toEqual(["text"]);
    expect(change.text!.filter((x) => x.kind === "added").map((x) => x.text.trim())).toEqual(["The storm breaks."]);
    expect(d.moved).toEqual([]);
  });

  it("diffs text by words", () => {
    expect(textParts("the cat sat", "the dog sat")).toEqual([
      { kind: "same", text: "the " },
      { kind: "removed", text: "cat" },
      { kind: "added", text: "dog" },
      { kind: "same", text: " sat" },
    ]);
  });
});
