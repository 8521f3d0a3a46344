import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { TEMPLATE_VERSIONS } from "../prompts/templateVersions";
import { contentKey, hashString, inputFingerprintForChildOf, inputFingerprints } from "./fingerprint";
import { applyOperation } from "./operations";
import { staleIds } from "./staleness";
import { buildStory, descendantIds, nodesAt, nodesInOrder } from "./testStory";

describe("hashString", () => {
  it("is stable, 16 hex digits, and seed-dependent", () => {
    expect(hashString("abc")).toBe(hashString("abc"));
    expect(hashString("abc")).toMatch(/^[0-9a-f]{16}$/);
    expect(hashString("abc", 1)).not.toBe(hashString("abc"));
    expect(hashString("")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("does not collide on a few thousand distinct strings", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 30 }), { minLength: 2, maxLength: 200 }), (strings) => {
        expect(new Set(strings.map((s) => hashString(s))).size).toBe(strings.length);
      }),
      { numRuns: 30 },
    );
  });
});

describe("contentKey", () => {
  it("covers title, text and speaker; a missing speaker equals an empty one", () => {
    const base = { title: "T", text: "X" };
    expect(contentKey(base)).toBe(contentKey({ ...base, speaker: "" }));
    expect(contentKey(base)).not.toBe(contentKey({ ...base, speaker: "ANNA" }));
    expect(contentKey(base)).not.toBe(contentKey({ ...base, title: "T2" }));
    expect(contentKey(base)).not.toBe(contentKey({ ...base, text: "X2" }));
  });
});

describe("input fingerprints", () => {
  it("the one-pass map agrees with the per-parent computation for every node", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom("prose" as const, "screenplay" as const), (beats, scenes, lines, form) => {
        const { project } = buildStory({ beats, scenesPerBeat: scenes, linesPerScene: lines, form });
        const fps = inputFingerprints(project);
        expect(fps.size).toBe(Object.keys(project.nodes).length - 1);
        expect(fps.has(project.rootId)).toBe(false);
        for (const n of nodesInOrder(project).slice(1)) {
          expect(fps.get(n.id)).toBe(inputFingerprintForChildOf(project, n.parentId!));
          // Everything was generated through planChildrenJob: the basis is the fingerprint.
          expect(n.basis).toBe(fps.get(n.id));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("siblings share a fingerprint; cousins and different levels do not", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 1 });
    const fps = inputFingerprints(project);
    const [b1, b2] = nodesAt(project, "beat");
    expect(fps.get(b1!.id)).toBe(fps.get(b2!.id));
    const [s1, s2, s3] = nodesAt(project, "scene");
    expect(fps.get(s1!.id)).toBe(fps.get(s2!.id));
    expect(fps.get(s1!.id)).not.toBe(fps.get(s3!.id));
    expect(fps.get(s1!.id)).not.toBe(fps.get(b1!.id));
  });

  it("a neighbour's content is not an input", () => {
    const { project } = buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 1 });
    const before = inputFingerprints(project);
    const b1 = nodesAt(project, "beat")[0]!;
    const edited = applyOperation(project, { type: "editNode", nodeId: b1.id, text: "other" }).project;
    const after = inputFingerprints(edited);
    const changed = [...before.keys()].filter((id) => before.get(id) !== after.get(id)).sort();
    expect(changed).toEqual(descendantIds(project, b1.id).sort());
  });

  it("a node's own content, angle and lock state are not its own inputs", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 1 });
    const b1 = nodesAt(project, "beat")[0]!;
    let p = applyOperation(project, { type: "editNode", nodeId: b1.id, text: "other", title: "other" }).project;
    p = applyOperation(p, { type: "setAngle", nodeId: b1.id, angle: "x" }).project;
    p = applyOperation(p, { type: "setLocked", nodeId: b1.id, locked: true }).project;
    expect(inputFingerprints(p).get(b1.id)).toBe(inputFingerprints(project).get(b1.id));
  });

  describe("template versions", () => {
    const original = { ...TEMPLATE_VERSIONS };
    afterEach(() => Object.assign(TEMPLATE_VERSIONS, original));

    it.each([["beat"], ["scene"], ["line"]] as const)("bumping the %s template stales exactly the generated %ss", (level) => {
      const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 2 });
      expect(staleIds(project).size).toBe(0);
      TEMPLATE_VERSIONS[level] = `${level}-999`;
      expect(staleIds(project)).toEqual(new Set(nodesAt(project, level).map((n) => n.id)));
    });
  });
});
