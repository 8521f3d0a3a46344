import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Project } from "./model";
import { applyOperation, OperationError } from "./operations";
import { applyPatch } from "./patch";
import { removedNodes, restoreSnapshot, snapshotDiff, takeSnapshot } from "./snapshots";
import { buildStory, nodesAt, pickOperation, treeProblems, type OperationPick } from "./testStory";

const AT = "2026-11-23T10:00:00.000Z";
const story = () => buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 2 }).project;

const pickArb: fc.Arbitrary<OperationPick> = fc.record({
  kind: fc.constantFrom("edit", "insert", "delete", "move", "split", "merge", "duplicate", "title", "bible"),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  field: fc.constantFrom("text" as const, "title" as const),
  words: fc.string({ maxLength: 4 }),
});

/** Whether `id` is `ancestor` or under it in `nodes`. */
function isUnderIn(nodes: Project["nodes"], id: string, ancestor: string): boolean {
  for (let cur: string | null | undefined = id, guard = 0; cur && guard < 10_000; cur = nodes[cur]?.parentId, guard++) if (cur === ancestor) return true;
  return false;
}

function play(start: Project, picks: OperationPick[]): Project {
  let p = start;
  picks.forEach((pick, i) => {
    const op = pickOperation(p, pick, `w${i}${pick.words}`);
    if (!op) return;
    try {
      p = applyOperation(p, op).project;
    } catch (e) {
      if (!(e instanceof OperationError)) throw e;
    }
  });
  return p;
}

