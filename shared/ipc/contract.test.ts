import { describe, expect, it } from "vitest";
import type { Operation } from "../story/operations";
import { METHOD_NAMES, EVENT_NAMES, methodInputs, operationSchema, validateCall } from "./contract";

function invalid(method: unknown, input: unknown) {
  const r = validateCall(method, input);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error("unreachable");
  return r.error;
}

function valid(method: string, input: unknown) {
  const r = validateCall(method, input);
  if (!r.ok) throw new Error(`expected ${method} to accept ${JSON.stringify(input).slice(0, 200)}: ${r.error.message}`);
  return r.input;
}

describe("names", () => {
  it("METHOD_NAMES lists exactly the methods with input schemas", () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(methodInputs).sort());
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
  });
});

describe("validateCall", () => {
  it("rejects unknown methods, including prototype names and non-strings", () => {
    for (const m of ["nope", "project:delete-everything", "toString", "__proto__", "constructor", "hasOwnProperty", "", 42, null, undefined, {}, ["app:info"]]) {
      expect(invalid(m, {}).code).toBe("unknown-method");
    }
    expect(invalid("x".repeat(500), {}).message.length).toBeLessThan(100);
  });

  it("accepts every method with no arguments that takes none; a missing input counts as {}", () => {
    for (const m of ["app:info", "model:status", "settings:get", "project:list", "project:get", "project:close", "project:undo", "project:redo", "jobs:list"]) {
      expect(valid(m, {})).toEqual({});
      expect(valid(m, undefined)).toEqual({});
      expect(valid(m, null)).toEqual({});
    }
    expect(valid("jobs:cancel", {})).toEqual({});
    expect(valid("settings:update", {})).toEqual({});
  });

  it("rejects inputs that are not objects", () => {
    for (const input of ["x", 1, true, []]) expect(invalid("app:info", input).code).toBe("invalid-input");
  });

  it("valid inputs pass unchanged", () => {
    const inputs: Array<[string, unknown]> = [
      ["model:set-path", { path: "/models/tiny.gguf" }],
      ["settings:update", { threads: 4, gpuLayers: "off", contextSize: "auto" }],
      ["settings:update", { threads: "auto", gpuLayers: 0, contextSize: 512 }],
      ["project:create", { title: "T", form: "screenplay", premise: "p", bible: { tone: "dark" } }],
      ["project:create", { title: "", form: "prose", premise: "" }],
      ["project:open", { path: "C:\\stories\\a.cascade.json" }],
      ["generate:children", { nodeId: "beat_1", count: 64 }],
      ["generate:children", { nodeId: "beat_1" }],
      ["generate:level", { level: "line" }],
      ["cascade:run", { nodeId: "premise_x" }],
      ["jobs:cancel", { jobId: "j1" }],
      ["jobs:cancel", { all: true }],
    ];
    for (const [m, input] of inputs) expect(valid(m, input)).toEqual(input);
  });

  it("every operation type passes through project:apply unchanged", () => {
    const ops: Operation[] = [
      { type: "editNode", nodeId: "n1", title: "T", text: "X".repeat(200_000), speaker: "ANNA" },
      { type: "editNode", nodeId: "n1", text: "" },
      { type: "setBible", bible: { characters: "c", setting: "s", tone: "t" } },
      { type: "setBible", bible: {} },
      { type: "setTitle", title: "" },
      { type: "setAngle", nodeId: "n1", angle: "darker" },
      { type: "setLocked", nodeId: "n1", locked: true },
      { type: "insertNode", parentId: "n1", index: 0, title: "t", text: "x", speaker: "" },
      { type: "insertNode", parentId: "n1", index: 100_000 },
      { type: "deleteNode", nodeId: "n1" },
      { type: "moveNode", nodeId: "n1", parentId: "n2", index: 3 },
      { type: "acknowledgeInputs", nodeId: "n1" },
      { type: "setProjectSettings", childCount: { beat: 1, scene: 64 }, sampling: { premise: { temperature: 2, topP: 0, minP: 1, maxTokens: 4096 }, line: { maxTokens: 16 } } },
      { type: "setProjectSettings" },
    ];
    for (const op of ops) expect(valid("project:apply", { op })).toEqual({ op });
  });

  it("strips what the renderer may not choose: an insert's id, unknown keys", () => {
    expect(valid("project:apply", { op: { type: "insertNode", parentId: "n1", index: 0, id: "premise_hijack" } })).toEqual({
      op: { type: "insertNode", parentId: "n1", index: 0 },
    });
    expect(valid("cascade:run", { nodeId: "n", extra: 1 })).toEqual({ nodeId: "n" });
  });

  it("rejects bad inputs with the path of the problem", () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ["project:apply", { op: { type: "explode", nodeId: "n" } }, /at op\.type/],
      ["project:apply", {}, /at op/],
      ["project:apply", { op: { type: "editNode", nodeId: "" } }, /at op\.nodeId/],
      ["project:apply", { op: { type: "editNode", nodeId: "n".repeat(101) } }, /at op\.nodeId/],
      ["project:apply", { op: { type: "editNode", nodeId: 5 } }, /at op\.nodeId/],
      ["project:apply", { op: { type: "editNode", nodeId: "n", text: "x".repeat(200_001) } }, /at op\.text/],
      ["project:apply", { op: { type: "editNode", nodeId: "n", title: "x".repeat(2_001) } }, /at op\.title/],
      ["project:apply", { op: { type: "editNode", nodeId: "n", speaker: "x".repeat(201) } }, /at op\.speaker/],
      ["project:apply", { op: { type: "setAngle", nodeId: "n", angle: "x".repeat(2_001) } }, /at op\.angle/],
      ["project:apply", { op: { type: "setLocked", nodeId: "n", locked: "yes" } }, /at op\.locked/],
      ["project:apply", { op: { type: "setTitle", title: "x".repeat(301) } }, /at op\.title/],
      ["project:apply", { op: { type: "setBible", bible: { tone: 3 } } }, /at op\.bible\.tone/],
      ["project:apply", { op: { type: "insertNode", parentId: "n", index: -1 } }, /at op\.index/],
      ["project:apply", { op: { type: "insertNode", parentId: "n", index: 1.5 } }, /at op\.index/],
      ["project:apply", { op: { type: "insertNode", parentId: "n", index: 100_001 } }, /at op\.index/],
      ["project:apply", { op: { type: "moveNode", nodeId: "n", parentId: "m" } }, /at op\.index/],
      ["project:create", { title: "T", form: "poem", premise: "p" }, /at form/],
      ["project:create", { title: "T", form: "prose" }, /at premise/],
      ["project:create", { title: "x".repeat(301), form: "prose", premise: "p" }, /at title/],
      ["project:create", { title: "T", form: "prose", premise: "p", bible: { characters: "x".repeat(200_001) } }, /at bible\.characters/],
      ["project:open", { path: "" }, /at path/],
      ["model:set-path", { path: "x".repeat(4_097) }, /at path/],
      ["generate:children", { nodeId: "n", count: 0 }, /at count/],
      ["generate:children", { nodeId: "n", count: 65 }, /at count/],
      ["generate:children", { count: 2 }, /at nodeId/],
      ["generate:level", { level: "premise" }, /at level/],
      ["settings:update", { threads: 0 }, /at threads/],
      ["settings:update", { gpuLayers: "on" }, /at gpuLayers/],
      ["settings:update", { contextSize: 511 }, /at contextSize/],
      ["jobs:cancel", { all: "true" }, /at all/],
      ["project:apply", { op: { type: "setProjectSettings", childCount: { beat: 0 } } }, /at op\.childCount\.beat/],
      ["project:apply", { op: { type: "setProjectSettings", childCount: { line: 1.5 } } }, /at op\.childCount\.line/],
      ["project:apply", { op: { type: "setProjectSettings", sampling: { beat: { temperature: 2.5 } } } }, /at op\.sampling\.beat\.temperature/],
      ["project:apply", { op: { type: "setProjectSettings", sampling: { line: { topP: -0.1 } } } }, /at op\.sampling\.line\.topP/],
      ["project:apply", { op: { type: "setProjectSettings", sampling: { scene: { maxTokens: 8 } } } }, /at op\.sampling\.scene\.maxTokens/],
      ["project:apply", { op: { type: "setProjectSettings", sampling: { premise: { minP: "0.1" } } } }, /at op\.sampling\.premise\.minP/],
      ["project:apply", { op: { type: "markAlt", nodeId: "n", altId: "a", starred: "yes" } }, /at op\.starred/],
      ["project:apply", { op: { type: "markAlt", nodeId: "n", altId: "", starred: true } }, /at op\.altId/],
      ["project:apply", { op: { type: "markAlt", nodeId: "n", altId: "a", tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } }, /at op\.tags/],
      ["project:apply", { op: { type: "markAlt", nodeId: "n", altId: "a", tags: ["x".repeat(41)] } }, /at op\.tags\.0/],
      ["project:apply", { op: { type: "markAlt", nodeId: "n", altId: "a", note: "x".repeat(2_001) } }, /at op\.note/],
      ["project:apply", { op: { type: "swapAlt", nodeId: "n" } }, /at op\.altId/],
      ["settings:update", { threads: 257 }, /at threads/],
      ["settings:update", { contextSize: 4096.5 }, /at contextSize/],
    ];
    for (const [m, input, where] of cases) {
      const err = invalid(m, input);
      expect(err.code).toBe("invalid-input");
      expect(err.message).toContain(`Invalid input for ${m}`);
      expect(err.message).toMatch(where);
    }
  });

  it("operationSchema and the Operation type agree on the operation types", () => {
    const types = operationSchema.options.map((o) => o.shape.type.value).sort();
    const all: Record<Operation["type"], true> = {
      editNode: true,
      setBible: true,
      setTitle: true,
      setAngle: true,
      setLocked: true,
      insertNode: true,
      deleteNode: true,
      moveNode: true,
      acknowledgeInputs: true,
      setProjectSettings: true,
      setFilterSettings: true,
      splitNode: true,
      mergeNodes: true,
      duplicateNode: true,
      markAlt: true,
      swapAlt: true,
      swapOutline: true,
    };
    expect(types).toEqual(Object.keys(all).sort());
  });
});
