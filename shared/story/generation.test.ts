import { describe, expect, it } from "vitest";
import { inputFingerprintForChildOf } from "./fingerprint";
import { applyGeneration, jobStillCurrent, planChildrenJob } from "./generation";
import type { Project } from "./model";
import { applyOperation, type Operation } from "./operations";
import { staleIds } from "./staleness";
import { FakeGenerator, buildStory, nodesAt, treeProblems } from "./testStory";

function op(project: Project, o: Operation): Project {
  return applyOperation(project, o).project;
}

describe("planChildrenJob", () => {
  it("under a node without children: creates the default count, clamped to 1..64", () => {
    const { project } = buildStory({ beats: 0, scenesPerBeat: 0, linesPerScene: 0 });
    const job = planChildrenJob(project, project.rootId)!;
    expect(job).toMatchObject({ parentId: project.rootId, level: "beat", slots: [], kept: [], createCount: project.settings.childCount.beat });
    expect(job.count).toBe(job.createCount);
    expect(job.basis).toBe(inputFingerprintForChildOf(project, project.rootId));
    expect(planChildrenJob(project, project.rootId, { count: 0 })!.createCount).toBe(1);
    expect(planChildrenJob(project, project.rootId, { count: 1000 })!.createCount).toBe(64);
  });

  it("under a line: null", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 1 });
    expect(planChildrenJob(project, nodesAt(project, "line")[0]!.id)).toBeNull();
  });

  it("replaces replaceable children, keeps written, edited and locked ones", () => {
    const { project } = buildStory({ beats: 4, scenesPerBeat: 0, linesPerScene: 0 });
    const [b1, b2, b3, b4] = nodesAt(project, "beat");
    let p = op(project, { type: "editNode", nodeId: b2!.id, text: "mine" });
    p = op(p, { type: "setLocked", nodeId: b3!.id, locked: true });
    p = op(p, { type: "insertNode", parentId: p.rootId, index: 0, text: "written", id: "beat_w" });
    const job = planChildrenJob(p, p.rootId)!;
    expect(job.slots).toEqual([b1!.id, b4!.id]);
    expect(job.kept.map((n) => n.id)).toEqual(["beat_w", b2!.id, b3!.id]);
    expect(job.count).toBe(2);
    expect(job.createCount).toBe(0);
    // Nothing is stale: a stale-only job has nothing to do.
    expect(planChildrenJob(p, p.rootId, { only: "stale" })).toBeNull();
    // Only protected children: nothing to write.
    let q = op(p, { type: "setLocked", nodeId: b1!.id, locked: true });
    q = op(q, { type: "deleteNode", nodeId: b4!.id });
    expect(planChildrenJob(q, q.rootId)).toBeNull();
  });

  it("only: stale picks the stale replaceable children (by basis, or by a given set)", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 3, linesPerScene: 0 });
    const b1 = nodesAt(project, "beat")[0]!;
    const [s1, s2, s3] = b1.childIds as [string, string, string];
    let p = op(project, { type: "editNode", nodeId: b1.id, text: "changed" });
    p = op(p, { type: "acknowledgeInputs", nodeId: s2 });
    p = op(p, { type: "setLocked", nodeId: s3, locked: true });
    const job = planChildrenJob(p, b1.id, { only: "stale" })!;
    expect(job.slots).toEqual([s1]);
    expect(job.kept.map((n) => n.id)).toEqual([s2, s3]);
    expect(planChildrenJob(p, b1.id, { only: "stale", staleIds: new Set([s2]) })!.slots).toEqual([s2]);
    expect(planChildrenJob(p, b1.id, { only: "stale", staleIds: staleIds(p) })!.slots).toEqual([s1]);
  });
});

