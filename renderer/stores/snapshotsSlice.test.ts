import { beforeEach, describe, expect, it } from "vitest";
import type { ProjectState, Result } from "../../shared/ipc/contract";
import type { SnapshotSummary } from "../../shared/story/snapshots";
import type { ApiClient } from "../api/client";
import { storyFixture } from "../testing/storyFixture";
import { fakeApi } from "../testing/fakeApi";
import { initApi, useAppStore } from "./useAppStore";

const initial = useAppStore.getState();
const state = (revision: number, path = "/p/a.cascade"): ProjectState => ({ path, revision, project: storyFixture([2]), save: { state: "saved", at: null } });
const summary = (id: string): SnapshotSummary => ({ id, name: `Snap ${id}`, at: "2026-03-10T12:00:00Z", scopeId: null, nodeCount: 4, auto: false });
const emptyDiff = (id: string) => ({ added: [], removed: [], moved: [], changed: [], removedNodes: {}, snapshot: summary(id) });


const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the snapshots slice", () => {
  beforeEach(() => {
    useAppStore.setState(initial, true);
    useAppStore.getState().receiveProject(state(1));
  });

  it("reads the list when the dialog opens, and again after a snapshot is taken", async () => {
    let listed = [summary("s1")];
    const calls = fakeApi({
      "snapshot:list": () => ({ ok: true, value: { snapshots: listed } }),
      "snapshot:take": () => {
        listed = [summary("s2"), ...listed];
        return { ok: true, value: summary("s2") };
      },
    });
    useAppStore.getState().openSnapshots("b1");
    await settle();
    expect(useAppStore.getState()).toMatchObject({ snapshotsPath: "/p/a.cascade", snapshotScopeId: "b1", snapshots: [summary("s1")] });
    await useAppStore.getState().takeSnapshot("  Draft one ", "b1");
    expect(calls.find((c) => c[0] === "snapshot:take")?.[1]).toEqual({ name: "Draft one", nodeId: "b1" });
    expect(useAppStore.getState().snapshots.map((s) => s.id)).toEqual(["s2", "s1"]);
  });

  it("restores as one step, takes the new project state and compares again", async () => {
    const calls = fakeApi({
      "snapshot:list": () => ({ ok: true, value: { snapshots: [summary("s1")] } }),
      "snapshot:diff": (input) => ({ ok: true, value: emptyDiff((input as { snapshotId: string }).snapshotId) }),
      "snapshot:restore": () => ({ ok: true, value: state(7) }),
    });
    useAppStore.getState().openSnapshots();
    await useAppStore.getState().compareSnapshot("s1");
    expect(useAppStore.getState().snapshotComparison?.snapshot.id).toBe("s1");
    expect(await useAppStore.getState().restoreSnapshot("s1", "b1s2")).toBe(true);
    expect(useAppStore.getState().projectState?.revision).toBe(7);
    expect(calls.filter((c) => c[0] !== "snapshot:list").map((c) => c[0])).toEqual(["snapshot:diff", "snapshot:restore", "snapshot:diff"]);
    expect(calls.find((c) => c[0] === "snapshot:restore")?.[1]).toEqual({ snapshotId: "s1", nodeId: "b1s2" });
  });

  it("drops a comparison that lands after the dialog closed, so the next open shows the list", async () => {
    let answer: (v: Result<unknown>) => void = () => undefined;
    const api = {
      call: (method: string) =>
        method === "snapshot:diff" ? new Promise<Result<unknown>>((r) => (answer = r)) : Promise.resolve({ ok: true, value: { snapshots: [summary("s1")] } }),
      on: () => () => undefined,
      onConnectionChange: () => () => undefined,
    } as unknown as ApiClient;
    initApi(api);
    useAppStore.getState().openSnapshots();
    const comparing = useAppStore.getState().compareSnapshot("s1");
    await settle();
    useAppStore.getState().closeSnapshots();
    answer({ ok: true, value: emptyDiff("s1") });
    await comparing;
    expect(useAppStore.getState()).toMatchObject({ snapshotComparison: null, comparingId: null });
    useAppStore.getState().openSnapshots();
    expect(useAppStore.getState().snapshotComparison).toBeNull();
  });

  it("shows only the newest comparison's reply, and none after leaving the comparison", async () => {
    const answers: Array<(v: Result<unknown>) => void> = [];
    const api = {
      call: (method: string) =>
        method === "snapshot:diff" ? new Promise<Result<unknown>>((r) => answers.push(r)) : Promise.resolve({ ok: true, value: { snapshots: [summary("s1")] } }),
      on: () => () => undefined,
      onConnectionChange: () => () => undefined,
    } as unknown as ApiClient;
    initApi(api);
    useAppStore.getState().openSnapshots();
    const first = useAppStore.getState().compareSnapshot("s1");
    const second = useAppStore.getState().compareSnapshot("s2");
    await settle();
    answers[1]!({ ok: true, value: emptyDiff("s2") });
    answers[0]!({ ok: true, value: emptyDiff("s1") });
    await Promise.all([first, second]);
    expect(useAppStore.getState().snapshotComparison?.snapshot.id).toBe("s2");
    const again = useAppStore.getState().compareSnapshot("s2");
    await settle();
    useAppStore.getState().closeComparison();
    answers[2]!({ ok: true, value: emptyDiff("s2") });
    await again;
    expect(useAppStore.getState()).toMatchObject({ snapshotComparison: null, comparingId: null });
  });

  it("drops a reply that lands after another project opened", async () => {
    let answer: (v: Result<unknown>) => void = () => undefined;
    const api = {
      call: () => new Promise<Result<unknown>>((r) => (answer = r)),
      on: () => () => undefined,
      onConnectionChange: () => () => undefined,
    } as unknown as ApiClient;
    initApi(api);
    useAppStore.getState().openSnapshots();
    useAppStore.getState().receiveProject(state(1, "/p/other.cascade"));
    answer({ ok: true, value: { snapshots: [summary("s1")] } });
    await settle();
    expect(useAppStore.getState().snapshots).toEqual([]);
  });
});
