import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addAlt } from "./altOperations";
import { createProject } from "./create";
import { recordPatch, undo } from "./history";
import type { Alt, Project, Provenance } from "./model";
import { OperationError, applyOperation, normalizeTags, operationLabel, type Operation } from "./operations";
import { applyPatch, isEmptyPatch } from "./patch";
import { computeStatuses, staleIds } from "./staleness";
import { FIXED_AT, FakeGenerator, buildStory, descendantIds, generateChildren, nodesAt, treeProblems } from "./testStory";

const AT = "2024-02-02T00:00:00.000Z";

const PROVENANCE: Provenance = {
  modelId: "alt-model",
  seed: 42,
  sampling: { temperature: 1.1, topP: 0.95, minP: 0.05, maxTokens: 64 },
  templateVersion: "alt-template",
  at: FIXED_AT,
};

/** Alts are not generation inputs, so putting them straight on a node leaves every status as it was. */
function withAlts(project: Project, nodeId: string, alts: Alt[]): Project {
  const node = project.nodes[nodeId]!;
  return { ...project, nodes: { ...project.nodes, [nodeId]: { ...node, alts: [...node.alts, ...alts] } } };
}

/** A generated alt with provenance; `provenance: undefined` in `fields` leaves the key out. */
function alt(id: string, fields: Partial<Alt> = {}): Alt {
  const a: Alt = { id, title: `${id} title`, text: `${id} text`, origin: "generated", reason: "generated", createdAt: FIXED_AT, provenance: PROVENANCE, ...fields };
  if (a.provenance === undefined) delete a.provenance;
  return a;
}

/** A screenplay with alts on the first scene and its first line (one with a speaker, one written without). */
function story() {
  let p = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 2, form: "screenplay" }).project;
  const scene = nodesAt(p, "scene")[0]!;
  const line = nodesAt(p, "line")[0]!;
  p = withAlts(p, scene.id, [alt("alt_s1"), alt("alt_s2", { origin: "written", reason: "replaced-by-writer", provenance: undefined })]);
  p = withAlts(p, line.id, [alt("alt_l1", { speaker: "TOMAS", title: "" }), alt("alt_l2", { title: "", starred: true, tags: ["funny"] })]);
  return { p, scene: p.nodes[scene.id]!, line: p.nodes[line.id]! };
}

/** Applies `op`; checks the input is untouched and the patch replays forwards and inverts exactly. */
function roundTrip(project: Project, op: Operation) {
  const snapshot = structuredClone(project);
  const r = applyOperation(project, op, AT);
  expect(project).toStrictEqual(snapshot);
  expect(treeProblems(r.project)).toEqual([]);
  expect(applyPatch(r.project, r.patch, "backward")).toStrictEqual(project);
  expect(applyPatch(project, r.patch, "forward")).toStrictEqual(r.project);
  return r;
}

