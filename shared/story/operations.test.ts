import { describe, expect, it } from "vitest";
import { inputFingerprintForChildOf } from "./fingerprint";
import type { Project, StoryNode } from "./model";
import { OperationError, applyOperation, operationLabel, type Operation } from "./operations";
import { applyPatch, isEmptyPatch } from "./patch";
import { placementForChildOf } from "./placement";
import { staleIds } from "./staleness";
import { buildStory, descendantIds, nodesAt, treeProblems } from "./testStory";

function story() {
  return buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 2, form: "screenplay" }).project;
}

/** Applies `op`; checks the patch replays forwards and inverts exactly; returns the result. */
function roundTrip(project: Project, op: Operation) {
  const snapshot = structuredClone(project);
  const r = applyOperation(project, op);
  expect(project).toStrictEqual(snapshot); // the input is not mutated
  expect(treeProblems(r.project)).toEqual([]);
  expect(applyPatch(r.project, r.patch, "backward")).toStrictEqual(project);
  expect(applyPatch(project, r.patch, "forward")).toStrictEqual(r.project);
  return r;
}

const beat = (p: Project, i: number) => nodesAt(p, "beat")[i]!;
const scene = (p: Project, i: number) => nodesAt(p, "scene")[i]!;
const line = (p: Project, i: number) => nodesAt(p, "line")[i]!;

