/**
 * Whole-model properties over random sessions: writer operations, regenerations (some with the writer
 * acting while the model writes), cascades, undo and redo.
 *
 * "No typed text is lost", precisely: every string typed through editNode or insertNode (each one
 * unique) must, after every step, be the title, text or speaker of some node or alt, or of some node
 * record (or its alts) in a patch on the undo or redo stack. The only sanctioned loss is the
 * documented one: recording a new entry clears the redo stack, so a text that was findable only in the
 * redo stack may go then. (Edits here are recorded without a merge key; merging keyed bursts of
 * typing, which keeps only the burst's first and last state, is covered in history.test.ts.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyGeneration, planChildrenJob, type ChildrenJob } from "./generation";
import { recordPatch, redo, undo } from "./history";
import { childLevel, type Alt, type Project, type StoryNode } from "./model";
import { applyOperation, type Operation } from "./operations";
import { staleIds } from "./staleness";
import { buildStory, descendantIds, isProtected, nodesInOrder, pickOperation, runCascade, treeProblems, type OperationPick } from "./testStory";

const pickArb: fc.Arbitrary<OperationPick> = fc.record({
  kind: fc.constantFrom("edit", "edit", "insert", "delete", "move", "lock", "lock", "angle", "bible", "title", "acknowledge", "split", "merge", "duplicate"),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  field: fc.constantFrom("text", "text", "title", "speaker"),
  words: fc.string({ maxLength: 6, unit: "grapheme" }),
});

type Meanwhile = { kind: "edit" | "lock" | "delete" | "move" | "editParent" | "deleteParent" | "insert"; pick: number };

type Command =
  | { t: "op"; pick: OperationPick }
  | { t: "regen"; pick: number; only: boolean; count: number; meanwhile: Meanwhile | null }
  | { t: "cascade"; pick: number; parallel: boolean }
  | { t: "undo" }
  | { t: "redo" };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: pickArb.map((pick) => ({ t: "op" as const, pick })) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("regen" as const),
      pick: fc.nat(),
      only: fc.boolean(),
      count: fc.integer({ min: 1, max: 3 }),
      meanwhile: fc.option(
        fc.record({ kind: fc.constantFrom("edit", "lock", "delete", "move", "editParent", "deleteParent", "insert"), pick: fc.nat() }),
        { nil: null },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("cascade" as const), pick: fc.nat(), parallel: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ t: "undo" as const }) },
  { weight: 1, arbitrary: fc.constant({ t: "redo" as const }) },
);

const shapeArb = fc.record({
  beats: fc.integer({ min: 1, max: 3 }),
  scenesPerBeat: fc.integer({ min: 0, max: 2 }),
  linesPerScene: fc.integer({ min: 0, max: 2 }),
  form: fc.constantFrom("prose" as const, "screenplay" as const),
});

function addTexts(out: Set<string>, n: StoryNode | Alt) {
  out.add(n.title);
  out.add(n.text);
  if (n.speaker !== undefined) out.add(n.speaker);
}

/** Every title, text and speaker findable in the project, optionally without the redo stack. */
function findableTexts(p: Project, withRedo = true): Set<string> {
  const out = new Set<string>();
  const addNode = (n: StoryNode | null | undefined) => {
    if (!n) return;
    addTexts(out, n);
    for (const a of n.alts) addTexts(out, a);
  };
  for (const n of Object.values(p.nodes)) addNode(n);
  const entries = withRedo ? [...p.history.undo, ...p.history.redo] : p.history.undo;
  for (const e of entries) {
    for (const rec of Object.values(e.patch.before)) addNode(rec);
    for (const rec of Object.values(e.patch.after)) addNode(rec);
  }
  return out;
}

