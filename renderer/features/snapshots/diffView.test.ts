import { describe, expect, it } from "vitest";
import type { Project } from "../../../shared/story/model";
import { applyOperation, type Operation } from "../../../shared/story/operations";
import { restoreSnapshot, snapshotDiff, takeSnapshot } from "../../../shared/story/snapshots";
import { storyFixture } from "../../testing/storyFixture";
import { diffGroups, placeName } from "./diffView";

const apply = (p: Project, ...ops: Operation[]) => ops.reduce((q, op) => applyOperation(q, op).project, p);
const snap = (p: Project, scopeId?: string) => takeSnapshot(p, { id: "s1", name: "Before", at: "2026-03-10T12:00:00Z", scopeId: scopeId ?? null });

/** The groups for what changed between `before` and `after`, with the snapshot's records when `withRecords`. */
function view(before: Project, after: Project, withRecords = false) {
  const s = snap(before);
  return diffGroups(snapshotDiff(s, after), after, withRecords ? (id) => s.nodes[id] : undefined);
}

describe("placeName", () => {
  it("names a node by its path from the top, the root as Premise", () => {
    const p = storyFixture([1, 3]);
    expect(placeName(p, "b2s3")).toBe("Beat 2 › Scene 3");
    expect(placeName(p, "premise")).toBe("Premise");
  });
});

describe("diffGroups", () => {
  const base = storyFixture([2, 2, 1]);

  it("is empty when nothing changed", () => {
    expect(view(base, base)).toEqual([]);
  });

  it("shows a changed text with its word diff, and what restoring it takes with it", () => {
    const [changed] = view(base, apply(base, { type: "editNode", nodeId: "b1", text: "Beat text one" }, { type: "editNode", nodeId: "b2s1", text: "Scene 1 of beat two" }));
    expect(changed?.heading).toBe("Changed");
    expect(changed?.entries.map((e) => [e.nodeId, e.place, e.detail])).toEqual([
      ["b1", "Beat 1", "Text changed (+1 −1 words)"],
      ["b2s1", "Beat 2 › Scene 1", "Text changed (+1 −1 words)"],
    ]);
    expect(changed?.entries[0]?.text?.filter((p) => p.kind !== "same").map((p) => p.text)).toEqual(["1", "one"]);
    expect(changed?.entries[0]?.restore).toMatchObject({ enabled: true, label: "Restore this beat and all under it" });
    expect(changed?.entries[1]?.restore).toMatchObject({ enabled: true, label: "Restore this scene" });
  });

  it("says which way a lock went, beside other changes", () => {
    const [changed] = view(base, apply(base, { type: "setLocked", nodeId: "b1s1", locked: true }, { type: "editNode", nodeId: "b1s2", title: "Dawn", text: "New" }));
    expect(changed?.entries.map((e) => e.detail)).toEqual(["Locked since", "Title and text changed (+1 −5 words)"]);
  });

  it("says where a node moved from and to, and where it moved within its parent", () => {
    const groups = view(base, apply(base, { type: "moveNode", nodeId: "b1s1", parentId: "b3", index: 1 }, { type: "moveNode", nodeId: "b3", parentId: "premise", index: 0 }));
    const moved = groups.find((g) => g.kind === "moved");
    expect(moved?.entries.map((e) => e.detail)).toEqual(["Moved from place 3 to place 1 in the outline", "Moved from Beat 2 to Beat 1"]);
    expect(moved?.entries.every((e) => e.restore.enabled)).toBe(true);
  });

  it("shows a node added with everything under it as one entry that cannot be restored", () => {
    let p = apply(base, { type: "insertNode", parentId: "premise", index: 3, id: "b4", title: "Coda", text: "" });
    p = apply(p, { type: "insertNode", parentId: "b4", index: 0, id: "b4s1", title: "", text: "Last light" });
    const [added] = view(base, p);
    expect(added).toMatchObject({ kind: "added", heading: "Added since" });
    expect(added?.entries).toHaveLength(1);
    expect(added?.entries[0]).toMatchObject({ nodeId: "b4", summary: "Coda", detail: "Added since, with 1 more under it" });
    expect(added?.entries[0]?.restore.enabled).toBe(false);
    expect(added?.entries[0]?.restore.hint).toMatch(/nothing to restore/);
  });

  it("says restoring the part an added node is in takes it out, unless it holds a node whose place is gone", () => {
    const withLine = apply(base, { type: "insertNode", parentId: "b1s1", index: 0, id: "l1", title: "", text: "A line" });
    const withScene = apply(withLine, { type: "insertNode", parentId: "b2", index: 0, id: "x", title: "New", text: "" });
    const [plain] = view(withLine, withScene, true);
    expect(plain?.entries[0]?.restore.hint).toMatch(/restore the beat it is in, which takes it out/);
    const holding = apply(withScene, { type: "moveNode", nodeId: "l1", parentId: "x", index: 0 }, { type: "deleteNode", nodeId: "b1s1" });
    const added = view(withLine, holding, true).find((g) => g.kind === "added");
    expect(added?.entries[0]?.nodeId).toBe("x");
    expect(added?.entries[0]?.restore.hint).toBe("It was not there when the snapshot was taken, so there is nothing to restore: delete it.");
    // Restoring the whole story brings the line's scene back, so the added beat holding it goes.
    const inBeat = apply(withLine, { type: "insertNode", parentId: "premise", index: 3, id: "b4", title: "Coda", text: "" }, { type: "insertNode", parentId: "b4", index: 0, id: "b4s1", title: "", text: "" });
    const moved = apply(inBeat, { type: "moveNode", nodeId: "l1", parentId: "b4s1", index: 0 }, { type: "deleteNode", nodeId: "b1s1" });
    expect(view(withLine, moved, true).find((g) => g.kind === "added")?.entries[0]?.restore.hint).toMatch(/restore the premise it is in, which takes it out/);
    // And that is what restore does.
    expect(restoreSnapshot(withScene, snap(withLine), "b2").project.nodes.x).toBeUndefined();
    expect(restoreSnapshot(holding, snap(withLine), "b2").project.nodes.x?.childIds).toEqual(["l1"]);
    expect(restoreSnapshot(moved, snap(withLine)).project.nodes.b4).toBeUndefined();
  });

  it("lists removed nodes by id alone without the snapshot's records, and names them with them", () => {
    const p = apply(base, { type: "deleteNode", nodeId: "b1" });
    const bare = view(base, p).find((g) => g.kind === "removed");
    expect(bare?.entries.map((e) => e.nodeId).sort()).toEqual(["b1", "b1s1", "b1s2"]);
    expect(bare?.entries[0]).toMatchObject({ level: null, restore: { enabled: true, label: "Restore this" } });
    expect(bare?.note).toMatch(/restore the part it was in first/);
    const named = view(base, p, true).find((g) => g.kind === "removed");
    expect(named?.entries).toHaveLength(1);
    expect(named?.note).toBeUndefined();
    expect(named?.entries[0]).toMatchObject({ nodeId: "b1", level: "beat", summary: "Beat 1", detail: "Removed since, with 2 more under it", restore: { label: "Restore this beat" } });
  });

  it("refuses to move a node back into a place removed since", () => {
    const p = apply(base, { type: "moveNode", nodeId: "b1s1", parentId: "b2", index: 0 }, { type: "deleteNode", nodeId: "b1" });
    const moved = view(base, p).find((g) => g.kind === "moved");
    expect(moved?.entries[0]?.restore).toMatchObject({ enabled: false });
  });
});
