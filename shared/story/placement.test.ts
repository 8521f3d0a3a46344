import { describe, expect, it } from "vitest";
import { planChildrenJob } from "./generation";
import type { Project, StoryNode } from "./model";
import { applyOperation, type Operation } from "./operations";
import { applyPatch } from "./patch";
import { computeStatuses, staleIds, type NodeStatus } from "./staleness";
import { buildStory, nodesAt, runCascade } from "./testStory";

function story() {
  return buildStory({ beats: 3, scenesPerBeat: 3, linesPerScene: 2 }).project;
}

function apply(project: Project, op: Operation) {
  return applyOperation(project, op);
}

/** Every node that is not fresh, with its status. */
function flagged(project: Project): Map<string, NodeStatus> {
  return new Map([...computeStatuses(project)].filter(([, s]) => s.freshness !== "fresh"));
}

/** The same reason for every line under the given scenes. */
function linesOf(project: Project, sceneId: string): string[] {
  return project.nodes[sceneId]!.childIds;
}

const beats = (p: Project) => nodesAt(p, "beat") as [StoryNode, StoryNode, StoryNode];

describe("staleness after a scene moves to another beat", () => {
  const p = story();
  const [b1, b2] = beats(p);
  const [s1, s2, s3] = b1.childIds as [string, string, string];
  const [t1, t2] = b2.childIds as [string, string, string];
  // Scene 2 of beat 1 moves to beat 2, between its first and second scenes.
  const moved = apply(p, { type: "moveNode", nodeId: s2, parentId: b2.id, index: 1 });
  const statuses = flagged(moved.project);

  it("the moved scene says where it moved from and to", () => {
    expect(statuses.get(s2)).toEqual({ freshness: "stale", reason: "Moved from beat 1 to beat 2" });
  });

  it("its lines are stale because their scene moved", () => {
    for (const l of linesOf(p, s2)) expect(statuses.get(l)).toEqual({ freshness: "stale", reason: "Its scene moved from beat 1 to beat 2" });
  });

  it("the scenes around the old place: their lines were written beside it", () => {
    for (const l of linesOf(p, s1)) expect(statuses.get(l)).toEqual({ freshness: "stale", reason: "The scene after its scene (“scene 5”) moved to beat 2" });
    for (const l of linesOf(p, s3)) expect(statuses.get(l)).toEqual({ freshness: "stale", reason: "The scene before its scene (“scene 5”) moved to beat 2" });
  });

  it("the scenes around the new place: a scene now stands beside them", () => {
    for (const l of linesOf(p, t1)) expect(statuses.get(l)).toEqual({ freshness: "stale", reason: "Scene “scene 5” now comes after its scene" });
    for (const l of linesOf(p, t2)) expect(statuses.get(l)).toEqual({ freshness: "stale", reason: "Scene “scene 5” now comes before its scene" });
  });

  it("nothing else: not the beats, not the neighbouring scenes themselves, not the third beat", () => {
    const expected = [s2, ...[s1, s2, s3, t1, t2].flatMap((s) => linesOf(p, s))];
    expect(new Set(statuses.keys())).toEqual(new Set(expected));
  });

  it("undoing the move makes everything fresh again", () => {
    const undone = applyPatch(moved.project, moved.patch, "backward");
    expect(flagged(undone).size).toBe(0);
  });

  it("regenerate below the beat rewrites exactly the stale nodes and leaves the tree fresh", () => {
    const run = runCascade(moved.project, moved.project.rootId);
    const written = new Set(run.executed.flatMap((e) => e.written));
    expect(written).toEqual(new Set(statuses.keys()));
    expect(flagged(run.project).size).toBe(0);
  });

  it("a cascade job plans the placement-stale children even without the precomputed stale set", () => {
    const job = planChildrenJob(moved.project, s1, { only: "stale" });
    expect(job?.slots).toEqual(linesOf(p, s1));
  });
});