/** The writer's nodes must come out of a generation byte-identical (children may only be appended). */
function expectWriterNodesKept(before: Project, after: Project) {
  for (const n of Object.values(before.nodes)) {
    if (!isProtected(n)) continue;
    const now = after.nodes[n.id];
    expect(now, `protected node ${n.id} vanished`).toBeDefined();
    const { childIds: a, ...restBefore } = n;
    const { childIds: b, ...restAfter } = now!;
    expect(restAfter).toStrictEqual(restBefore);
    expect(b.slice(0, a.length)).toEqual(a);
  }
}

function record(p: Project, r: { project: Project; patch: Project["history"]["undo"][number]["patch"] }, source: "user" | "generation", label: string): Project {
  return recordPatch(r.project, r.patch, { label, source });
}

function meanwhileOp(p: Project, job: ChildrenJob, m: Meanwhile, typed: string): Operation | null {
  const slot = job.slots.length ? job.slots[m.pick % job.slots.length]! : null;
  const parent = p.nodes[job.parentId]!;
  switch (m.kind) {
    case "edit":
      return slot ? { type: "editNode", nodeId: slot, text: typed } : null;
    case "lock":
      return slot ? { type: "setLocked", nodeId: slot, locked: true } : null;
    case "delete":
      return slot ? { type: "deleteNode", nodeId: slot } : null;
    case "move": {
      if (!slot) return null;
      const targets = nodesInOrder(p).filter((n) => childLevel(n.level) === p.nodes[slot]!.level);
      return { type: "moveNode", nodeId: slot, parentId: targets[m.pick % targets.length]!.id, index: 0 };
    }
    case "editParent":
      return { type: "editNode", nodeId: parent.id, text: typed };
    case "deleteParent":
      return parent.parentId ? { type: "deleteNode", nodeId: parent.id } : null;
    case "insert":
      return { type: "insertNode", parentId: parent.id, index: m.pick % (parent.childIds.length + 1), text: typed };
  }
}

/** Runs a session; checks the step invariants as it goes; returns the start and end projects. */
function runSession(shape: Parameters<typeof buildStory>[0], commands: Command[]) {
  const { project: start, gen } = buildStory(shape);
  let p = start;
  let typedCount = 0;
  const mustSurvive = new Set<string>();
  /** A fresh unique text to type; registered by `typed` once an operation really types it. */
  const nextText = (words = "") => `✎${++typedCount}·${words}`;
  const typed = (o: Operation) => {
    if (o.type === "editNode") for (const t of [o.text, o.title, o.speaker]) if (t !== undefined) mustSurvive.add(t);
    if (o.type === "insertNode") for (const t of [o.text, o.title, o.speaker]) if (t !== undefined) mustSurvive.add(t);
  };
  const applyOp = (o: Operation) => {
    const r = applyOperation(p, o);
    p = record(p, r, "user", o.type);
  };

  for (const cmd of commands) {
    const before = p;
    switch (cmd.t) {
      case "op": {
        const o = pickOperation(p, cmd.pick, nextText(cmd.pick.words));
        if (o) {
          typed(o);
          applyOp(o);
        }
        break;
      }
      case "regen": {
        const parents = nodesInOrder(p).filter((n) => childLevel(n.level));
        const parent = parents[cmd.pick % parents.length]!;
        const job = planChildrenJob(p, parent.id, { count: cmd.count, ...(cmd.only ? { only: "stale" as const } : {}) });
        if (!job) break;
        const items = gen.items(p, job);
        if (cmd.meanwhile) {
          const o = meanwhileOp(p, job, cmd.meanwhile, nextText("meanwhile"));
          if (o) {
            typed(o);
            applyOp(o);
          }
        }
        const pre = p;
        const r = applyGeneration(p, job, items, gen.provenance(job));
        expectWriterNodesKept(pre, r.project);
        // Replaced generated text is kept as the newest alt.
        for (const id of r.written) {
          const old = pre.nodes[id];
          if (old && (old.text || old.title)) expect(r.project.nodes[id]!.alts.at(-1)).toMatchObject({ title: old.title, text: old.text });
        }
        p = record(p, r, "generation", "Generate");
        break;
      }
      case "cascade": {
        const nodes = nodesInOrder(p);
        const root = nodes[cmd.pick % nodes.length]!;
        const run = runCascade(p, root.id, gen, { parallel: cmd.parallel, onApply: (b, a) => expectWriterNodesKept(b, a) });
        for (const e of run.executed) expect(e.job?.slots ?? []).toEqual(e.step.expected);
        const stale = staleIds(run.project);
        expect(descendantIds(run.project, root.id).filter((id) => stale.has(id))).toEqual([]);
        // A cascade is one undo step.
        expect(run.project.history.undo.length - p.history.undo.length).toBeLessThanOrEqual(1);
        p = run.project;
        break;
      }
      case "undo":
        p = undo(p)?.project ?? p;
        break;
      case "redo":
        p = redo(p)?.project ?? p;
        break;
    }

    // (c) The tree stays sound.
    expect(treeProblems(p)).toEqual([]);
    // (a) No typed text is lost (except what the documented redo clearing dropped).
    const findable = findableTexts(p);
    const redoCleared = before.history.redo.length > 0 && p.history.redo.length === 0 && cmd.t !== "redo";
    const beforeWithoutRedo = redoCleared ? findableTexts(before, false) : null;
    for (const t of [...mustSurvive]) {
      if (findable.has(t)) continue;
      if (beforeWithoutRedo && !beforeWithoutRedo.has(t)) {
        mustSurvive.delete(t); // only the cleared redo stack had it
        continue;
      }
      expect.fail(`typed text ${JSON.stringify(t)} was lost by ${JSON.stringify(cmd)}`);
    }
  }
  return { start, end: p, mustSurvive };
}