describe("snapshots", () => {
  it("restore everything exactly after any edits and restructuring, as one step the patch undoes", () => {
    fc.assert(
      fc.property(fc.array(pickArb, { minLength: 1, maxLength: 15 }), (picks) => {
        const start = story();
        const snap = takeSnapshot(start, { id: "s1", name: "before", at: AT });
        const changed = play(start, picks);
        const r = restoreSnapshot(changed, snap);
        expect(r.project.nodes).toStrictEqual(start.nodes);
        expect(r.project.title).toBe(start.title);
        expect(r.project.bible).toStrictEqual(start.bible);
        expect(snapshotDiff(snap, r.project)).toEqual({ added: [], removed: [], moved: [], changed: [] });
        expect(applyPatch(r.project, r.patch, "backward").nodes).toStrictEqual(changed.nodes);
      }),
      { numRuns: 200 },
    );
  });

  it("restore one beat's subtree, leaving the rest as it is now", () => {
    fc.assert(
      fc.property(fc.array(pickArb, { minLength: 1, maxLength: 12 }), (picks) => {
        const start = story();
        const beat = nodesAt(start, "beat")[0]!;
        const snap = takeSnapshot(start, { id: "s2", name: "beat one", at: AT, scopeId: beat.id });
        const changed = play(start, picks);
        const r = restoreSnapshot(changed, snap);
        expect(treeProblems(r.project)).toEqual([]);
        for (const [id, n] of Object.entries(snap.nodes)) expect(r.project.nodes[id]).toStrictEqual(n);
        const d = snapshotDiff(snap, r.project);
        expect([d.added, d.removed, d.moved, d.changed]).toEqual([[], [], [], []]);
        expect(r.project.nodes[start.rootId]!.childIds).toContain(beat.id);
      }),
      { numRuns: 200 },
    );
  });

  it("restoring a beat sends a scene moved into it back to the beat it was in, losing nothing", () => {
    const start = story();
    const [beat1, beat2] = nodesAt(start, "beat");
    const scene = start.nodes[beat2!.childIds[1]!]!;
    const snap = takeSnapshot(start, { id: "s5", name: "before", at: AT });
    let changed = applyOperation(start, { type: "moveNode", nodeId: scene.id, parentId: beat1!.id, index: 0 }).project;
    changed = applyOperation(changed, { type: "editNode", nodeId: beat1!.id, text: "Beat one, rewritten." }).project;
    const r = restoreSnapshot(changed, snap, beat1!.id);
    expect(treeProblems(r.project)).toEqual([]);
    for (const id of Object.keys(start.nodes)) expect(r.project.nodes[id]).toBeDefined();
    expect(r.project.nodes[scene.id]).toStrictEqual(scene);
    for (const line of scene.childIds) expect(r.project.nodes[line]).toStrictEqual(start.nodes[line]);
    expect(r.project.nodes[beat2!.id]!.childIds).toEqual(beat2!.childIds);
    expect(r.project.nodes[beat1!.id]).toStrictEqual(beat1);
    expect(r.project.nodes).toStrictEqual(start.nodes);
    expect(applyPatch(r.project, r.patch, "backward")).toStrictEqual(changed);
  });

  it("keeps a node moved in whose place in the snapshot is gone, where it is now", () => {
    const start = story();
    const [beat1, beat2] = nodesAt(start, "beat");
    const scene = start.nodes[beat2!.childIds[0]!]!;
    const line = scene.childIds[0]!;
    const snap = takeSnapshot(start, { id: "s6", name: "before", at: AT });
    let changed = applyOperation(start, { type: "moveNode", nodeId: line, parentId: beat1!.childIds[0]!, index: 1 }).project;
    changed = applyOperation(changed, { type: "deleteNode", nodeId: scene.id }).project;
    const r = restoreSnapshot(changed, snap, beat1!.id);
    expect(treeProblems(r.project)).toEqual([]);
    expect(r.project.nodes[line]).toStrictEqual(changed.nodes[line]);
    expect(r.project.nodes[beat1!.childIds[0]!]!.childIds).toEqual([...start.nodes[beat1!.childIds[0]!]!.childIds.slice(0, 1), line, ...start.nodes[beat1!.childIds[0]!]!.childIds.slice(1)]);
    expect(applyPatch(r.project, r.patch, "backward")).toStrictEqual(changed);
  });

  it("a subtree restore never drops a node the snapshot holds, nor one outside what it restores", () => {
    fc.assert(
      fc.property(fc.array(pickArb, { minLength: 1, maxLength: 15 }), fc.nat(), (picks, which) => {
        const start = story();
        const snap = takeSnapshot(start, { id: "s7", name: "before", at: AT });
        const changed = play(start, picks);
        const candidates = Object.values(snap.nodes).filter((n) => n.parentId === null || changed.nodes[n.parentId]);
        const target = candidates[which % candidates.length]!;
        const r = restoreSnapshot(changed, snap, target.id);
        expect(treeProblems(r.project)).toEqual([]);
        for (const id of Object.keys(snap.nodes)) if (changed.nodes[id] || isUnderIn(snap.nodes, id, target.id)) expect(r.project.nodes[id]).toBeDefined();
        for (const id of Object.keys(changed.nodes)) if (snap.nodes[id]) expect(r.project.nodes[id]).toBeDefined();
        for (const id of Object.keys(changed.nodes)) if (!r.project.nodes[id]) expect(isUnderIn(changed.nodes, id, target.id) || snap.nodes[id] === undefined).toBe(true);
        // What it restores is as the snapshot has it (a node kept where it is may sit among the children).
        for (const id of Object.keys(snap.nodes)) {
          if (!isUnderIn(snap.nodes, id, target.id)) continue;
          expect({ ...r.project.nodes[id]!, childIds: [] }).toStrictEqual({ ...snap.nodes[id]!, childIds: [] });
          expect(r.project.nodes[id]!.childIds.filter((c) => snap.nodes[c]?.parentId === id)).toEqual(snap.nodes[id]!.childIds);
        }
        expect(applyPatch(r.project, r.patch, "backward")).toStrictEqual(changed);
      }),
      { numRuns: 300 },
    );
  });

  it("diffs a subtree snapshot against the same subtree now", () => {
    const p = story();
    const beat = nodesAt(p, "beat")[0]!;
    const snap = takeSnapshot(p, { id: "s4", name: "b", at: AT, scopeId: beat.id });
    const scene = p.nodes[beat.childIds[0]!]!;
    const q = applyOperation(p, { type: "editNode", nodeId: scene.id, text: "Changed." }).project;
    const d = snapshotDiff(snap, q);
    expect(d.changed.map((c) => c.id)).toEqual([scene.id]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
  });

  it("names what was removed since from the snapshot's own records", () => {
    const p = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 2 }).project;
    const scene = nodesAt(p, "scene")[1]!;
    const snap = takeSnapshot(p, { id: "s1", name: "before", at: "2024-01-01T00:00:00.000Z" });
    const now = applyOperation(p, { type: "deleteNode", nodeId: scene.id }).project;
    const diff = snapshotDiff(snap, now);
    const gone = removedNodes(snap, diff);
    expect(Object.keys(gone).sort()).toEqual([scene.id, ...scene.childIds].sort());
    expect(gone[scene.id]).toEqual({ level: "scene", title: scene.title, text: scene.text, parentId: scene.parentId });
  });

  it("refuses a node the snapshot does not hold", () => {
    const p = story();
    const beat = nodesAt(p, "beat")[0]!;
    const snap = takeSnapshot(p, { id: "s3", name: "b", at: AT, scopeId: beat.id });
    expect(() => restoreSnapshot(p, snap, nodesAt(p, "beat")[1]!.id)).toThrow(/does not hold/);
  });
});
