/**
 * Split, merge and duplicate: what each does to the tree, what each refuses, that each is undone
 * exactly, and (fast-check) that no sequence of them with moves loses a word or breaks the tree.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordPatch, undo } from "./history";
import type { Project } from "./model";
import { applyOperation, OperationError, type Operation } from "./operations";
import { applyPatch } from "./patch";
import { staleIds } from "./staleness";
import { buildStory, nodesAt, nodesInOrder, pickOperation, treeProblems, type OperationPick } from "./testStory";

const story = () => buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 3 }).project;

function apply(p: Project, op: Operation): Project {
  const r = applyOperation(p, op);
  expect(treeProblems(r.project)).toEqual([]);
  // The patch is the exact inverse.
  expect(applyPatch(r.project, r.patch, "backward").nodes).toStrictEqual(p.nodes);
  return r.project;
}

describe("splitNode", () => {
  it("moves the chosen line and those after it into a new scene right after, the old text staying put", () => {
    const p = story();
    const scene = nodesAt(p, "scene")[0]!;
    const [l1, l2, l3] = scene.childIds;
    const q = apply(p, { type: "splitNode", nodeId: scene.id, atChildId: l2!, id: "scene_new" });
    expect(q.nodes[scene.id]!.childIds).toEqual([l1]);
    expect(q.nodes.scene_new).toMatchObject({ parentId: scene.parentId, childIds: [l2, l3], origin: "written", text: "", title: `${scene.title} (continued)` });
    expect(q.nodes[l2!]!.parentId).toBe("scene_new");
    const beat = q.nodes[scene.parentId!]!;
    expect(beat.childIds.indexOf("scene_new")).toBe(beat.childIds.indexOf(scene.id) + 1);
    expect(q.nodes[scene.id]!.text).toBe(scene.text);
  });

  it("refuses the first line (the scene would be empty), a line of another scene and the premise", () => {
    const p = story();
    const [a, b] = nodesAt(p, "scene");
    expect(() => applyOperation(p, { type: "splitNode", nodeId: a!.id, atChildId: a!.childIds[0]! })).toThrow(OperationError);
    expect(() => applyOperation(p, { type: "splitNode", nodeId: a!.id, atChildId: b!.childIds[1]! })).toThrow(/not below/);
    expect(() => applyOperation(p, { type: "splitNode", nodeId: p.rootId, atChildId: p.nodes[p.rootId]!.childIds[1]! })).toThrow(OperationError);
  });
});

describe("mergeNodes", () => {
  it("joins two adjacent scenes: both texts (the second title as a heading), all lines, all alts", () => {
    let p = story();
    const [a, b] = nodesAt(p, "scene");
    p = apply(p, { type: "editNode", nodeId: b!.id, title: "The cellar" });
    const q = apply(p, { type: "mergeNodes", nodeId: a!.id, withId: b!.id });
    const merged = q.nodes[a!.id]!;
    expect(q.nodes[b!.id]).toBeUndefined();
    expect(merged.text).toBe(`${a!.text}\n\nThe cellar\n\n${b!.text}`);
    expect(merged.childIds).toEqual([...a!.childIds, ...b!.childIds]);
    for (const c of b!.childIds) expect(q.nodes[c]!.parentId).toBe(a!.id);
    expect(merged.origin).toBe("edited");
  });

  it("merging a split back gives the scene back as it was: same text and origin, its lines all fresh", () => {
    const p = buildStory({ beats: 1, scenesPerBeat: 2, linesPerScene: 4 }).project;
    const scene = nodesAt(p, "scene")[0]!;
    const split = applyOperation(p, { type: "splitNode", nodeId: scene.id, atChildId: scene.childIds[2]!, id: "scene_rest" }).project;
    const merged = applyOperation(split, { type: "mergeNodes", nodeId: scene.id, withId: "scene_rest" }).project;
    expect(merged.nodes[scene.id]).toEqual(scene);
    expect(staleIds(merged).size).toBe(0);
  });

  it("refuses scenes that are not neighbours, and lines of different speakers", () => {
    const p = buildStory({ beats: 1, scenesPerBeat: 3, linesPerScene: 2, form: "screenplay" }).project;
    const [a, , c] = nodesAt(p, "scene");
    expect(() => applyOperation(p, { type: "mergeNodes", nodeId: a!.id, withId: c!.id })).toThrow(/right after/);
    const [l1, l2] = a!.childIds;
    let q = applyOperation(p, { type: "editNode", nodeId: l1!, speaker: "ANN" }).project;
    q = applyOperation(q, { type: "editNode", nodeId: l2!, speaker: "BEN" }).project;
    expect(() => applyOperation(q, { type: "mergeNodes", nodeId: l1!, withId: l2! })).toThrow(/speakers/);
    q = applyOperation(q, { type: "editNode", nodeId: l2!, speaker: "ANN" }).project;
    expect(applyOperation(q, { type: "mergeNodes", nodeId: l1!, withId: l2! }).project.nodes[l2!]).toBeUndefined();
  });
});

describe("duplicateNode", () => {
  it("copies the scene with its lines and alts under new ids, right after it", () => {
    const p = story();
    const scene = nodesAt(p, "scene")[0]!;
    const q = apply(p, { type: "duplicateNode", nodeId: scene.id });
    const beat = q.nodes[scene.parentId!]!;
    const copyId = beat.childIds[beat.childIds.indexOf(scene.id) + 1]!;
    const copy = q.nodes[copyId]!;
    expect(copyId).not.toBe(scene.id);
    expect(copy.text).toBe(scene.text);
    expect(copy.childIds).toHaveLength(scene.childIds.length);
    expect(copy.childIds.some((id) => scene.childIds.includes(id))).toBe(false);
    expect(copy.childIds.map((id) => q.nodes[id]!.text)).toEqual(scene.childIds.map((id) => p.nodes[id]!.text));
    expect(Object.keys(q.nodes)).toHaveLength(Object.keys(p.nodes).length + 1 + scene.childIds.length);
  });
});

const pickArb: fc.Arbitrary<OperationPick> = fc.record({
  kind: fc.constantFrom("split", "merge", "duplicate", "move", "move", "delete"),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  field: fc.constant("text" as const),
  words: fc.constant(""),
});

describe("restructuring sequences (fast-check)", () => {
  it("never lose a word (a delete keeps its words in its undo record), keep the tree sound, and undo all the way back exactly", () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(fc.array(pickArb, { minLength: 1, maxLength: 20 }), (picks) => {
        const start = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 2 }).project;
        const words = nodesInOrder(start).flatMap((n) => [n.text, n.title]).filter((t) => t.trim());
        let p = start;
        // What deletes took out of the tree, as their undo records hold it.
        let deleted = "";
        for (const pick of picks) {
          const op = pickOperation(p, pick, "");
          if (!op) continue;
          let r;
          try {
            r = applyOperation(p, op);
          } catch (e) {
            if (e instanceof OperationError) continue;
            throw e;
          }
          p = recordPatch(r.project, r.patch, { label: op.type, source: "user" });
          seen[op.type] = (seen[op.type] ?? 0) + 1;
          expect(treeProblems(p)).toEqual([]);
          if (op.type === "deleteNode") {
            deleted += Object.entries(r.patch.before)
              .filter(([id]) => r.patch.after[id] === null)
              .map(([, n]) => `${n!.title}\n${n!.text}\n`)
              .join("");
          }
          // Every original title and text is still in the story — or, if a delete took it out, in that delete's undo record.
          const all = Object.values(p.nodes).map((n) => `${n.title}\n${n.text}`).join("\n") + deleted;
          for (const w of words) expect(all).toContain(w);
        }
        for (let r = undo(p); r; r = undo(p)) p = r.project;
        expect(p.nodes).toStrictEqual(start.nodes);
      }),
      { numRuns: 300 },
    );
    // Not vacuous: every kind of operation was applied many times.
    for (const type of ["splitNode", "mergeNodes", "duplicateNode", "moveNode", "deleteNode"]) expect(seen[type] ?? 0, type).toBeGreaterThan(50);
  });
});
