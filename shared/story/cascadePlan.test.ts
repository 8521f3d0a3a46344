import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planCascade, type CascadeStep } from "./cascadePlan";
import { isReplaceable, type Project } from "./model";
import { applyOperation, type Operation } from "./operations";
import { staleIds } from "./staleness";
import { FakeGenerator, buildStory, descendantIds, nodesAt, nodesInOrder, runCascade, treeProblems } from "./testStory";

function op(project: Project, o: Operation): Project {
  return applyOperation(project, o).project;
}

function byParent(steps: CascadeStep[]): Map<string, CascadeStep> {
  return new Map(steps.map((s) => [s.parentId, s]));
}

/** Every step's dependency comes earlier; parentIds are unique. */
function expectValidOrder(steps: CascadeStep[]) {
  const seen = new Set<string>();
  for (const s of steps) {
    expect(seen.has(s.parentId)).toBe(false);
    if (s.dependsOn !== null) expect(seen.has(s.dependsOn)).toBe(true);
    seen.add(s.parentId);
  }
}

/** The nearest ancestor of `id` (excluding it) that has a step, or null. */
function nearestStepAbove(project: Project, id: string, steps: Map<string, CascadeStep>): string | null {
  for (let cur = project.nodes[id]?.parentId; cur; cur = project.nodes[cur]?.parentId) {
    if (steps.has(cur)) return cur;
  }
  return null;
}

