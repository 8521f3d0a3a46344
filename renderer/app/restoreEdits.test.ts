import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProjectState, Result } from "../../shared/ipc/contract";
import { applyOperation, type Operation } from "../../shared/story/operations";
import type { ApiClient } from "../api/client";
import { storyFixture } from "../testing/storyFixture";
import { editJournal } from "../stores/pendingEdits";
import { loadEdits, saveEdits, STORAGE_KEY, storedEdit, type EditStorage } from "../stores/undeliveredEdits";
import { initApi, useAppStore } from "../stores/useAppStore";
import { restoreUndeliveredEdits } from "./restoreEdits";

const PATH = "/projects/lighthouse.cascade";
const initial = useAppStore.getState();

/** A main that applies operations to one project; `down` answers every call like a dropped socket. */
function fakeMain(openAtStart: boolean) {
  let state: ProjectState = { path: PATH, revision: 1, project: storyFixture([1]), save: { state: "saved", at: null } };
  const calls: string[] = [];
  const main = { down: false, calls, get state() { return state; } };
  const api = {
    call: async (method: string, input: { op?: Operation }): Promise<Result<unknown>> => {
      calls.push(method);
      if (main.down) return { ok: false, error: { code: "internal", message: "Lost connection to Cascade. Is it still running?" } };
      if (method === "project:open") return { ok: true, value: state };
      if (method === "project:apply") {
        state = { ...state, revision: state.revision + 1, project: applyOperation(state.project, input.op!).project };
        return { ok: true, value: state };
      }
      return { ok: false, error: { code: "internal", message: `unexpected ${method}` } };
    },
    on: () => () => undefined,
    onConnectionChange: () => () => undefined,
  } as unknown as ApiClient;
  initApi(api);
  if (openAtStart) useAppStore.getState().receiveProject(state);
  return main;
}

function fakeStorage(): EditStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const text = (nodeId: string) => useAppStore.getState().projectState?.project.nodes[nodeId]?.text;

describe("restoring edits after a reload", () => {
  let storage: EditStorage;
  beforeEach(() => {
    useAppStore.setState({ ...initial, connection: "connected" }, true);
    storage = fakeStorage();
    vi.stubGlobal("sessionStorage", storage); // The journal mirrors into this.
  });
  afterEach(() => {
    useAppStore.getState().dismissUnplacedEdits();
    vi.unstubAllGlobals();
  });

  it("re-applies stored edits to the open project, says so, and clears them", async () => {
    fakeMain(true);
    saveEdits(storage, [storedEdit({ path: PATH, revision: 1 }, { type: "editNode", nodeId: "b1", text: "Rain on the lamp" })]);
    await restoreUndeliveredEdits(storage);
    expect(text("b1")).toBe("Rain on the lamp");
    expect(useAppStore.getState().toasts.map((t) => t.message)).toContain("Restored 1 unsaved edit from before the reload.");
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    expect(editJournal.size).toBe(0);
  });

  it("reopens the project when main restarted with none open", async () => {
    const main = fakeMain(false);
    saveEdits(storage, [storedEdit({ path: PATH, revision: 9 }, { type: "setTitle", title: "The Door" })]);
    await restoreUndeliveredEdits(storage);
    expect(main.calls).toEqual(["project:open", "project:apply"]);
    expect(useAppStore.getState().projectState?.project.title).toBe("The Door");
  });

  it("says nothing when main already has the text (the last send made it)", async () => {
    const main = fakeMain(true);
    saveEdits(storage, [storedEdit({ path: PATH, revision: 1 }, { type: "editNode", nodeId: "b1", text: "Beat text 1" })]);
    await restoreUndeliveredEdits(storage);
    expect(main.calls).toEqual([]);
    expect(useAppStore.getState().toasts).toEqual([]);
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
  });

  it("keeps text it cannot put back on screen and in storage until the writer dismisses it", async () => {
    fakeMain(true);
    const gone = storedEdit({ path: PATH, revision: 1 }, { type: "editNode", nodeId: "b7", text: "The keeper opens the door." });
    saveEdits(storage, [gone]);
    await restoreUndeliveredEdits(storage);
    expect(useAppStore.getState().unplacedEdits).toEqual([{ edit: gone, reason: "node-missing" }]);
    expect(loadEdits(storage)).toEqual([gone]);
    useAppStore.getState().dismissUnplacedEdits();
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
  });
});

describe("typed edits while disconnected", () => {
  beforeEach(() => useAppStore.setState({ ...initial, connection: "connected" }, true));
  afterEach(() => vi.unstubAllGlobals());

  it("are kept in storage until a later send delivers them", async () => {
    const storage = fakeStorage();
    vi.stubGlobal("sessionStorage", storage);
    const main = fakeMain(true);
    main.down = true;
    useAppStore.getState().setConnection("reconnecting");
    const op = { type: "editNode", nodeId: "b1", text: "typed offline" } as const;
    const sending = useAppStore.getState().applyEdit(op);
    // Journaled synchronously, before any reply: a page hide right now still finds it stored.
    expect(loadEdits(storage).map((e) => e.op)).toEqual([op]);
    await sending;
    expect(loadEdits(storage).map((e) => e.op)).toEqual([op]);
    main.down = false;
    useAppStore.getState().setConnection("connected");
    await useAppStore.getState().applyEdit(op);
    expect(text("b1")).toBe("typed offline");
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    expect(editJournal.size).toBe(0);
  });
});
