import { describe, expect, it } from "vitest";
import { createProject } from "../../shared/story/create";
import { recordPatch, undo } from "../../shared/story/history";
import { applyOperation } from "../../shared/story/operations";
import { SCHEMA_VERSION, type Project } from "../../shared/story/model";
import { ProjectFileError } from "./projectFileError";
import { parseProject, validateProjectShape } from "./projectSchema";
import { sampleProject } from "./testFixtures";

/** A JSON copy, as it would come off disk; loosely typed so tests can break it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function asJson(p: Project): Record<string, any> {
  return JSON.parse(JSON.stringify(p));
}

/** The first node of a JSON document that has alts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function nodeWithAlts(doc: Record<string, any>): { id: string; alts: Array<Record<string, unknown>> } | undefined {
  return Object.values(doc.nodes as Record<string, { id: string; alts: Array<Record<string, unknown>> }>).find((n) => n.alts.length > 0);
}

function expectInvalid(doc: unknown, fragment: string | RegExp): ProjectFileError {
  let caught: unknown;
  try {
    parseProject(doc, "/tmp/story.cascade");
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ProjectFileError);
  const e = caught as ProjectFileError;
  expect(e.kind).toBe("invalid");
  expect(e.message).toMatch(fragment);
  expect(e.message).not.toContain("\n");
  return e;
}

describe("parseProject", () => {
  it("accepts a fresh project and a full sample, returning equal data", () => {
    const fresh = createProject({ title: "T", form: "prose", premise: "p" });
    expect(parseProject(asJson(fresh))).toEqual(fresh);
    const full = sampleProject();
    expect(parseProject(asJson(full))).toEqual(full);
  });

  it("keeps a settings change in the history, so it can still be undone after a reload", () => {
    const start = sampleProject();
    const r = applyOperation(start, { type: "setProjectSettings", childCount: { beat: 9 }, sampling: { line: { temperature: 0.4 } } });
    const saved = recordPatch(r.project, r.patch, { label: "Change generation settings", source: "user" });
    const loaded = parseProject(asJson(saved));
    expect(loaded).toEqual(saved);
    expect(loaded.history.undo.at(-1)!.patch.settingsBefore).toEqual(start.settings);
    expect(undo(loaded)!.project.settings).toEqual(start.settings);
  });

  it("rejects a child id that points to a missing node", () => {
    const doc = asJson(sampleProject());
    doc.nodes[doc.rootId].childIds.push("beat_missing");
    expectInvalid(doc, /lists child beat_missing, which does not exist/);
  });

  it("rejects a missing root, a non-premise root and a root with a parent", () => {
    const a = asJson(sampleProject());
    a.rootId = "nope";
    expectInvalid(a, /root node nope does not exist/);

    const b = asJson(sampleProject());
    b.nodes[b.rootId].level = "beat";
    expectInvalid(b, /is a beat, not a premise/);

    const c = asJson(sampleProject());
    c.nodes[c.rootId].parentId = "beat_1";
    expectInvalid(c, /has a parent/);
  });

  it("rejects mismatched parent links, level skips and a second root", () => {
    const a = asJson(sampleProject());
    const beat = a.nodes.beat_1;
    a.nodes[beat.childIds[0]].parentId = "beat_missing";
    expectInvalid(a, /whose parent is beat_missing \(and 1 more problem\)/);
    expect(validateProjectShape(a as Project).map((x) => x.message)).toContain(`node ${beat.childIds[0]} names parent beat_missing, which does not exist`);

    const b = asJson(sampleProject());
    const sceneId = b.nodes.beat_1.childIds[0];
    const lineId = b.nodes[sceneId].childIds[0];
    // Move a line directly under the premise: parent link is consistent but the level skips.
    b.nodes[sceneId].childIds = b.nodes[sceneId].childIds.filter((c: string) => c !== lineId);
    b.nodes[lineId].parentId = b.rootId;
    b.nodes[b.rootId].childIds.push(lineId);
    expectInvalid(b, /is a line under a premise/);

    const c = asJson(sampleProject());
    c.nodes.extra = { ...c.nodes[c.rootId], id: "extra", childIds: [] };
    expectInvalid(c, /node extra has no parent but is not the root/);

    const d = asJson(sampleProject());
    d.nodes[d.rootId].childIds.push("beat_1");
    expectInvalid(d, /lists child beat_1 2 times/);
  });

  it("rejects a node stored under the wrong key", () => {
    const doc = asJson(sampleProject());
    doc.nodes.beat_1.id = "beat_other";
    expectInvalid(doc, /says its id is beat_other/);
  });

  it("rejects wrong field types with the field's path", () => {
    const a = asJson(sampleProject());
    a.nodes.beat_1.locked = "yes";
    expectInvalid(a, /nodes\.beat_1\.locked/);

    const b = asJson(sampleProject());
    b.settings.sampling.line.topP = 3;
    expectInvalid(b, /settings\.sampling\.line\.topP/);

    const c = asJson(sampleProject());
    c.history.undo[0].source = "robot";
    expectInvalid(c, /history\.undo\[0\]\.source/);

    const d = asJson(sampleProject());
    d.updatedAt = "yesterday";
    expectInvalid(d, /updatedAt: not a valid date/);

    expectInvalid(null, /not a valid Cascade project/);
    expectInvalid([], /not a valid Cascade project/);
  });

  it("keeps the alt mining fields (star, reject, tags, note, score, reason generated) through a reload", () => {
    const doc = asJson(sampleProject());
    const withAlts = nodeWithAlts(doc);
    expect(withAlts).toBeDefined();
    const mined = { starred: true, rejected: false, tags: ["funny", "callback"], note: "Use on set.", score: -1.25 };
    Object.assign(withAlts!.alts[0]!, mined);
    withAlts!.alts.push({ id: "alt_generated", title: "", text: "an alternate", origin: "generated", reason: "generated", createdAt: doc.createdAt });
    const loaded = parseProject(doc);
    expect(loaded.nodes[withAlts!.id]!.alts[0]).toMatchObject(mined);
    expect(loaded.nodes[withAlts!.id]!.alts[1]!.reason).toBe("generated");
    expect(loaded).toEqual(doc);
  });

  it("rejects alt annotations beyond their bounds", () => {
    const alt = (doc: ReturnType<typeof asJson>) => nodeWithAlts(doc)!.alts[0];
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /alts\[0\]\.tags/],
      [{ tags: ["x".repeat(41)] }, /alts\[0\]\.tags\[0\]/],
      [{ note: "x".repeat(2_001) }, /alts\[0\]\.note/],
      [{ starred: "yes" }, /alts\[0\]\.starred/],
      [{ score: "high" }, /alts\[0\]\.score/],
      [{ reason: "because" }, /alts\[0\]\.reason/],
    ];
    for (const [fields, path] of cases) {
      const doc = asJson(sampleProject());
      Object.assign(alt(doc)!, fields);
      expectInvalid(doc, path);
    }
  });

  it("keeps an outline alt through a reload, and rejects outlines beyond their bounds", () => {
    const beat = { title: "Wake", text: "She wakes.", origin: "generated" };
    const doc = asJson(sampleProject());
    nodeWithAlts(doc)!.alts.push({ id: "alt_outline", title: "", text: "1. Wake — She wakes.", origin: "generated", reason: "generated", createdAt: doc.createdAt, outline: [beat] });
    expect(parseProject(doc)).toEqual(doc);
    const cases: Array<[unknown, RegExp]> = [
      [Array.from({ length: 65 }, () => beat), /alts\[0\]\.outline/],
      [[{ ...beat, title: "x".repeat(301) }], /alts\[0\]\.outline\[0\]\.title/],
      [[{ ...beat, text: "x".repeat(20_001) }], /alts\[0\]\.outline\[0\]\.text/],
      [[{ ...beat, origin: "dreamt" }], /alts\[0\]\.outline\[0\]\.origin/],
    ];
    for (const [outline, path] of cases) {
      const bad = asJson(sampleProject());
      Object.assign(nodeWithAlts(bad)!.alts[0]!, { outline });
      expectInvalid(bad, path);
    }
  });

  it("refuses a newer schema as newer-version, and an older one as invalid (migrate first)", () => {
    const doc = asJson(sampleProject());
    doc.schemaVersion = SCHEMA_VERSION + 1;
    expect(() => parseProject(doc)).toThrow(expect.objectContaining({ kind: "newer-version" }));
    doc.schemaVersion = 0;
    expectInvalid(doc, /schemaVersion/);
  });
});

describe("validateProjectShape", () => {
  it("finds no problems in a consistent project and several in a broken one", () => {
    const p = sampleProject();
    expect(validateProjectShape(p)).toEqual([]);
    const broken = asJson(p);
    broken.nodes.beat_1.childIds.push("ghost1", "ghost2");
    expect(validateProjectShape(broken as Project).map((x) => x.message)).toEqual([
      "node beat_1 lists child ghost1, which does not exist",
      "node beat_1 lists child ghost2, which does not exist",
    ]);
  });
});