describe("markAlt", () => {
  it("changes only the fields given, and touches only that alt", () => {
    const { p, line } = story();
    const r = roundTrip(p, { type: "markAlt", nodeId: line.id, altId: "alt_l1", starred: true });
    const after = r.project.nodes[line.id]!;
    expect(after.alts[0]).toStrictEqual({ ...line.alts[0], starred: true });
    expect(after.alts[1]).toBe(line.alts[1]);
    expect({ ...after, alts: [] }).toStrictEqual({ ...line, alts: [] });
    expect(Object.keys(r.patch.after)).toEqual([line.id]);

    const r2 = roundTrip(r.project, { type: "markAlt", nodeId: line.id, altId: "alt_l1", rejected: true, note: "Save for the tag." });
    expect(r2.project.nodes[line.id]!.alts[0]).toStrictEqual({ ...line.alts[0], starred: true, rejected: true, note: "Save for the tag." });
  });

  it("normalises tags: NFKC, trimmed, lower case, no duplicates, no empties", () => {
    const { p, line } = story();
    const r = roundTrip(p, { type: "markAlt", nodeId: line.id, altId: "alt_l1", tags: ["  Funny ", "funny", "TOO  long", "", "ｃａｌｌｂａｃｋ", "Callback"] });
    expect(r.project.nodes[line.id]!.alts[0]!.tags).toEqual(["funny", "too long", "callback"]);
    expect(normalizeTags([" A ", "a", "B"])).toEqual(["a", "b"]);
  });

  it("stores marks canonically: switching one off gives back the exact record; re-setting makes an empty patch", () => {
    const { p, line } = story();
    const on = applyOperation(p, { type: "markAlt", nodeId: line.id, altId: "alt_l1", starred: true, rejected: true, tags: ["x"], note: "n" }, AT).project;
    const off = roundTrip(on, { type: "markAlt", nodeId: line.id, altId: "alt_l1", starred: false, rejected: false, tags: [" "], note: "  " });
    expect(off.project.nodes[line.id]!.alts[0]).toStrictEqual(line.alts[0]);
    expect(Object.keys(off.project.nodes[line.id]!.alts[0]!)).not.toContain("starred");

    const same = applyOperation(p, { type: "markAlt", nodeId: line.id, altId: "alt_l2", starred: true, tags: ["Funny"] }, AT);
    expect(isEmptyPatch(same.patch)).toBe(true);
    expect(isEmptyPatch(applyOperation(p, { type: "markAlt", nodeId: line.id, altId: "alt_l1", rejected: false }, AT).patch)).toBe(true);
  });

  it("marking changes nothing stale", () => {
    const { p, scene } = story();
    const r = roundTrip(p, { type: "markAlt", nodeId: scene.id, altId: "alt_s1", starred: true, tags: ["keep"], note: "good" });
    expect(computeStatuses(r.project)).toEqual(computeStatuses(p));
    expect(staleIds(r.project).size).toBe(0);
  });

  it("throws OperationError for an unknown node or alt, and for tags or a note beyond the limits", () => {
    const { p, line } = story();
    const bad: Operation[] = [
      { type: "markAlt", nodeId: "nope", altId: "alt_l1", starred: true },
      { type: "markAlt", nodeId: line.id, altId: "alt_s1", starred: true },
      { type: "markAlt", nodeId: line.id, altId: "alt_l1", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { type: "markAlt", nodeId: line.id, altId: "alt_l1", tags: ["x".repeat(41)] },
      { type: "markAlt", nodeId: line.id, altId: "alt_l1", note: "x".repeat(2_001) },
    ];
    for (const op of bad) expect(() => applyOperation(p, op, AT)).toThrow(OperationError);
    // Twenty distinct tags after normalisation are fine, however many were typed.
    const tags = [...Array.from({ length: 20 }, (_, i) => `t${i}`), "T0", " t1 "];
    expect(applyOperation(p, { type: "markAlt", nodeId: line.id, altId: "alt_l1", tags }, AT).project.nodes[line.id]!.alts[0]!.tags).toHaveLength(20);
  });

  it("labels", () => {
    const { p, line } = story();
    const label = (fields: Partial<Extract<Operation, { type: "markAlt" }>>) => operationLabel(p, { type: "markAlt", nodeId: line.id, altId: "alt_l1", ...fields });
    expect(label({ starred: true })).toBe("Star alt");
    expect(label({ starred: false })).toBe("Unstar alt");
    expect(label({ rejected: true })).toBe("Reject alt");
    expect(label({ rejected: false })).toBe("Restore alt");
    expect(label({ tags: ["a"] })).toBe("Tag alt");
    expect(label({ note: "a" })).toBe("Edit note on alt");
    expect(label({ starred: true, note: "a" })).toBe("Mark alt");
    expect(operationLabel(p, { type: "swapAlt", nodeId: line.id, altId: "alt_l1" })).toBe("Swap in alt");
  });
});

describe("swapAlt", () => {
  it("the alt becomes the node's text; the node's text becomes an alt in its place, keeping origin and provenance", () => {
    const { p, line } = story();
    const r = roundTrip(p, { type: "swapAlt", nodeId: line.id, altId: "alt_l1" });
    const after = r.project.nodes[line.id]!;
    expect(after).toMatchObject({ title: "", text: "alt_l1 text", speaker: "TOMAS", origin: "generated", provenance: PROVENANCE, basis: line.basis, locked: false });
    expect(after.alts.map((a) => a.id)).not.toContain("alt_l1");
    expect(after.alts).toHaveLength(2);
    expect(after.alts[1]).toBe(line.alts[1]);
    const outgoing = after.alts[0]!;
    expect(outgoing).toStrictEqual({
      id: outgoing.id,
      title: line.title,
      text: line.text,
      speaker: line.speaker,
      origin: "generated",
      reason: "replaced-by-alt",
      createdAt: AT,
      provenance: line.provenance,
    });
    expect(outgoing.id).toMatch(/^alt_/);
  });

  it("an alt without speaker or provenance leaves the node without them; its origin becomes the node's", () => {
    const { p, scene } = story();
    expect(scene.provenance).toBeDefined();
    const r = roundTrip(p, { type: "swapAlt", nodeId: scene.id, altId: "alt_s2" });
    const after = r.project.nodes[scene.id]!;
    expect(after.origin).toBe("written");
    expect(Object.keys(after)).not.toContain("provenance");
    expect(Object.keys(after)).not.toContain("speaker");
  });

  it("swap then swap back restores the node's text, origin and provenance", () => {
    const { p, line } = story();
    const once = applyOperation(p, { type: "swapAlt", nodeId: line.id, altId: "alt_l2" }, AT).project;
    const back = applyOperation(once, { type: "swapAlt", nodeId: line.id, altId: once.nodes[line.id]!.alts[1]!.id }, AT).project;
    const restored = back.nodes[line.id]!;
    const pick = (n: typeof restored) => ({ title: n.title, text: n.text, speaker: n.speaker, origin: n.origin, provenance: n.provenance, basis: n.basis });
    expect(pick(restored)).toStrictEqual(pick(line));
    expect(restored.alts.map((a) => a.text)).toEqual(line.alts.map((a) => a.text));
  });

  it("the node's generated descendants become stale; the node's own freshness does not change", () => {
    const { p, scene } = story();
    expect(staleIds(p).size).toBe(0);
    const r = roundTrip(p, { type: "swapAlt", nodeId: scene.id, altId: "alt_s1" });
    const statuses = computeStatuses(r.project);
    expect(statuses.get(scene.id)).toEqual(computeStatuses(p).get(scene.id));
    expect([...staleIds(r.project)].sort()).toEqual(descendantIds(p, scene.id).sort());
  });

  it("swaps a regeneration's alt back in on a real generated line", () => {
    const gen = new FakeGenerator();
    const built = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 2 }, gen).project;
    const scene = nodesAt(built, "scene")[0]!;
    const p = generateChildren(built, scene.id, gen)!.project;
    const line = nodesAt(p, "line")[0]!;
    const old = line.alts[0]!;
    expect(old.reason).toBe("replaced-by-regeneration");
    const r = roundTrip(p, { type: "swapAlt", nodeId: line.id, altId: old.id });
    expect(r.project.nodes[line.id]).toMatchObject({ text: old.text, origin: "generated", provenance: old.provenance });
    expect(staleIds(r.project).size).toBe(0);
  });

  it("throws OperationError for an unknown node or alt", () => {
    const { p, line } = story();
    expect(() => applyOperation(p, { type: "swapAlt", nodeId: "nope", altId: "alt_l1" }, AT)).toThrow(OperationError);
    expect(() => applyOperation(p, { type: "swapAlt", nodeId: line.id, altId: "nope" }, AT)).toThrow(OperationError);
  });
});