describe("staleness after other structural changes", () => {
  it("reordering beats flags the scenes of the beats whose neighbours changed, never the lines", () => {
    const p = story();
    const [b1, b2, b3] = beats(p);
    const r = apply(p, { type: "moveNode", nodeId: b1.id, parentId: p.rootId, index: 2 });
    const statuses = flagged(r.project);
    for (const s of b1.childIds) expect(statuses.get(s)?.reason).toBe("Its beat moved: it is now beat 3");
    for (const s of b2.childIds) expect(statuses.get(s)?.reason).toBe("Its beat now comes first");
    for (const s of b3.childIds) expect(statuses.get(s)?.reason).toBe("Beat “beat 1” now comes after its beat");
    expect(new Set(statuses.keys())).toEqual(new Set([...b1.childIds, ...b2.childIds, ...b3.childIds]));
  });

  it("deleting a scene flags the lines beside it, saying it was deleted", () => {
    const p = story();
    const [s1, s2, s3] = beats(p)[0].childIds as [string, string, string];
    const statuses = flagged(apply(p, { type: "deleteNode", nodeId: s2 }).project);
    for (const l of linesOf(p, s1)) expect(statuses.get(l)?.reason).toBe("The scene after its scene was deleted");
    for (const l of linesOf(p, s3)) expect(statuses.get(l)?.reason).toBe("The scene before its scene was deleted");
    expect(statuses.size).toBe(4);
  });

  it("written, edited and locked text is flagged, never made stale, and keeps its words", () => {
    const p = story();
    const [b1, b2] = beats(p);
    const s = b1.childIds[0]!;
    const [l1, l2] = linesOf(p, s) as [string, string];
    let q = apply(p, { type: "editNode", nodeId: l1, text: "My own line." }).project;
    q = apply(q, { type: "setLocked", nodeId: l2, locked: true }).project;
    q = apply(q, { type: "moveNode", nodeId: s, parentId: b2.id, index: 0 }).project;
    const statuses = computeStatuses(q);
    expect(statuses.get(l1)).toEqual({ freshness: "inputs-changed", reason: "Its scene moved from beat 1 to beat 2; it is kept as it is" });
    expect(statuses.get(l2)?.freshness).toBe("inputs-changed");
    expect(staleIds(q).has(l1) || staleIds(q).has(l2)).toBe(false);
    const after = runCascade(q, q.rootId).project;
    expect(after.nodes[l1]!.text).toBe("My own line.");
    // "Keep as is" takes the new place as the line's own.
    expect(computeStatuses(apply(after, { type: "acknowledgeInputs", nodeId: l1 }).project).get(l1)?.freshness).toBe("fresh");
  });

  it("duplicating a scene: the copy's lines belong to the copy, and both sides see a new neighbour", () => {
    const p = story();
    const [s1, s2] = beats(p)[0].childIds as [string, string, string];
    const r = apply(p, { type: "duplicateNode", nodeId: s1 });
    const copy = r.project.nodes[r.project.nodes[beats(p)[0].id]!.childIds[1]!]!;
    const statuses = flagged(r.project);
    const name = `“${p.nodes[s1]!.title}”`;
    expect(copy.title).toBe(p.nodes[s1]!.title);
    for (const l of copy.childIds) {
      expect(r.project.nodes[l]!.placement?.parentId).toBe(copy.id);
      expect(statuses.get(l)?.reason).toBe(`Scene ${name} now comes before its scene`);
    }
    for (const l of linesOf(p, s1)) expect(statuses.get(l)?.reason).toBe(`Scene ${name} now comes after its scene`);
    for (const l of linesOf(p, s2)) expect(statuses.get(l)?.reason).toBe(`Scene ${name} now comes before its scene`);
    expect(statuses.size).toBe(6);
  });

  it("ids in a placement that name no node (deleted, or a damaged file's 'constructor') are just gone", () => {
    const p = story();
    const [s1] = beats(p)[0].childIds as [string];
    const line = p.nodes[s1]!.childIds[0]!;
    const damaged: Project = { ...p, nodes: { ...p.nodes, [line]: { ...p.nodes[line]!, placement: { ...p.nodes[line]!.placement!, afterId: "constructor" } } } };
    expect(computeStatuses(damaged).get(line)).toEqual({ freshness: "stale", reason: "The scene after its scene was deleted" });
    const moved: Project = { ...p, nodes: { ...p.nodes, [line]: { ...p.nodes[line]!, placement: { ...p.nodes[line]!.placement!, parentId: "toString" } } } };
    expect(computeStatuses(moved).get(line)?.reason).toBe("Moved from a scene since deleted to scene 1 of beat 1");
  });

  it("a node without a placement (an older file) is judged by its content alone", () => {
    const p = story();
    const s2 = beats(p)[0].childIds[1]!;
    const nodes = Object.fromEntries(Object.entries(p.nodes).map(([id, n]) => [id, (({ placement: _, ...rest }) => rest)(n)]));
    const old: Project = { ...p, nodes };
    const reorder: Operation = { type: "moveNode", nodeId: s2, parentId: beats(p)[0].id, index: 0 };
    const reordered = flagged(apply(p, reorder).project);
    expect(reordered.size).toBe(6);
    for (const l of linesOf(p, s2)) expect(reordered.get(l)?.reason).toBe("Its scene moved: it is now scene 1 of beat 1");
    expect(flagged(apply(old, reorder).project).size).toBe(0);
  });
});
