import { beforeEach, describe, expect, it } from "vitest";
import type { ProjectState, Result } from "../../shared/ipc/contract";
import { applyOperation } from "../../shared/story/operations";
import type { ApiClient } from "../api/client";
import { storyFixture } from "../testing/storyFixture";
import { initApi, useAppStore } from "./useAppStore";

const initial = useAppStore.getState();
const state = (revision: number, path = "/p/a.cascade", project = storyFixture([2])): ProjectState => ({
  path,
  revision,
  project,
  save: { state: "saved", at: null },
});

/** A fake API whose every call answers with `result`; records the calls. */
function fakeApi(result: Result<unknown>): { api: ApiClient; calls: string[] } {
  const calls: string[] = [];
  const api = {
    call: async (method: string) => {
      calls.push(method);
      return result;
    },
    on: () => () => undefined,
    onConnectionChange: () => () => undefined,
  } as unknown as ApiClient;
  return { api, calls };
}

describe("the app store", () => {
  beforeEach(() => useAppStore.setState(initial, true));

  it("ignores project states older than the one shown, but takes equal revisions (save-state updates)", () => {
    const s = useAppStore.getState();
    s.receiveProject(state(5));
    s.receiveProject(state(4));
    expect(useAppStore.getState().projectState?.revision).toBe(5);
    s.receiveProject({ ...state(5), save: { state: "dirty", at: null } });
    expect(useAppStore.getState().projectState?.save.state).toBe("dirty");
    s.receiveProject(state(1, "/p/other.cascade"));
    expect(useAppStore.getState().projectState?.path).toBe("/p/other.cascade");
  });

  it("takes a save state only for the project and revision it is about, keeping the project object", () => {
    const s = useAppStore.getState();
    s.receiveProject({ ...state(5), save: { state: "dirty", at: null } });
    const project = useAppStore.getState().projectState!.project;
    s.receiveSave({ path: "/p/a.cascade", revision: 4, save: { state: "saved", at: "t" } });
    s.receiveSave({ path: "/p/other.cascade", revision: 5, save: { state: "saved", at: "t" } });
    expect(useAppStore.getState().projectState?.save.state).toBe("dirty");
    s.receiveSave({ path: "/p/a.cascade", revision: 5, save: { state: "saved", at: "t" } });
    expect(useAppStore.getState().projectState?.save).toEqual({ state: "saved", at: "t" });
    expect(useAppStore.getState().projectState?.project).toBe(project);
    s.receiveSave({ path: "/p/a.cascade", revision: 5, save: { state: "error", at: "t", message: "Autosave failed: disk full" } });
    expect(useAppStore.getState().toasts.map((t) => t.message)).toContain("Autosave failed: disk full");
  });

  it("selects the premise of a newly opened project and keeps a surviving selection", () => {
    const s = useAppStore.getState();
    const p = storyFixture([2]);
    s.receiveProject(state(1, "/p/a.cascade", p));
    expect(useAppStore.getState().selectedId).toBe("premise");
    s.select("b1s2");
    const without = applyOperation(p, { type: "deleteNode", nodeId: "b1s2" }).project;
    s.receiveProject(state(2, "/p/a.cascade", without));
    expect(useAppStore.getState().selectedId).toBe("b1");
  });

  it("reveals a selected node hidden in a collapsed parent", () => {
    const s = useAppStore.getState();
    s.receiveProject(state(1));
    s.setCollapsed("b1", true);
    s.select("b1s1");
    expect(useAppStore.getState().collapsed).toEqual({});
  });

  it("shows failed calls as error toasts, and 'nothing to do' as a calm note", async () => {
    const { api } = fakeApi({ ok: false, error: { code: "operation", message: "A scene can only be placed under a beat" } });
    initApi(api);
    const s = useAppStore.getState();
    s.receiveProject(state(1));
    expect(await s.apply({ type: "deleteNode", nodeId: "b1" })).toBeUndefined();
    s.reportError({ code: "nothing-to-do", message: "Nothing to undo." });
    s.reportError({ code: "nothing-to-do", message: "Nothing to undo." });
    expect(useAppStore.getState().toasts.map((t) => [t.kind, t.message])).toEqual([
      ["error", "A scene can only be placed under a beat"],
      ["info", "Nothing to undo."],
    ]);
  });

  it("asks for outlines in outline mode, remembers the batch, and shows a refused outline swap as an error", async () => {
    const inputs: Array<[string, unknown]> = [];
    const api = {
      call: async (method: string, input: unknown) => {
        if (method === "filter:preview") return { ok: true, value: { decision: "allow", text: "", prompt: "", matches: [], mode: "rewrite" } };
        // Read once after a generation starts (filterSlice.ts): not what this test is about.
        if (method === "jobs:list") return { ok: true, value: { jobs: [], cascades: [] } };
        inputs.push([method, input]);
        if (method === "alts:generate") return { ok: true, value: { batchId: "batch-1", jobIds: ["j1"] } };
        return { ok: false, error: { code: "operation", message: "The beats already have scenes" } };
      },
      on: () => () => undefined,
      onConnectionChange: () => () => undefined,
    } as unknown as ApiClient;
    initApi(api);
    useAppStore.setState({ connection: "connected", model: { state: "ready" } as never });
    const s = useAppStore.getState();
    s.receiveProject(state(1));
    await s.generateAlts("premise", { count: 5, angle: "", unusual: true, outline: true });
    expect(inputs[0]).toEqual(["alts:generate", { nodeId: "premise", count: 5, mode: "outline" }]);
    expect(useAppStore.getState().outlineBatches).toEqual(["batch-1"]);
    await s.swapOutline("premise", "alt-1");
    expect(inputs[1]).toEqual(["project:apply", { op: { type: "swapOutline", nodeId: "premise", altId: "alt-1" } }]);
    expect(useAppStore.getState().toasts.map((t) => [t.kind, t.message])).toEqual([["error", "The beats already have scenes"]]);
  });

  it("stores what a successful call returns", async () => {
    const next = state(9);
    const { api, calls } = fakeApi({ ok: true, value: next });
    initApi(api);
    await useAppStore.getState().undo();
    expect(calls).toEqual(["project:undo"]);
    expect(useAppStore.getState().projectState?.revision).toBe(9);
  });

  it("drops live streams when their job ends, and ignores late stream events", () => {
    const s = useAppStore.getState();
    const job = { id: "j", kind: "children" as const, batchId: null, seed: null, sampling: null, parentId: "b1", level: "scene" as const, label: "", state: "running" as const, cascadeId: null, tokens: 0, error: null, startedAt: null, endedAt: null };
    s.receiveJobs({ jobs: [job], cascades: [] });
    s.receiveStream({ jobId: "j", kind: "children", parentId: "b1", slots: [], items: [{ title: "", text: "x" }] });
    expect(Object.keys(useAppStore.getState().streams)).toEqual(["j"]);
    s.receiveJobs({ jobs: [{ ...job, state: "done" }], cascades: [] });
    expect(useAppStore.getState().streams).toEqual({});
    s.receiveStream({ jobId: "j", kind: "children", parentId: "b1", slots: [], items: [] });
    expect(useAppStore.getState().streams).toEqual({});
  });
});