describe("alt operations: properties", () => {
  type Step = { swap: boolean; node: number; alt: number; starred: boolean | undefined; rejected: boolean | undefined; tags: string[] | undefined; note: string | undefined };
  const stepArb: fc.Arbitrary<Step> = fc.record({
    swap: fc.boolean(),
    node: fc.nat(),
    alt: fc.nat(),
    starred: fc.option(fc.boolean(), { nil: undefined }),
    rejected: fc.option(fc.boolean(), { nil: undefined }),
    tags: fc.option(fc.array(fc.constantFrom("funny", " Funny", "callback", "too long", ""), { maxLength: 4 }), { nil: undefined }),
    note: fc.option(fc.constantFrom("", "keep", "try on set"), { nil: undefined }),
  });

  /** Every (title, text, speaker) of the nodes with alts and of their alts, as a sorted list. */
  const texts = (p: Project, ids: string[]) =>
    ids
      .flatMap((id) => [p.nodes[id]!, ...p.nodes[id]!.alts])
      .map((n) => JSON.stringify([n.title, n.text, n.speaker ?? null]))
      .sort();

  it("random swaps and marks keep the multiset of texts {node} ∪ alts; every patch inverts exactly; undo restores the start", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 12 }), (steps) => {
        const { p: start, scene, line } = story();
        const ids = [scene.id, line.id];
        const before = texts(start, ids);
        let p: Project = { ...start, history: { undo: [], redo: [] } };
        for (const s of steps) {
          const node = p.nodes[ids[s.node % ids.length]!]!;
          const altId = node.alts[s.alt % node.alts.length]!.id;
          const op: Operation = s.swap
            ? { type: "swapAlt", nodeId: node.id, altId }
            : {
                type: "markAlt",
                nodeId: node.id,
                altId,
                ...(s.starred !== undefined ? { starred: s.starred } : {}),
                ...(s.rejected !== undefined ? { rejected: s.rejected } : {}),
                ...(s.tags !== undefined ? { tags: s.tags } : {}),
                ...(s.note !== undefined ? { note: s.note } : {}),
              };
          const r = applyOperation(p, op, AT);
          expect(applyPatch(r.project, r.patch, "backward")).toStrictEqual(p);
          expect(texts(r.project, ids)).toEqual(before);
          if (!s.swap) expect(computeStatuses(r.project)).toEqual(computeStatuses(p));
          p = isEmptyPatch(r.patch) ? r.project : recordPatch(r.project, r.patch, { label: operationLabel(p, op), source: "user", at: AT });
        }
        for (let u = undo(p); u; u = undo(p)) p = u.project;
        expect(p.nodes).toStrictEqual(start.nodes);
      }),
      { numRuns: 150 },
    );
  });
});

