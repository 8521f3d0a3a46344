import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Patch, Project } from "./model";
import { applyOperation } from "./operations";
import { Draft, applyPatch, composePatches, invertPatch, isEmptyPatch } from "./patch";
import { buildStory, generateChildren, nodesInOrder, pickOperation, type OperationPick } from "./testStory";

const pickArb: fc.Arbitrary<OperationPick> = fc.record({
  kind: fc.constantFrom("edit", "insert", "delete", "move", "lock", "angle", "bible", "title", "acknowledge", "settings"),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  field: fc.constantFrom("text", "title", "speaker"),
  words: fc.string({ maxLength: 8 }),
});

/** What a patch may change: nodes, bible, title, settings. */
function content(p: Project) {
  return { nodes: p.nodes, bible: p.bible, title: p.title, settings: p.settings };
}

/** A start project and the patches of a random run of operations and generations over it. */
function runOf(picks: Array<OperationPick | { regen: number }>): { start: Project; states: Project[]; patches: Patch[] } {
  const { project: start, gen } = buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 1 });
  const states = [start];
  const patches: Patch[] = [];
  let p = start;
  picks.forEach((pick, k) => {
    let r: { project: Project; patch: Patch } | null;
    if ("regen" in pick) {
      const parents = nodesInOrder(p).filter((n) => n.level !== "line");
      r = generateChildren(p, parents[pick.regen % parents.length]!.id, gen, { count: 2 });
    } else {
      const op = pickOperation(p, pick, `typed ${k} ${pick.words}`);
      r = op ? applyOperation(p, op) : null;
    }
    if (!r) return;
    p = r.project;
    states.push(p);
    patches.push(r.patch);
  });
  return { start, states, patches };
}

const stepsArb = fc.array(fc.oneof(pickArb, fc.record({ regen: fc.nat() })), { minLength: 1, maxLength: 10 });

describe("patches", () => {
  it("every patch replays forwards and backwards exactly", () => {
    fc.assert(
      fc.property(stepsArb, (picks) => {
        const { states, patches } = runOf(picks);
        patches.forEach((patch, i) => {
          expect(content(applyPatch(states[i]!, patch, "forward"))).toStrictEqual(content(states[i + 1]!));
          expect(content(applyPatch(states[i + 1]!, patch, "backward"))).toStrictEqual(content(states[i]!));
        });
      }),
      { numRuns: 200 },
    );
  });

  it("invertPatch is an involution and swaps the directions", () => {
    fc.assert(
      fc.property(stepsArb, (picks) => {
        const { states, patches } = runOf(picks);
        patches.forEach((patch, i) => {
          expect(invertPatch(invertPatch(patch))).toStrictEqual(patch);
          expect(content(applyPatch(states[i + 1]!, invertPatch(patch), "forward"))).toStrictEqual(content(states[i]!));
          expect(content(applyPatch(states[i]!, invertPatch(patch), "backward"))).toStrictEqual(content(states[i + 1]!));
          expect(isEmptyPatch(invertPatch(patch))).toBe(isEmptyPatch(patch));
        });
      }),
      { numRuns: 200 },
    );
  });

  it("composing a run's patches gives one patch from the first state to the last, whatever the grouping", () => {
    fc.assert(
      fc.property(stepsArb, fc.nat(), (picks, split) => {
        const { start, states, patches } = runOf(picks);
        if (!patches.length) return;
        const end = states[states.length - 1]!;
        const left = patches.reduce((acc, p) => composePatches(acc, p));
        expect(content(applyPatch(start, left, "forward"))).toStrictEqual(content(end));
        expect(content(applyPatch(end, left, "backward"))).toStrictEqual(content(start));
        const k = 1 + (split % patches.length);
        const a = patches.slice(0, k).reduce((acc, p) => composePatches(acc, p));
        const rest = patches.slice(k);
        const grouped = rest.length ? composePatches(a, rest.reduce((acc, p) => composePatches(acc, p))) : a;
        expect(content(applyPatch(start, grouped, "forward"))).toStrictEqual(content(end));
        expect(content(applyPatch(end, grouped, "backward"))).toStrictEqual(content(start));
        // The composition of inverses in reverse order undoes the composition.
        const inverse = patches.map(invertPatch).reverse().reduce((acc, p) => composePatches(acc, p));
        expect(content(applyPatch(end, inverse, "forward"))).toStrictEqual(content(start));
      }),
      { numRuns: 200 },
    );
  });

  it("composePatches keeps the first before and the last after for bible and title", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 0, linesPerScene: 0 });
    const a = applyOperation(project, { type: "setBible", bible: { tone: "A" } });
    const b = applyOperation(a.project, { type: "setTitle", title: "T2" });
    const c = applyOperation(b.project, { type: "setBible", bible: { tone: "C" } });
    const all = composePatches(composePatches(a.patch, b.patch), c.patch);
    expect(all.bibleBefore).toBe(project.bible);
    expect(all.bibleAfter).toBe(c.project.bible);
    expect(all.titleBefore).toBe(project.title);
    expect(all.titleAfter).toBe("T2");
    expect(composePatches({ before: {}, after: {} }, { before: {}, after: {} })).toEqual({ before: {}, after: {} });
  });

  it("composePatches keeps the first before and the last after for the settings", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 0, linesPerScene: 0 });
    const a = applyOperation(project, { type: "setProjectSettings", childCount: { beat: 2 } });
    const b = applyOperation(a.project, { type: "setTitle", title: "T2" });
    const c = applyOperation(b.project, { type: "setProjectSettings", sampling: { beat: { topP: 0.5 } } });
    const all = composePatches(composePatches(a.patch, b.patch), c.patch);
    expect(all.settingsBefore).toBe(project.settings);
    expect(all.settingsAfter).toBe(c.project.settings);
    expect(applyPatch(c.project, all, "backward").settings).toBe(project.settings);
    expect(composePatches(b.patch, b.patch)).not.toHaveProperty("settingsAfter");
  });

  it("isEmptyPatch", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 0, linesPerScene: 0 });
    expect(isEmptyPatch({ before: {}, after: {} })).toBe(true);
    expect(isEmptyPatch({ before: {}, after: {}, titleBefore: "a", titleAfter: "" })).toBe(false);
    expect(isEmptyPatch({ before: { x: null }, after: { x: null } })).toBe(false);
    expect(isEmptyPatch(applyOperation(project, { type: "setTitle", title: "new" }).patch)).toBe(false);
    expect(isEmptyPatch({ before: {}, after: {}, settingsBefore: project.settings, settingsAfter: project.settings })).toBe(false);
    expect(isEmptyPatch(applyOperation(project, { type: "setProjectSettings", childCount: { line: 2 } }).patch)).toBe(false);
    expect(isEmptyPatch(applyOperation(project, { type: "setProjectSettings", childCount: { ...project.settings.childCount } }).patch)).toBe(true);
  });

  it("a Draft leaves the base project untouched and records only real changes", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 0, linesPerScene: 0 });
    const snapshot = structuredClone(project);
    const [b1, b2] = nodesInOrder(project).slice(1);
    const d = new Draft(project);
    d.update(b1!.id, { text: "changed" });
    d.update(b2!.id, { text: b2!.text }); // same content
    d.remove("not-there");
    const { project: next, patch } = d.commit();
    expect(project).toStrictEqual(snapshot);
    expect(Object.keys(patch.after)).toEqual([b1!.id]);
    expect(next.nodes[b2!.id]).toBe(project.nodes[b2!.id]);
    expect(next.nodes[b1!.id]!.text).toBe("changed");
  });
});