describe("planCascade", () => {
  it("plans nothing for a fresh story", () => {
    const { project } = buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 2 });
    expect(planCascade(project, project.rootId)).toEqual([]);
  });

  it("after a premise edit: one step per parent, parents first, branches depend on the shared ancestor step", () => {
    const { project } = buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 2 });
    const p = op(project, { type: "editNode", nodeId: project.rootId, text: "New premise." });
    const steps = planCascade(p, p.rootId);
    expectValidOrder(steps);
    const parents = nodesInOrder(p).filter((n) => n.childIds.length > 0);
    expect(steps.map((s) => s.parentId).sort()).toEqual(parents.map((n) => n.id).sort());
    const map = byParent(steps);
    expect(map.get(p.rootId)).toMatchObject({ dependsOn: null, depth: 0, expected: p.nodes[p.rootId]!.childIds });
    for (const beat of nodesAt(p, "beat")) {
      // Siblings depend on the premise step, not on each other.
      expect(map.get(beat.id)).toMatchObject({ dependsOn: p.rootId, depth: 1, expected: beat.childIds });
    }
    for (const scene of nodesAt(p, "scene")) {
      expect(map.get(scene.id)).toMatchObject({ dependsOn: scene.parentId, depth: 2, expected: scene.childIds });
      // Scenes after their beat.
      const i = steps.findIndex((s) => s.parentId === scene.id);
      const j = steps.findIndex((s) => s.parentId === scene.parentId);
      expect(j).toBeLessThan(i);
    }
  });

  it("edits in two beats: two independent branches with no common step", () => {
    const { project } = buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 1 });
    const [b1, , b3] = nodesAt(project, "beat");
    let p = op(project, { type: "editNode", nodeId: b1!.id, text: "one" });
    p = op(p, { type: "editNode", nodeId: b3!.id, text: "three" });
    const steps = planCascade(p, p.rootId);
    expectValidOrder(steps);
    const map = byParent(steps);
    expect(map.has(p.rootId)).toBe(false);
    expect(map.get(b1!.id)).toMatchObject({ dependsOn: null, expected: b1!.childIds });
    expect(map.get(b3!.id)).toMatchObject({ dependsOn: null, expected: b3!.childIds });
    for (const s of [...b1!.childIds, ...b3!.childIds]) expect(map.get(s)?.dependsOn).toBe(p.nodes[s]!.parentId);
    // Beat 2's subtree is untouched.
    expect(steps.filter((s) => [nodesAt(p, "beat")[1]!.id, ...descendantIds(p, nodesAt(p, "beat")[1]!.id)].includes(s.parentId))).toEqual([]);
  });

  it("only plans inside the cascade's root", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 1 });
    const p = op(project, { type: "editNode", nodeId: project.rootId, text: "New premise." });
    const b2 = nodesAt(p, "beat")[1]!;
    const steps = planCascade(p, b2.id);
    expectValidOrder(steps);
    const inside = new Set([b2.id, ...descendantIds(p, b2.id)]);
    for (const s of steps) expect(inside.has(s.parentId)).toBe(true);
    // b2 itself is stale but a cascade below b2 never rewrites b2.
    expect(steps.flatMap((s) => s.expected)).not.toContain(b2.id);
    expect(byParent(steps).get(b2.id)).toMatchObject({ dependsOn: null, depth: 0, expected: b2.childIds });
  });

  it("a parent whose children are all edited or locked gets no step, and the grandchildren depend on the nearest step above", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 2 });
    const b1 = nodesAt(project, "beat")[0]!;
    const [s1, s2] = b1.childIds as [string, string];
    let p = op(project, { type: "editNode", nodeId: s1, text: "mine" });
    p = op(p, { type: "setLocked", nodeId: s2, locked: true });
    p = op(p, { type: "editNode", nodeId: p.rootId, text: "New premise." });
    const steps = planCascade(p, p.rootId);
    expectValidOrder(steps);
    const map = byParent(steps);
    expect(map.has(b1.id)).toBe(false);
    // The beat itself is regenerated by the premise step, so its scenes' lines change inputs.
    expect(map.get(p.rootId)?.expected).toContain(b1.id);
    expect(map.get(s1)).toMatchObject({ dependsOn: p.rootId, depth: 2 });
    expect(map.get(s2)).toMatchObject({ dependsOn: p.rootId, depth: 2 });
  });

  it("a parent with only edited/written children and nothing stale above gets no step", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 2, linesPerScene: 2 });
    const b1 = nodesAt(project, "beat")[0]!;
    let p = project;
    for (const s of b1.childIds) p = op(p, { type: "editNode", nodeId: s, text: `edited ${s}` });
    // Editing the scenes made their lines stale; now protect those lines too.
    for (const l of nodesAt(p, "line")) p = op(p, { type: "setLocked", nodeId: l.id, locked: true });
    p = op(p, { type: "editNode", nodeId: b1.id, text: "beat edited" });
    expect(staleIds(p).size).toBe(0);
    expect(planCascade(p, p.rootId)).toEqual([]);
    expect(planCascade(p, b1.id)).toEqual([]);
  });

  it("a locked beat keeps its text, but its generated scenes are stale after a premise edit and get a step after the premise step", () => {
    const { project } = buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 1 });
    const b2 = nodesAt(project, "beat")[1]!;
    let p = op(project, { type: "setLocked", nodeId: b2.id, locked: true });
    p = op(p, { type: "editNode", nodeId: p.rootId, text: "New premise." });
    const stale = staleIds(p);
    expect(stale.has(b2.id)).toBe(false);
    for (const s of b2.childIds) expect(stale.has(s)).toBe(true);
    const steps = planCascade(p, p.rootId);
    expectValidOrder(steps);
    const map = byParent(steps);
    expect(map.get(p.rootId)?.expected).not.toContain(b2.id);
    expect(map.get(b2.id)).toMatchObject({ dependsOn: p.rootId, expected: b2.childIds });

    const gen = new FakeGenerator();
    const run = runCascade(p, p.rootId, gen);
    expect(run.project.nodes[b2.id]).toStrictEqual(p.nodes[b2.id]);
    for (const s of b2.childIds) expect(run.project.nodes[s]!.text).not.toBe(p.nodes[s]!.text);
    expect(staleIds(run.project).size).toBe(0);
  });

  it("plans lines under an edited scene whose beat will be regenerated, though nothing there is stale yet", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 2 });
    const b1 = nodesAt(project, "beat")[0]!;
    const s1 = b1.childIds[0]!;
    let p = op(project, { type: "editNode", nodeId: s1, text: "kept scene" });
    p = op(p, { type: "acknowledgeInputs", nodeId: p.nodes[s1]!.childIds[0]! });
    p = op(p, { type: "acknowledgeInputs", nodeId: p.nodes[s1]!.childIds[1]! });
    // The angle only stales the beats; the lines under s1 are fresh now...
    p = op(p, { type: "setAngle", nodeId: p.rootId, angle: "as a farce" });
    expect(staleIds(p)).toEqual(new Set(nodesAt(p, "beat").map((n) => n.id)));
    // ...but they will not be once b1 is rewritten, so they get a step, after b1's (which rewrites s1's sibling).
    const steps = planCascade(p, p.rootId);
    expectValidOrder(steps);
    expect(byParent(steps).get(b1.id)).toMatchObject({ dependsOn: p.rootId, expected: [b1.childIds[1]] });
    expect(byParent(steps).get(s1)).toMatchObject({ dependsOn: b1.id, expected: p.nodes[s1]!.childIds });
    const run = runCascade(p, p.rootId, new FakeGenerator());
    expect(staleIds(run.project).size).toBe(0);
    expect(run.project.nodes[s1]).toStrictEqual(p.nodes[s1]);
  });

  it("setAngle on a beat: a step for its scenes and steps for their lines, which depend on it", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 2 });
    const b1 = nodesAt(project, "beat")[0]!;
    const p = op(project, { type: "setAngle", nodeId: b1.id, angle: "more about the postman" });
    const steps = planCascade(p, p.rootId);
    expectValidOrder(steps);
    expect(steps.map((s) => s.parentId)).toEqual([b1.id, ...b1.childIds]);
    for (const s of steps.slice(1)) expect(s.dependsOn).toBe(b1.id);
  });

  it("property: steps are ordered, cover every stale or to-be-changed replaceable descendant exactly once, and match what runs", () => {
    const editArb = fc.record({
      kind: fc.constantFrom("edit", "lock", "angle", "bible", "title", "ack", "ackAll"),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.array(editArb, { maxLength: 8 }),
        fc.nat(),
        fc.boolean(),
        (beats, scenes, lines, edits, rootPick, parallel) => {
          const built = buildStory({ beats, scenesPerBeat: scenes, linesPerScene: lines });
          let p = built.project;
          edits.forEach((e, k) => {
            const nodes = nodesInOrder(p);
            const n = nodes[e.pick % nodes.length]!;
            if (e.kind === "edit") p = op(p, { type: "editNode", nodeId: n.id, text: `edit ${k}` });
            else if (e.kind === "lock") p = op(p, { type: "setLocked", nodeId: n.id, locked: !n.locked });
            else if (e.kind === "angle") p = op(p, { type: "setAngle", nodeId: n.id, angle: `angle ${k}` });
            else if (e.kind === "bible") p = op(p, { type: "setBible", bible: { tone: `tone ${k}` } });
            else if (e.kind === "ack") p = op(p, { type: "acknowledgeInputs", nodeId: n.id });
            else if (e.kind === "ackAll") for (const m of nodes) p = op(p, { type: "acknowledgeInputs", nodeId: m.id });
            else p = op(p, { type: "editNode", nodeId: n.id, title: `title ${k}` });
          });
          const nodes = nodesInOrder(p);
          const root = nodes[rootPick % nodes.length]!;
          const steps = planCascade(p, root.id);
          expectValidOrder(steps);
          const map = byParent(steps);
          const stale = staleIds(p);
          const inside = descendantIds(p, root.id);
          const covered = steps.flatMap((s) => s.expected);
          expect(new Set(covered).size).toBe(covered.length);
          for (const s of steps) {
            expect(s.expected.length).toBeGreaterThan(0);
            for (const c of s.expected) {
              expect(p.nodes[c]!.parentId).toBe(s.parentId);
              expect(isReplaceable(p.nodes[c]!)).toBe(true);
            }
            expect(s.parentId === root.id || inside.includes(s.parentId)).toBe(true);
            expect(s.dependsOn).toBe(nearestStepAbove(p, s.parentId, map));
          }
          for (const id of inside) if (stale.has(id)) expect(covered).toContain(id);

          const run = runCascade(p, root.id, built.gen, { parallel });
          for (const e of run.executed) expect(e.job?.slots ?? []).toEqual(e.step.expected);
          const staleAfter = staleIds(run.project);
          expect(descendantIds(run.project, root.id).filter((id) => staleAfter.has(id))).toEqual([]);
          expect(treeProblems(run.project)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