describe("operations: effect and exact inverse", () => {
  it("editNode: text, title and speaker; a generated node becomes edited, a written one stays written", () => {
    const p = story();
    const l = line(p, 0);
    const r = roundTrip(p, { type: "editNode", nodeId: l.id, text: "New line", speaker: "TOMAS" });
    expect(r.project.nodes[l.id]).toMatchObject({ text: "New line", speaker: "TOMAS", title: l.title, origin: "edited", basis: l.basis });
    expect(Object.keys(r.patch.after)).toEqual([l.id]);

    const premise = roundTrip(p, { type: "editNode", nodeId: p.rootId, title: "Heading" });
    expect(premise.project.nodes[p.rootId]).toMatchObject({ title: "Heading", origin: "written", text: p.nodes[p.rootId]!.text });
  });

  it("editNode: a speaker-only change counts, an empty speaker equals none", () => {
    const p = story();
    const b = beat(p, 0);
    expect(b.speaker).toBeUndefined();
    const same = applyOperation(p, { type: "editNode", nodeId: b.id, speaker: "" });
    expect(isEmptyPatch(same.patch)).toBe(true);
    const l = line(p, 1);
    const r = roundTrip(p, { type: "editNode", nodeId: l.id, speaker: `${l.speaker}X` });
    expect(r.project.nodes[l.id]!.speaker).toBe(`${l.speaker}X`);
  });

  it("editNode on a missing node throws OperationError", () => {
    expect(() => applyOperation(story(), { type: "editNode", nodeId: "nope", text: "x" })).toThrow(OperationError);
  });

  it("setBible merges the given fields", () => {
    const p = story();
    const r = roundTrip(p, { type: "setBible", bible: { tone: "Bleak." } });
    expect(r.project.bible).toEqual({ ...p.bible, tone: "Bleak." });
    expect(r.patch.bibleBefore).toEqual(p.bible);
    expect(r.patch.bibleAfter).toEqual(r.project.bible);
    expect(Object.keys(r.patch.after)).toEqual([]);
  });

  it("setTitle", () => {
    const p = story();
    const r = roundTrip(p, { type: "setTitle", title: "The Letter" });
    expect(r.project.title).toBe("The Letter");
    expect(r.patch).toMatchObject({ titleBefore: p.title, titleAfter: "The Letter" });
    // Renaming to an empty title is a change too.
    expect(roundTrip(p, { type: "setTitle", title: "" }).project.title).toBe("");
  });

  it("setAngle and setLocked", () => {
    const p = story();
    const s = scene(p, 1);
    const a = roundTrip(p, { type: "setAngle", nodeId: s.id, angle: "tenser" });
    expect(a.project.nodes[s.id]!.angle).toBe("tenser");
    const l = roundTrip(a.project, { type: "setLocked", nodeId: s.id, locked: true });
    expect(l.project.nodes[s.id]!.locked).toBe(true);
    expect(l.project.nodes[s.id]!.text).toBe(s.text);
    const u = roundTrip(l.project, { type: "setLocked", nodeId: s.id, locked: false });
    expect(u.project.nodes[s.id]!.locked).toBe(false);
  });

  it("operations that re-set the current value make an empty patch (no phantom undo step)", () => {
    const p = story();
    const s = scene(p, 1);
    const b = beat(p, 1);
    const noops: Operation[] = [
      { type: "setLocked", nodeId: s.id, locked: false },
      { type: "setBible", bible: { tone: p.bible.tone } },
      { type: "setBible", bible: {} },
      { type: "setTitle", title: p.title },
      { type: "acknowledgeInputs", nodeId: s.id },
      { type: "moveNode", nodeId: s.id, parentId: s.parentId!, index: p.nodes[s.parentId!]!.childIds.indexOf(s.id) },
      { type: "editNode", nodeId: b.id, title: b.title, text: b.text },
    ];
    for (const o of noops) {
      const r = applyOperation(p, o);
      expect({ op: o.type, empty: isEmptyPatch(r.patch) }).toEqual({ op: o.type, empty: true });
      expect(r.project.nodes).toStrictEqual(p.nodes);
      expect(r.project.bible).toBe(p.bible);
    }
    const angled = applyOperation(p, { type: "setAngle", nodeId: s.id, angle: "x" }).project;
    expect(isEmptyPatch(applyOperation(angled, { type: "setAngle", nodeId: s.id, angle: "x" }).patch)).toBe(true);
  });

  it("insertNode: a written, fresh child at the clamped index", () => {
    const p = story();
    const b = beat(p, 0);
    const r = roundTrip(p, { type: "insertNode", parentId: b.id, index: 1, title: "Inserted", text: "By hand", id: "scene_mine" });
    const ids = r.project.nodes[b.id]!.childIds;
    expect(ids).toEqual([b.childIds[0], "scene_mine", ...b.childIds.slice(1)]);
    expect(r.project.nodes.scene_mine).toMatchObject({
      level: "scene",
      parentId: b.id,
      childIds: [],
      title: "Inserted",
      text: "By hand",
      origin: "written",
      locked: false,
      basis: inputFingerprintForChildOf(p, b.id),
    });
    expect(r.project.nodes.scene_mine!.placement).toEqual(placementForChildOf(p, b.id));
    // The lines written beside the new scene's place had other neighbours: those, and only those, go stale.
    const [s1, s2] = b.childIds as [string, string];
    expect(staleIds(r.project)).toEqual(new Set([...p.nodes[s1]!.childIds, ...p.nodes[s2]!.childIds]));
    expect(Object.keys(r.patch.after).sort()).toEqual([b.id, "scene_mine"].sort());

    const atEnd = roundTrip(p, { type: "insertNode", parentId: b.id, index: 99, text: "end" });
    expect(atEnd.project.nodes[b.id]!.childIds.slice(0, -1)).toEqual(b.childIds);
    const atStart = roundTrip(p, { type: "insertNode", parentId: b.id, index: -5, text: "start" });
    expect(atStart.project.nodes[b.id]!.childIds.slice(1)).toEqual(b.childIds);
    const under = roundTrip(p, { type: "insertNode", parentId: p.rootId, index: 0, speaker: "X" });
    expect(under.project.nodes[under.project.nodes[p.rootId]!.childIds[0]!]).toMatchObject({ level: "beat", speaker: "X", text: "" });
  });

  it("insertNode under a line, or with a taken id, throws", () => {
    const p = story();
    expect(() => applyOperation(p, { type: "insertNode", parentId: line(p, 0).id, index: 0 })).toThrow(OperationError);
    expect(() => applyOperation(p, { type: "insertNode", parentId: p.rootId, index: 0, id: beat(p, 0).id })).toThrow(OperationError);
    expect(() => applyOperation(p, { type: "insertNode", parentId: "nope", index: 0 })).toThrow(OperationError);
  });

  it("deleteNode removes the whole subtree; undo restores it", () => {
    const p = story();
    const b = beat(p, 1);
    const gone = [b.id, ...descendantIds(p, b.id)];
    const r = roundTrip(p, { type: "deleteNode", nodeId: b.id });
    for (const id of gone) expect(r.project.nodes[id]).toBeUndefined();
    expect(Object.keys(r.project.nodes)).toHaveLength(Object.keys(p.nodes).length - gone.length);
    expect(r.project.nodes[p.rootId]!.childIds).toEqual(p.nodes[p.rootId]!.childIds.filter((c) => c !== b.id));
    for (const id of gone) {
      expect(r.patch.before[id]).toBe(p.nodes[id]);
      expect(r.patch.after[id]).toBeNull();
    }
    const leaf = roundTrip(p, { type: "deleteNode", nodeId: line(p, 3).id });
    expect(Object.keys(leaf.patch.after)).toHaveLength(2);
  });

  it("deleteNode of the premise or a missing node throws", () => {
    const p = story();
    expect(() => applyOperation(p, { type: "deleteNode", nodeId: p.rootId })).toThrow(OperationError);
    expect(() => applyOperation(p, { type: "deleteNode", nodeId: "nope" })).toThrow(OperationError);
  });

  it("moveNode within a parent reorders", () => {
    const p = story();
    const b = beat(p, 0);
    const [s1, s2] = b.childIds as [string, string];
    const r = roundTrip(p, { type: "moveNode", nodeId: s1, parentId: b.id, index: 1 });
    expect(r.project.nodes[b.id]!.childIds).toEqual([s2, s1]);
    expect(r.project.nodes[s1]!.parentId).toBe(b.id);
    // The scenes themselves keep their beat; their lines were written beside other scenes.
    expect(staleIds(r.project)).toEqual(new Set([...p.nodes[s1]!.childIds, ...p.nodes[s2]!.childIds]));
    const first = roundTrip(p, { type: "moveNode", nodeId: s2, parentId: b.id, index: 0 });
    expect(first.project.nodes[b.id]!.childIds).toEqual([s2, s1]);
  });

  it("moveNode across parents keeps the subtree and stales the moved generated nodes", () => {
    const p = story();
    const [b1, b2] = nodesAt(p, "beat") as [StoryNode, StoryNode];
    const s = b1.childIds[0]!;
    const r = roundTrip(p, { type: "moveNode", nodeId: s, parentId: b2.id, index: 1 });
    expect(r.project.nodes[b1.id]!.childIds).toEqual(b1.childIds.slice(1));
    expect(r.project.nodes[b2.id]!.childIds).toEqual([b2.childIds[0], s, ...b2.childIds.slice(1)]);
    expect(r.project.nodes[s]!.parentId).toBe(b2.id);
    expect(r.project.nodes[s]!.childIds).toEqual(p.nodes[s]!.childIds);
    // The moved scene and its lines, and the lines of the scenes beside its old and new places.
    const besideOld = b1.childIds[1]!;
    const [besideNewBefore, besideNewAfter] = b2.childIds as [string, string];
    expect(staleIds(r.project)).toEqual(new Set([s, ...descendantIds(p, s), ...[besideOld, besideNewBefore, besideNewAfter].flatMap((id) => p.nodes[id]!.childIds)]));
    // Beats, scenes beside it and everything under beat 3 stay fresh.
    expect(staleIds(r.project).has(besideOld)).toBe(false);
  });

  it("moveNode to the wrong level, or the premise, throws", () => {
    const p = story();
    const s = scene(p, 0);
    expect(() => applyOperation(p, { type: "moveNode", nodeId: s.id, parentId: p.rootId, index: 0 })).toThrow(/scene can only be placed under a beat/);
    expect(() => applyOperation(p, { type: "moveNode", nodeId: s.id, parentId: scene(p, 2).id, index: 0 })).toThrow(OperationError);
    expect(() => applyOperation(p, { type: "moveNode", nodeId: line(p, 0).id, parentId: beat(p, 0).id, index: 0 })).toThrow(/line can only be placed under a scene/);
    expect(() => applyOperation(p, { type: "moveNode", nodeId: beat(p, 0).id, parentId: scene(p, 0).id, index: 0 })).toThrow(/beat can only be placed under a premise/);
    expect(() => applyOperation(p, { type: "moveNode", nodeId: p.rootId, parentId: p.rootId, index: 0 })).toThrow(OperationError);
  });

  it("acknowledgeInputs sets the basis to the current inputs; on the premise it does nothing", () => {
    const p0 = story();
    const s = scene(p0, 0);
    const p = applyOperation(applyOperation(p0, { type: "editNode", nodeId: s.id, text: "mine" }).project, { type: "editNode", nodeId: s.parentId!, text: "beat changed" }).project;
    const r = roundTrip(p, { type: "acknowledgeInputs", nodeId: s.id });
    expect(r.project.nodes[s.id]!.basis).toBe(inputFingerprintForChildOf(p, s.parentId!));
    expect(r.project.nodes[s.id]!.basis).not.toBe(s.basis);
    expect(isEmptyPatch(applyOperation(p, { type: "acknowledgeInputs", nodeId: p.rootId }).patch)).toBe(true);
  });

  it("setProjectSettings merges counts and sampling fields; undo restores the settings exactly", () => {
    const p = story();
    const r = roundTrip(p, {
      type: "setProjectSettings",
      childCount: { beat: 9, line: 1 },
      sampling: { beat: { temperature: 1.4, maxTokens: 4096 }, premise: { minP: 0 } },
    });
    expect(r.project.settings.childCount).toEqual({ ...p.settings.childCount, beat: 9, line: 1 });
    expect(r.project.settings.sampling).toEqual({
      ...p.settings.sampling,
      beat: { ...p.settings.sampling.beat, temperature: 1.4, maxTokens: 4096 },
      premise: { ...p.settings.sampling.premise, minP: 0 },
    });
    expect(r.project.settings.form).toBe(p.settings.form);
    expect(r.patch).toMatchObject({ settingsBefore: p.settings, settingsAfter: r.project.settings });
    expect(Object.keys(r.patch.after)).toEqual([]);
    expect(r.project.nodes).toStrictEqual(p.nodes);
    // The undo restores the very object it replaced.
    expect(applyPatch(r.project, r.patch, "backward").settings).toBe(p.settings);
    expect(operationLabel(p, { type: "setProjectSettings", childCount: { beat: 2 } })).toBe("Change generation settings");
  });

  it("setProjectSettings accepts the ends of every range", () => {
    const p = story();
    const low = roundTrip(p, { type: "setProjectSettings", childCount: { beat: 1, scene: 1, line: 1 }, sampling: { line: { temperature: 0, topP: 0, minP: 0, maxTokens: 16 } } });
    expect(low.project.settings.sampling.line).toEqual({ temperature: 0, topP: 0, minP: 0, maxTokens: 16 });
    const high = roundTrip(p, { type: "setProjectSettings", childCount: { beat: 64 }, sampling: { scene: { temperature: 2, topP: 1, minP: 1, maxTokens: 4096 } } });
    expect(high.project.settings.childCount.beat).toBe(64);
  });

  it("setProjectSettings refuses values out of range and changes nothing", () => {
    const p = story();
    const snapshot = structuredClone(p);
    const bad: Array<[Operation, RegExp]> = [
      [{ type: "setProjectSettings", childCount: { beat: 0 } }, /number of beats to write must be a whole number from 1 to 64 \(got 0\)/],
      [{ type: "setProjectSettings", childCount: { scene: 65 } }, /scenes/],
      [{ type: "setProjectSettings", childCount: { line: 2.5 } }, /whole number/],
      [{ type: "setProjectSettings", sampling: { beat: { temperature: 2.01 } } }, /beat temperature must be between 0 and 2/],
      [{ type: "setProjectSettings", sampling: { line: { temperature: -0.1 } } }, /line temperature/],
      [{ type: "setProjectSettings", sampling: { scene: { topP: 1.5 } } }, /scene top-p must be between 0 and 1/],
      [{ type: "setProjectSettings", sampling: { premise: { minP: -1 } } }, /premise min-p/],
      [{ type: "setProjectSettings", sampling: { beat: { maxTokens: 15 } } }, /max tokens per item must be a whole number from 16 to 4096/],
      [{ type: "setProjectSettings", sampling: { beat: { maxTokens: 4097 } } }, /4096/],
      [{ type: "setProjectSettings", sampling: { beat: { maxTokens: 100.5 } } }, /whole number/],
      [{ type: "setProjectSettings", sampling: { beat: { temperature: Number.NaN } } }, /temperature/],
      // One bad value among good ones fails the whole operation.
      [{ type: "setProjectSettings", childCount: { beat: 4 }, sampling: { line: { topP: 0.9, minP: 2 } } }, /line min-p/],
    ];
    for (const [op, message] of bad) {
      expect(() => applyOperation(p, op)).toThrow(OperationError);
      expect(() => applyOperation(p, op)).toThrow(message);
    }
    expect(p).toStrictEqual(snapshot);
  });

  it("setProjectSettings with the current values, or nothing, makes an empty patch", () => {
    const p = story();
    const same: Operation[] = [
      { type: "setProjectSettings" },
      { type: "setProjectSettings", childCount: {}, sampling: {} },
      { type: "setProjectSettings", childCount: { ...p.settings.childCount } },
      { type: "setProjectSettings", sampling: { beat: { ...p.settings.sampling.beat }, line: { topP: p.settings.sampling.line.topP } } },
    ];
    for (const o of same) {
      const r = applyOperation(p, o);
      expect(isEmptyPatch(r.patch)).toBe(true);
      expect(r.patch).toEqual({ before: {}, after: {} });
      expect(r.project.settings).toBe(p.settings);
    }
  });

  it("labels name the level", () => {
    const p = story();
    expect(operationLabel(p, { type: "editNode", nodeId: beat(p, 0).id, text: "x" })).toBe("Edit beat");
    expect(operationLabel(p, { type: "setLocked", nodeId: line(p, 0).id, locked: true })).toBe("Lock line");
    expect(operationLabel(p, { type: "setLocked", nodeId: line(p, 0).id, locked: false })).toBe("Unlock line");
    expect(operationLabel(p, { type: "insertNode", parentId: scene(p, 0).id, index: 0 })).toBe("Add line");
    expect(operationLabel(p, { type: "setBible", bible: {} })).toBe("Edit story bible");
  });
});