describe("model properties over random sessions", () => {
  it("no typed text is lost, the writer's nodes survive every generation, and the tree stays sound", () => {
    fc.assert(
      fc.property(shapeArb, fc.array(commandArb, { minLength: 1, maxLength: 25, size: "max" }), (shape, commands) => {
        runSession(shape, commands);
      }),
      { numRuns: 250 },
    );
  });

  it("undoing everything returns to the start exactly, and redoing everything returns to the end", () => {
    fc.assert(
      fc.property(shapeArb, fc.array(commandArb, { minLength: 1, maxLength: 25, size: "max" }), (shape, commands) => {
        const { start, end } = runSession(shape, commands);
        let p = end;
        for (let r = undo(p); r; r = undo(p)) p = r.project;
        expect(p.history.undo).toEqual([]);
        expect(p.nodes).toStrictEqual(start.nodes);
        expect(p.bible).toStrictEqual(start.bible);
        expect(p.title).toBe(start.title);
        // Redo what was undone here (the session may have ended with its own redo stack).
        for (let i = 0; i < end.history.undo.length; i++) p = redo(p)!.project;
        expect(p.history.redo).toHaveLength(end.history.redo.length);
        expect(p.nodes).toStrictEqual(end.nodes);
        expect(p.bible).toStrictEqual(end.bible);
        expect(p.title).toBe(end.title);
      }),
      { numRuns: 200 },
    );
  });

  it("the checker is not vacuous: typed texts are tracked and found", () => {
    const shape = { beats: 2, scenesPerBeat: 1, linesPerScene: 1, form: "prose" as const };
    const edit: Command = { t: "op", pick: { kind: "edit", a: 1, b: 0, c: 0, field: "text", words: "x" } };
    const { end, mustSurvive } = runSession(shape, [edit, { t: "cascade", pick: 0, parallel: false }, { t: "undo" }]);
    expect([...mustSurvive]).toEqual(["✎1·x"]);
    expect(findableTexts(end).has("✎1·x")).toBe(true);
    // Dropping history loses it; the check would notice.
    expect(findableTexts({ ...end, history: { undo: [], redo: [] } }).has("✎1·x")).toBe(true); // still in the node
    const undone = undo(end)!.project;
    expect(findableTexts({ ...undone, history: { undo: undone.history.undo, redo: [] } }).has("✎1·x")).toBe(false);
  });
});
