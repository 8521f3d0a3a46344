import { describe, expect, it } from "vitest";
import { computeStatuses } from "../../../shared/story/staleness";
import { applyOperation } from "../../../shared/story/operations";
import { storyFixture } from "../../testing/storyFixture";
import { flattenTree, type FlattenInput, type NodeRow } from "./flattenTree";

const base = (project: ReturnType<typeof storyFixture>): FlattenInput => ({
  collapsed: {},
  statuses: computeStatuses(project),
  streams: new Map(),
  activity: new Map(),
});

describe("flattenTree", () => {
  it("lists nodes in reading order with depth and sibling numbers", () => {
    const p = storyFixture([2, 1]);
    const rows = flattenTree(p, base(p)) as NodeRow[];
    expect(rows.map((r) => `${r.id}@${r.depth}#${r.number}`)).toEqual(["premise@0#1", "b1@1#1", "b1s1@2#1", "b1s2@2#2", "b2@1#2", "b2s1@2#1"]);
    expect(rows[1]!.summary).toBe("Beat 1");
    expect(rows[2]!.summary).toBe("Scene 1 of beat 1");
    expect(rows.map((r) => r.siblings)).toEqual([1, 2, 2, 2, 2, 1]);
  });

  it("hides the children of collapsed nodes but still says they have children", () => {
    const p = storyFixture([2, 1]);
    const rows = flattenTree(p, { ...base(p), collapsed: { b1: true } }) as NodeRow[];
    expect(rows.map((r) => r.id)).toEqual(["premise", "b1", "b2", "b2s1"]);
    expect(rows[1]).toMatchObject({ hasChildren: true, expanded: false });
  });

  it("shows streamed text in the slots it replaces and ghosts for new children", () => {
    const p = storyFixture([2]);
    const streams = new Map([["b1", { slots: ["b1s2"], items: [{ title: "", text: "Rewritten" }, { title: "", text: "Brand new" }] }]]);
    const rows = flattenTree(p, { ...base(p), streams, activity: new Map([["b1", "running" as const]]) });
    const s2 = rows.find((r) => r.kind === "node" && r.id === "b1s2") as NodeRow;
    expect(s2).toMatchObject({ summary: "Rewritten", streaming: true });
    const ghost = rows[rows.length - 1]!;
    expect(ghost).toMatchObject({ kind: "ghost", parentId: "b1", level: "scene", depth: 2, number: 3, summary: "Brand new" });
    expect(rows.find((r) => r.kind === "node" && r.id === "b1")).toMatchObject({ activity: "running" });
  });

  it("carries freshness from the statuses", () => {
    let p = storyFixture([1]);
    // Written scenes whose beat changes are flagged, never stale.
    p = applyOperation(p, { type: "editNode", nodeId: "b1", text: "Changed beat" }).project;
    const rows = flattenTree(p, base(p)) as NodeRow[];
    expect(rows.find((r) => r.id === "b1s1")).toMatchObject({ freshness: "inputs-changed" });
    expect(rows.find((r) => r.id === "b1")).toMatchObject({ freshness: "fresh", origin: "written" });
  });
});