describe("addAlt", () => {
  it("appends the alt, changes nothing stale, and undoes exactly", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 0 });
    const beat = nodesAt(project, "beat")[0]!;
    const alt: Alt = { id: "alt_x", title: "T", text: "Another take.", origin: "generated", reason: "generated", createdAt: FIXED_AT, score: -1.5 };
    const r = addAlt(project, beat.id, alt)!;
    expect(r.project.nodes[beat.id]!.alts.at(-1)).toEqual(alt);
    expect(r.project.nodes[beat.id]!.text).toBe(beat.text);
    expect(Object.keys(r.patch.after)).toEqual([beat.id]);
    expect(staleIds(r.project)).toEqual(staleIds(project));
    const recorded = recordPatch(r.project, r.patch, { label: "Generate 1 alt", source: "generation" });
    expect(undo(recorded)!.project.nodes).toEqual(project.nodes);
    expect(addAlt(project, "nope", alt)).toBeNull();
  });
});

function createProjectForOutline(): Project {
  return createProject({ title: "O", form: "prose", premise: "A premise with no beats yet." }, AT);
}

describe("swapOutline", () => {
  const OUTLINE = [
    { title: "Wake", text: "She wakes to the bell.", origin: "generated" as const },
    { title: "Letter", text: "The letter is in her hand.", origin: "generated" as const },
  ];

  /** A premise with three generated beats (no scenes) and one outline alt of two beats. */
  function outlined() {
    const p = buildStory({ beats: 3, scenesPerBeat: 0, linesPerScene: 0 }).project;
    return withAlts(p, p.rootId, [alt("alt_o1", { title: "", text: "1. Wake — … 2. Letter — …", outline: OUTLINE }), alt("alt_plain")]);
  }

  const beatTexts = (p: Project) => p.nodes[p.rootId]!.childIds.map((id) => p.nodes[id]!.text);
  const allBeatTexts = (p: Project) => [...beatTexts(p), ...p.nodes[p.rootId]!.alts.flatMap((a) => (a.outline ?? []).map((b) => b.text))].sort();

  it("puts the outline's beats in place, keeps the old ones as an outline alt, and inverts exactly", () => {
    const p = outlined();
    const oldBeats = p.nodes[p.rootId]!.childIds.map((id) => p.nodes[id]!);
    const r = roundTrip(p, { type: "swapOutline", nodeId: p.rootId, altId: "alt_o1" });
    const premise = r.project.nodes[p.rootId]!;
    expect(premise.text).toBe(p.nodes[p.rootId]!.text);
    expect(beatTexts(r.project)).toEqual(OUTLINE.map((b) => b.text));
    for (const id of premise.childIds) {
      const b = r.project.nodes[id]!;
      expect(b).toMatchObject({ level: "beat", parentId: p.rootId, origin: "generated", provenance: PROVENANCE, childIds: [], alts: [] });
    }
    for (const b of oldBeats) expect(r.project.nodes[b.id]).toBeUndefined();
    expect(premise.alts.map((a) => a.id)).not.toContain("alt_o1");
    expect(premise.alts).toHaveLength(2);
    const outgoing = premise.alts[0]!;
    expect(outgoing).toMatchObject({ reason: "replaced-by-alt", createdAt: AT, title: "" });
    expect(outgoing.outline).toEqual(oldBeats.map((b) => ({ title: b.title, text: b.text, origin: b.origin })));
    expect(outgoing.text.startsWith(`1. ${oldBeats[0]!.title}`)).toBe(true);
    // The new beats are fresh: made against the premise as it is.
    expect(staleIds(r.project)).toEqual(staleIds(p));
    expect(operationLabel(p, { type: "swapOutline", nodeId: p.rootId, altId: "alt_o1" })).toBe("Swap in outline");
  });

  it("swapping back restores the beat texts in order, and nothing is lost", () => {
    const p = outlined();
    const one = applyOperation(p, { type: "swapOutline", nodeId: p.rootId, altId: "alt_o1" }, AT).project;
    expect(allBeatTexts(one)).toEqual(allBeatTexts(p));
    const back = one.nodes[p.rootId]!.alts[0]!;
    const two = applyOperation(one, { type: "swapOutline", nodeId: p.rootId, altId: back.id }, AT).project;
    expect(beatTexts(two)).toEqual(beatTexts(p));
    expect(allBeatTexts(two)).toEqual(allBeatTexts(p));
    expect(treeProblems(two)).toEqual([]);
  });

  it("a beat's own alts travel with its outline and come back when it is swapped back in", () => {
    let p = outlined();
    const firstBeat = p.nodes[p.rootId]!.childIds[0]!;
    p = withAlts(p, firstBeat, [alt("alt_beat_star", { text: "A starred take on beat one.", starred: true })]);
    const one = applyOperation(p, { type: "swapOutline", nodeId: p.rootId, altId: "alt_o1" }, AT).project;
    const kept = one.nodes[p.rootId]!.alts[0]!;
    expect(kept.outline![0]!.alts!.map((a) => a.id)).toEqual(["alt_beat_star"]);
    const two = applyOperation(one, { type: "swapOutline", nodeId: p.rootId, altId: kept.id }, AT).project;
    const restored = two.nodes[two.nodes[p.rootId]!.childIds[0]!]!;
    expect(restored.alts.map((a) => a.text)).toEqual(["A starred take on beat one."]);
    expect(restored.alts[0]!.starred).toBe(true);
  });

  it("with no beats yet, the chosen outline just leaves the list (no empty outline alt)", () => {
    const base = createProjectForOutline();
    const p = withAlts(base, base.rootId, [alt("alt_o1", { title: "", text: "digest", outline: OUTLINE })]);
    const r = applyOperation(p, { type: "swapOutline", nodeId: p.rootId, altId: "alt_o1" }, AT).project;
    expect(beatTexts(r)).toEqual(OUTLINE.map((b) => b.text));
    expect(r.nodes[p.rootId]!.alts).toEqual([]);
  });

  it("is refused when a beat has scenes, on a non-premise node, and for an alt without an outline", () => {
    const base = buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 0 }).project;
    const p = withAlts(base, base.rootId, [alt("alt_o1", { outline: OUTLINE }), alt("alt_plain")]);
    expect(() => applyOperation(p, { type: "swapOutline", nodeId: p.rootId, altId: "alt_o1" }, AT)).toThrow(OperationError);
    expect(() => applyOperation(p, { type: "swapOutline", nodeId: p.rootId, altId: "alt_o1" }, AT)).toThrow(/scenes under them/);
    expect(() => applyOperation(p, { type: "swapOutline", nodeId: p.rootId, altId: "alt_plain" }, AT)).toThrow(/not an outline/);
    const beat = nodesAt(p, "beat")[0]!;
    const q = withAlts(p, beat.id, [alt("alt_b", { outline: OUTLINE })]);
    expect(() => applyOperation(q, { type: "swapOutline", nodeId: beat.id, altId: "alt_b" }, AT)).toThrow(/premise/);
  });
});
