import { describe, expect, it } from "vitest";
import { applyOperation, type Operation } from "./operations";
import { applyPatch } from "./patch";
import { computeStatuses, staleIds } from "./staleness";
import { FakeGenerator, buildStory, descendantIds, isProtected, nodesAt, nodesInOrder, runCascade, treeProblems } from "./testStory";
import type { Project, StoryNode } from "./model";

function op(project: Project, o: Operation): Project {
  return applyOperation(project, o).project;
}

function sorted(ids: Iterable<string>): string[] {
  return [...ids].sort();
}

/** Ids with the given freshness. */
function withFreshness(project: Project, freshness: "fresh" | "stale" | "inputs-changed"): string[] {
  return sorted([...computeStatuses(project)].filter(([, s]) => s.freshness === freshness).map(([id]) => id));
}

function story() {
  return buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 2 });
}

describe("a freshly built story", () => {
  it("is a sound tree and entirely fresh", () => {
    const { project } = story();
    expect(treeProblems(project)).toEqual([]);
    expect(Object.keys(project.nodes)).toHaveLength(1 + 3 + 6 + 12);
    expect(withFreshness(project, "fresh")).toEqual(sorted(Object.keys(project.nodes)));
  });
});

describe("staleness after an edit", () => {
  it("editing a beat stales exactly that beat's generated descendants", () => {
    const { project } = story();
    const [b1, b2, b3] = nodesAt(project, "beat") as [StoryNode, StoryNode, StoryNode];
    const edited = op(project, { type: "editNode", nodeId: b2.id, text: "The letter is a forgery." });

    expect(staleIds(edited)).toEqual(new Set(descendantIds(project, b2.id)));
    expect(descendantIds(project, b2.id)).toHaveLength(2 + 4);
    // Not the beat, its siblings or their subtrees.
    const statuses = computeStatuses(edited);
    expect(statuses.get(b2.id)?.freshness).toBe("fresh");
    for (const id of [b1.id, b3.id, ...descendantIds(project, b1.id), ...descendantIds(project, b3.id)]) {
      expect(statuses.get(id)?.freshness).toBe("fresh");
    }
    expect(edited.nodes[b2.id]?.origin).toBe("edited");
  });

  it("editing a beat's title alone also stales its descendants", () => {
    const { project } = story();
    const b2 = nodesAt(project, "beat")[1]!;
    const edited = op(project, { type: "editNode", nodeId: b2.id, title: "A new title" });
    expect(staleIds(edited)).toEqual(new Set(descendantIds(project, b2.id)));
  });

  it("editing a scene stales only its lines", () => {
    const { project } = story();
    const scene = nodesAt(project, "scene")[3]!;
    const edited = op(project, { type: "editNode", nodeId: scene.id, text: "Nobody comes." });
    expect(staleIds(edited)).toEqual(new Set(scene.childIds));
    expect(scene.childIds).toHaveLength(2);
  });

  it("editing a line stales nothing", () => {
    const { project } = story();
    const line = nodesAt(project, "line")[5]!;
    const edited = op(project, { type: "editNode", nodeId: line.id, text: "She laughed." });
    expect(staleIds(edited).size).toBe(0);
  });

  it("editing the premise stales every generated node", () => {
    const { project } = story();
    const edited = op(project, { type: "editNode", nodeId: project.rootId, text: "A postman reads other people's letters." });
    expect(staleIds(edited)).toEqual(new Set(descendantIds(project, project.rootId)));
    expect(computeStatuses(edited).get(project.rootId)?.freshness).toBe("fresh");
  });

  it.each([["characters"], ["setting"], ["tone"]] as const)("editing the bible's %s stales every generated node", (field) => {
    const { project } = story();
    const edited = op(project, { type: "setBible", bible: { [field]: "Something else entirely." } });
    expect(staleIds(edited)).toEqual(new Set(descendantIds(project, project.rootId)));
  });

  it("changing the form stales every generated node; changing sampling or the model does not", () => {
    const { project } = story();
    const screenplay: Project = { ...project, settings: { ...project.settings, form: "screenplay" } };
    expect(staleIds(screenplay)).toEqual(new Set(descendantIds(project, project.rootId)));

    const hotter: Project = {
      ...project,
      settings: { ...project.settings, sampling: { ...project.settings.sampling, line: { temperature: 2, topP: 0.5, minP: 0.2, maxTokens: 10 } } },
    };
    expect(staleIds(hotter).size).toBe(0);
    const line = nodesAt(project, "line")[0]!;
    const otherModel: Project = {
      ...project,
      nodes: { ...project.nodes, [line.id]: { ...line, provenance: { ...line.provenance!, modelId: "another-model", seed: 999 } } },
    };
    expect(staleIds(otherModel).size).toBe(0);
  });

  it("setProjectSettings (sampling, child counts) marks nothing stale or inputs-changed, and neither does its undo", () => {
    const { project } = story();
    // Some writer's nodes too, so inputs-changed would show if the settings counted as inputs.
    const [b1] = nodesAt(project, "beat");
    const written = op(project, { type: "editNode", nodeId: b1!.id, text: "Mine." });
    const before = computeStatuses(written);
    const r = applyOperation(written, {
      type: "setProjectSettings",
      childCount: { beat: 12, scene: 1, line: 30 },
      sampling: { premise: { temperature: 0 }, beat: { temperature: 2, topP: 0.1 }, scene: { minP: 0.9 }, line: { maxTokens: 16 } },
    });
    expect(r.project.settings).not.toEqual(written.settings);
    expect(computeStatuses(r.project)).toEqual(before);
    expect(computeStatuses(applyPatch(r.project, r.patch, "backward"))).toEqual(before);
  });

  it("edited, written and locked descendants become inputs-changed, not stale", () => {
    const { project } = story();
    const b2 = nodesAt(project, "beat")[1]!;
    const [s1, s2] = b2.childIds as [string, string];
    const s2Lines = project.nodes[s2]!.childIds as [string, string];
    let p = op(project, { type: "editNode", nodeId: s1, text: "Edited scene card." }); // edited
    p = op(p, { type: "setLocked", nodeId: s2Lines[0], locked: true }); // locked, generated
    p = op(p, { type: "insertNode", parentId: s2, index: 1, text: "A line the writer typed." }); // written
    const written = p.nodes[s2]!.childIds[1]!;
    expect(withFreshness(p, "inputs-changed")).toEqual([]);
    expect(staleIds(p)).toEqual(new Set(p.nodes[s1]!.childIds)); // the edit of s1 stales its own lines

    const q = op(p, { type: "editNode", nodeId: b2.id, text: "The beat changes." });
    expect(withFreshness(q, "inputs-changed")).toEqual(sorted([s1, s2Lines[0], written]));
    const reasons = computeStatuses(q);
    expect(reasons.get(s1)?.reason).toMatch(/edited/);
    expect(reasons.get(s2Lines[0])?.reason).toMatch(/locked/);
    expect(reasons.get(written)?.reason).toMatch(/written/);
    expect(staleIds(q)).toEqual(new Set([s2, ...project.nodes[s1]!.childIds, s2Lines[1]]));
  });

  it("setAngle stales the node's generated children; grandchildren follow when the children change", () => {
    const { project } = story();
    const b2 = nodesAt(project, "beat")[1]!;
    const angled = op(project, { type: "setAngle", nodeId: b2.id, angle: "darker" });
    // Only the children are generated from the angle (the prompt shows the parent's angle only).
    expect(staleIds(angled)).toEqual(new Set(b2.childIds));
    // ...but a cascade covers the grandchildren too, and leaves nothing stale.
    const run = runCascade(angled, b2.id, new FakeGenerator());
    expect(sorted(run.executed.flatMap((e) => e.written))).toEqual(sorted(descendantIds(project, b2.id)));
    expect(staleIds(run.project).size).toBe(0);
  });

  it("setAngle on the premise stales the beats; clearing the angle again makes them fresh", () => {
    const { project } = story();
    const angled = op(project, { type: "setAngle", nodeId: project.rootId, angle: "as a comedy" });
    expect(staleIds(angled)).toEqual(new Set(project.nodes[project.rootId]!.childIds));
    const cleared = op(angled, { type: "setAngle", nodeId: project.rootId, angle: "" });
    expect(staleIds(cleared).size).toBe(0);
  });

  it("reverting an edit restores freshness (staleness is derived, not stored)", () => {
    const { project } = story();
    const b1 = nodesAt(project, "beat")[0]!;
    const edited = op(project, { type: "editNode", nodeId: b1.id, text: "changed" });
    expect(staleIds(edited).size).toBeGreaterThan(0);
    const back = op(edited, { type: "editNode", nodeId: b1.id, text: b1.text });
    expect(staleIds(back).size).toBe(0);
  });

  it("acknowledgeInputs clears inputs-changed on that node only", () => {
    const { project } = story();
    const b1 = nodesAt(project, "beat")[0]!;
    const [s1, s2] = b1.childIds as [string, string];
    let p = op(project, { type: "editNode", nodeId: s1, text: "Mine." });
    p = op(p, { type: "setLocked", nodeId: s2, locked: true });
    p = op(p, { type: "editNode", nodeId: project.rootId, text: "A different premise." });
    expect(withFreshness(p, "inputs-changed")).toEqual(sorted([s1, s2]));
    const acked = op(p, { type: "acknowledgeInputs", nodeId: s1 });
    expect(withFreshness(acked, "inputs-changed")).toEqual([s2]);
    expect(acked.nodes[s1]!.text).toBe("Mine.");
    // Stale nodes stay stale.
    expect(staleIds(acked)).toEqual(staleIds(p));
  });

  it("an edit that changes nothing changes nothing", () => {
    const { project } = story();
    const b2 = nodesAt(project, "beat")[1]!;
    const r = applyOperation(project, { type: "editNode", nodeId: b2.id, text: b2.text, title: b2.title });
    expect(r.patch).toEqual({ before: {}, after: {} });
    expect(r.project.nodes).toStrictEqual(project.nodes);
    expect(r.project.nodes[b2.id]!.origin).toBe("generated");
    expect(staleIds(r.project).size).toBe(0);
  });
});