describe("applyGeneration", () => {
  const gen = new FakeGenerator();

  it("creates children with the job's basis and provenance, fresh", () => {
    const { project } = buildStory({ beats: 0, scenesPerBeat: 0, linesPerScene: 0 });
    const job = planChildrenJob(project, project.rootId, { count: 3 })!;
    const items = gen.items(project, job);
    const r = applyGeneration(project, job, items, gen.provenance(job));
    expect(r.written).toHaveLength(3);
    expect(r.project.nodes[project.rootId]!.childIds).toEqual(r.written);
    r.written.forEach((id, i) => {
      expect(r.project.nodes[id]).toMatchObject({ level: "beat", parentId: project.rootId, origin: "generated", locked: false, basis: job.basis, title: items[i]!.title, text: items[i]!.text, alts: [] });
      expect(r.project.nodes[id]!.provenance).toEqual(gen.provenance(job));
    });
    expect(staleIds(r.project).size).toBe(0);
    expect(treeProblems(r.project)).toEqual([]);
  });

  it("creates only as many as items arrived, ignores extra items", () => {
    const { project } = buildStory({ beats: 0, scenesPerBeat: 0, linesPerScene: 0 });
    const job = planChildrenJob(project, project.rootId, { count: 3 })!;
    const items = gen.items(project, { ...job, count: 5 });
    expect(applyGeneration(project, job, items.slice(0, 2), gen.provenance(job)).written).toHaveLength(2);
    expect(applyGeneration(project, job, items, gen.provenance(job)).written).toHaveLength(3);
    expect(applyGeneration(project, job, [], gen.provenance(job)).patch).toEqual({ before: {}, after: {} });
  });

  it("replacing a slot keeps the old text as an alt with its provenance", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 2, linesPerScene: 0, form: "screenplay" });
    const b = nodesAt(project, "beat")[0]!;
    const [s1, s2] = b.childIds as [string, string];
    const job = planChildrenJob(project, b.id)!;
    expect(job.slots).toEqual([s1, s2]);
    const items = [{ title: "INT. HALL - NIGHT", text: "new one" }];
    const r = applyGeneration(project, job, items, gen.provenance(job));
    expect(r.written).toEqual([s1]);
    const old = project.nodes[s1]!;
    const now = r.project.nodes[s1]!;
    expect(now).toMatchObject({ title: "INT. HALL - NIGHT", text: "new one", origin: "generated", basis: job.basis });
    expect(now.alts).toHaveLength(1);
    expect(now.alts[0]).toMatchObject({ title: old.title, text: old.text, origin: "generated", reason: "replaced-by-regeneration", provenance: old.provenance });
    // A missing item leaves its slot as it was.
    expect(r.project.nodes[s2]).toBe(project.nodes[s2]);
    // Regenerating again stacks alts.
    const again = applyGeneration(r.project, planChildrenJob(r.project, b.id)!, [{ title: "t", text: "third" }], gen.provenance(job));
    expect(again.project.nodes[s1]!.alts.map((a) => a.text)).toEqual([old.text, "new one"]);
  });

  it("an empty replaced node leaves no alt", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 0 });
    const s = nodesAt(project, "scene")[0]!;
    const emptied: Project = { ...project, nodes: { ...project.nodes, [s.id]: { ...s, title: "", text: "" } } };
    const job = planChildrenJob(emptied, s.parentId!)!;
    const r = applyGeneration(emptied, job, [{ title: "x", text: "y" }], gen.provenance(job));
    expect(r.project.nodes[s.id]!.alts).toEqual([]);
  });

  it("the writer wins: slots edited, locked, deleted or moved while the model wrote are left alone", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 4, linesPerScene: 1 });
    const [b1, b2] = nodesAt(project, "beat");
    const [s1, s2, s3, s4] = b1!.childIds as [string, string, string, string];
    const job = planChildrenJob(project, b1!.id)!;
    expect(job.slots).toEqual([s1, s2, s3, s4]);
    const items = gen.items(project, job);
    let p = op(project, { type: "editNode", nodeId: s1, text: "typed meanwhile" });
    p = op(p, { type: "setLocked", nodeId: s2, locked: true });
    p = op(p, { type: "deleteNode", nodeId: s3 });
    p = op(p, { type: "moveNode", nodeId: s4, parentId: b2!.id, index: 0 });
    const r = applyGeneration(p, job, items, gen.provenance(job));
    expect(r.written).toEqual([]);
    expect(r.project.nodes).toStrictEqual(p.nodes);
    expect(treeProblems(r.project)).toEqual([]);
  });

  it("a job under a parent deleted meanwhile does nothing", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 0, linesPerScene: 0 });
    const b1 = nodesAt(project, "beat")[0]!;
    const job = planChildrenJob(project, b1.id, { count: 2 })!;
    const p = op(project, { type: "deleteNode", nodeId: b1.id });
    const r = applyGeneration(p, job, gen.items(project, job), gen.provenance(job));
    expect(r.written).toEqual([]);
    expect(r.project.nodes).toStrictEqual(p.nodes);
  });

  it("jobStillCurrent follows the parent's inputs", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 0 });
    const [b1, b2] = nodesAt(project, "beat");
    const job = planChildrenJob(project, b1!.id)!;
    expect(jobStillCurrent(project, job)).toBe(true);
    expect(jobStillCurrent(op(project, { type: "editNode", nodeId: b2!.id, text: "neighbour" }), job)).toBe(true);
    expect(jobStillCurrent(op(project, { type: "editNode", nodeId: b1!.id, text: "parent" }), job)).toBe(false);
    expect(jobStillCurrent(op(project, { type: "setAngle", nodeId: b1!.id, angle: "x" }), job)).toBe(false);
    expect(jobStillCurrent(op(project, { type: "deleteNode", nodeId: b1!.id }), job)).toBe(false);
    // Reordering the beats changes no content, but the scenes would be written for the old place.
    expect(jobStillCurrent(op(project, { type: "moveNode", nodeId: b1!.id, parentId: project.rootId, index: 1 }), job)).toBe(false);
  });
});
