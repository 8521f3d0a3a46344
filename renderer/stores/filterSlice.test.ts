import { beforeEach, describe, expect, it } from "vitest";
import type { FilterDecision } from "../../shared/filter/types";
import type { ProjectState, Result } from "../../shared/ipc/contract";
import type { ApiClient } from "../api/client";
import { storyFixture } from "../testing/storyFixture";
import { initApi, useAppStore } from "./useAppStore";

const initial = useAppStore.getState();
const state: ProjectState = { path: "/p/a.cascade", revision: 1, project: storyFixture([1]), save: { state: "saved", at: null } };
const SPAN = "in the style of Quentin Tarantino";
const preview = (decision: FilterDecision["decision"], extra: Partial<FilterDecision> = {}) => ({
  decision,
  text: SPAN,
  prompt: SPAN,
  mode: "rewrite" as const,
  matches: [],
  ...extra,
});

/** A fake API: `previews` answer filter:preview in turn; every call is recorded. */
function fakeApi(previews: Array<Result<unknown>>) {
  const calls: Array<[string, unknown]> = [];
  const api = {
    call: async (method: string, input: unknown) => {
      calls.push([method, input]);
      if (method === "filter:preview") return previews.shift() ?? { ok: false, error: { code: "internal", message: "no more previews" } };
      if (method === "project:apply") return { ok: true, value: { ...state, revision: 2 } };
      return { ok: true, value: null };
    },
    on: () => () => undefined,
    onConnectionChange: () => () => undefined,
  } as unknown as ApiClient;
  initApi(api);
  return calls;
}

describe("the filter preflight", () => {
  beforeEach(() => {
    useAppStore.setState(initial, true);
    // Alts check the model gate first.
    useAppStore.setState({ connection: "connected", model: { state: "ready" } as never });
    useAppStore.getState().receiveProject(state);
  });

  it("runs an allowed generation at once, with a note about public-domain names", async () => {
    const austen = { name: "Jane Austen", start: 0, end: 1, matched: "", nameStart: 0, nameEnd: 1, replaceStart: 0, replaceEnd: 1, status: "public-domain" as const, reason: "Jane Austen, 1775–1817 — public domain (life+70)", action: "allow" as const };
    const calls = fakeApi([{ ok: true, value: preview("allow", { matches: [austen] }) }]);
    await useAppStore.getState().generateChildren("premise");
    // After starting, the job list is read once, so "nothing running" is never seen before the jobs are.
    expect(calls.map((c) => c[0])).toEqual(["filter:preview", "generate:children", "jobs:list"]);
    expect(calls[0]![1]).toEqual({ nodeId: "premise", purpose: "children" });
    expect(useAppStore.getState().toasts.map((t) => t.message)).toEqual([austen.reason]);
    expect(useAppStore.getState().filterPrompt).toBeNull();
  });

  it("previews a whole level through its first parent's prompt", async () => {
    const calls = fakeApi([{ ok: true, value: preview("allow") }]);
    await useAppStore.getState().generateLevel("scene");
    expect(calls).toEqual([
      ["filter:preview", { nodeId: "b1", purpose: "children" }],
      ["generate:level", { level: "scene" }],
      ["jobs:list", {}],
    ]);
  });

  it("holds a rewrite for the writer, and runs it once when they go ahead", async () => {
    const calls = fakeApi([{ ok: true, value: preview("rewrite") }]);
    await useAppStore.getState().regenerateBelow("b1");
    expect(calls.map((c) => c[0])).toEqual(["filter:preview"]);
    expect(useAppStore.getState().filterPrompt?.decision.decision).toBe("rewrite");
    // Asking again while the dialog waits changes nothing.
    await useAppStore.getState().generateChildren("b1");
    expect(calls).toHaveLength(1);
    await useAppStore.getState().runFilterPrompt();
    await useAppStore.getState().runFilterPrompt();
    expect(calls.map((c) => c[0])).toEqual(["filter:preview", "cascade:run", "jobs:list"]);
    expect(useAppStore.getState().filterPrompt).toBeNull();
  });

  it("runs nothing when the writer closes the dialog", async () => {
    const calls = fakeApi([{ ok: true, value: preview("block") }]);
    await useAppStore.getState().generateAlts("premise", { count: 4, angle: SPAN, unusual: false });
    expect(calls[0]).toEqual(["filter:preview", { nodeId: "premise", purpose: "alts", mode: "standard", angle: SPAN }]);
    useAppStore.getState().closeFilterPrompt();
    expect(calls.map((c) => c[0])).toEqual(["filter:preview"]);
  });

  it("saves a choice made in the dialog, checks again, and runs once allowed", async () => {
    const calls = fakeApi([{ ok: true, value: preview("block") }, { ok: true, value: preview("allow") }]);
    await useAppStore.getState().generateAlts("premise", { count: 4, angle: SPAN, unusual: false });
    await useAppStore.getState().resolveFilterPrompt({ allow: [{ name: "Quentin Tarantino", reason: "licensed" }] });
    expect(calls.map((c) => c[0])).toEqual(["filter:preview", "project:apply", "filter:preview", "alts:generate", "jobs:list"]);
    expect(calls[1]![1]).toEqual({ op: { type: "setFilterSettings", filter: { allow: [{ name: "Quentin Tarantino", reason: "licensed" }] } } });
    expect(useAppStore.getState().filterPrompt).toBeNull();
  });

  it("keeps the dialog with the new decision when a choice still needs the writer", async () => {
    fakeApi([{ ok: true, value: preview("ask") }, { ok: true, value: preview("rewrite") }]);
    await useAppStore.getState().generateChildren("premise");
    const first = useAppStore.getState().filterPrompt!;
    await useAppStore.getState().resolveFilterPrompt({ aliases: [{ alias: "Swift", name: "Taylor Swift" }] });
    const next = useAppStore.getState().filterPrompt!;
    expect(next.decision.decision).toBe("rewrite");
    expect(next.revision).not.toBe(first.revision);
  });

  it("lets the generation answer 'nothing to do' itself, and runs nothing after another failed preview", async () => {
    const calls = fakeApi([
      { ok: false, error: { code: "nothing-to-do", message: "Everything below is written." } },
      { ok: false, error: { code: "filter", message: "The style filter could not start." } },
    ]);
    await useAppStore.getState().regenerateBelow("premise");
    await useAppStore.getState().generateChildren("premise");
    expect(calls.map((c) => c[0])).toEqual(["filter:preview", "cascade:run", "jobs:list", "filter:preview"]);
    expect(useAppStore.getState().toasts.map((t) => [t.kind, t.message])).toEqual([["error", "The style filter could not start."]]);
  });
});