describe("after a cascade from the edited node", () => {
  function protectedRecords(p: Project): Map<string, StoryNode> {
    return new Map(nodesInOrder(p).filter(isProtected).map((n) => [n.id, n]));
  }

  it.each([
    ["a beat", (p: Project) => nodesAt(p, "beat")[1]!.id],
    ["a scene", (p: Project) => nodesAt(p, "scene")[2]!.id],
    ["the premise", (p: Project) => p.rootId],
  ])("editing %s then regenerating below leaves nothing stale and the writer's nodes untouched", (_name, pick) => {
    const built = story();
    let p = built.project;
    const target = pick(p);
    // Some protected nodes below and beside the target.
    const lines = nodesAt(p, "line");
    const scenes = nodesAt(p, "scene");
    p = op(p, { type: "editNode", nodeId: lines[0]!.id, text: "An edited line." });
    p = op(p, { type: "setLocked", nodeId: lines[5]!.id, locked: true });
    p = op(p, { type: "setLocked", nodeId: scenes[4]!.id, locked: true });
    p = op(p, { type: "insertNode", parentId: scenes[2]!.id, index: 0, text: "A written line." });
    p = op(p, { type: "editNode", nodeId: target, text: "The writer's new version." });
    const before = protectedRecords(p);
    expect(staleIds(p).size).toBeGreaterThan(0);

    const run = runCascade(p, target, built.gen);
    expect(staleIds(run.project).size).toBe(0);
    expect(treeProblems(run.project)).toEqual([]);
    const after = protectedRecords(run.project);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [id, rec] of before) expect(after.get(id)).toStrictEqual(rec);
    // Nothing outside the target's subtree was rewritten.
    const inside = new Set(descendantIds(p, target));
    for (const n of nodesInOrder(p)) if (!inside.has(n.id)) expect(run.project.nodes[n.id]).toBe(n);
  });

  it("a bible change regenerates everything generated and unlocked, and keeps old texts as alts", () => {
    const built = story();
    const p = op(built.project, { type: "setBible", bible: { tone: "Warm and funny." } });
    const run = runCascade(p, p.rootId, built.gen);
    expect(staleIds(run.project).size).toBe(0);
    for (const n of nodesInOrder(p).slice(1)) {
      const now = run.project.nodes[n.id]!;
      expect(now.text).not.toBe(n.text);
      expect(now.alts.at(-1)?.text).toBe(n.text);
    }
  });
});
