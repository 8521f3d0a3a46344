/**
 * The Electron preload, without Electron: `electron` is a recording fake, so these run where the
 * binary is not installed. What must hold: the renderer gets exactly the contract's methods (each
 * bound to its own channel) and events, never a generic invoke/send nor Electron's event objects,
 * and the sandboxed bundle requires nothing but `electron`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EVENT_CHANNEL, EVENT_NAMES, METHOD_NAMES } from "../../../shared/ipc/names";
import { APP_ROOT, buildElectron } from "../../../scripts/buildElectron";

type Fn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    exposed: [] as Array<{ key: string; api: unknown }>,
    invoked: [] as unknown[][],
    sent: [] as unknown[][],
    listeners: new Map<string, Array<(...args: unknown[]) => unknown>>(),
    /** Every call on the fake, in order: `ipcRenderer.on`, `contextBridge.exposeInMainWorld`, … */
    log: [] as string[],
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        state.log.push("contextBridge.exposeInMainWorld");
        state.exposed.push({ key, api });
      },
      exposeInIsolatedWorld: () => state.log.push("contextBridge.exposeInIsolatedWorld"),
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        state.log.push("ipcRenderer.invoke");
        state.invoked.push(args);
        return Promise.resolve({ ok: true, value: `reply to ${String(args[0])}` });
      },
      send: (...args: unknown[]) => {
        state.log.push("ipcRenderer.send");
        state.sent.push(args);
      },
      sendSync: (...args: unknown[]) => {
        state.log.push("ipcRenderer.sendSync");
        state.sent.push(args);
      },
      postMessage: () => state.log.push("ipcRenderer.postMessage"),
      on: (channel: string, fn: (...args: unknown[]) => unknown) => {
        state.log.push("ipcRenderer.on");
        state.listeners.set(channel, [...(state.listeners.get(channel) ?? []), fn]);
      },
      once: () => state.log.push("ipcRenderer.once"),
      addListener: () => state.log.push("ipcRenderer.addListener"),
      removeListener: (channel: string, fn: (...args: unknown[]) => unknown) => {
        state.log.push("ipcRenderer.removeListener");
        state.listeners.set(
          channel,
          (state.listeners.get(channel) ?? []).filter((l) => l !== fn),
        );
      },
      removeAllListeners: () => state.log.push("ipcRenderer.removeAllListeners"),
    },
    webFrame: {},
  };
  return { state, electron };
});
vi.mock("electron", () => fake.electron);

const { state } = fake;

interface Bridge {
  methods: Record<string, Fn>;
  onEvent: (listener: unknown) => () => void;
}

/** Loads a fresh copy of the preload and returns what it exposed. */
async function loadPreload(): Promise<Bridge> {
  vi.resetModules();
  await import("./preload");
  expect(state.exposed).toHaveLength(1);
  return state.exposed[0]!.api as Bridge;
}

/** What main would push: Electron calls each listener with (IpcRendererEvent, ...args). */
function push(...args: unknown[]): void {
  const ipcEvent = { sender: { send: () => undefined, invoke: () => undefined }, senderFrame: null, ports: [] };
  for (const l of state.listeners.get(EVENT_CHANNEL) ?? []) l(ipcEvent, ...args);
}

beforeEach(() => {
  state.exposed.length = 0;
  state.invoked.length = 0;
  state.sent.length = 0;
  state.listeners.clear();
  state.log.length = 0;
});

describe("preload: what the renderer gets", () => {
  it("exposes one object, as window.cascadeBridge, and does nothing else at load time", async () => {
    await loadPreload();
    expect(state.exposed.map((e) => e.key)).toEqual(["cascadeBridge"]);
    // No subscriptions, no messages to main, no other world touched just by loading.
    expect(state.log).toEqual(["contextBridge.exposeInMainWorld"]);
  });

  it("exposes only `methods` and `onEvent`: no generic invoke, send or ipcRenderer", async () => {
    const bridge = await loadPreload();
    expect(Object.keys(bridge).sort()).toEqual(["methods", "onEvent"]);
    expect(typeof bridge.onEvent).toBe("function");
    for (const forbidden of ["invoke", "send", "sendSync", "on", "ipcRenderer", "call"]) {
      expect(bridge).not.toHaveProperty(forbidden);
      expect(bridge.methods).not.toHaveProperty(forbidden);
    }
  });

  it("`methods` has exactly the contract's method names, each a function", async () => {
    const { methods } = await loadPreload();
    expect(Object.keys(methods).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(methods)).toHaveLength(METHOD_NAMES.length);
    for (const name of METHOD_NAMES) expect(typeof methods[name]).toBe("function");
    // Plain object: nothing reachable through an inherited key either.
    expect(Object.getPrototypeOf(methods)).toBe(Object.prototype);
  });

  it("each method invokes its own channel with the input, and returns main's reply", async () => {
    const { methods } = await loadPreload();
    for (const name of METHOD_NAMES) {
      state.invoked.length = 0;
      const input = { probe: name };
      await expect(methods[name]!(input)).resolves.toEqual({ ok: true, value: `reply to ${name}` });
      expect(state.invoked).toEqual([[name, input]]);
    }
    expect(state.sent).toEqual([]);
  });

  it("a method cannot be steered to another channel by extra arguments", async () => {
    const { methods } = await loadPreload();
    await methods["app:info"]!({}, "jobs:cancel", { all: true });
    expect(state.invoked).toEqual([["app:info", {}]]);
  });
});

describe("preload: events", () => {
  it("subscribes to EVENT_CHANNEL only when asked, and forwards every contract event without Electron's event object", async () => {
    const { onEvent } = await loadPreload();
    expect(state.listeners.get(EVENT_CHANNEL) ?? []).toHaveLength(0);
    const got: unknown[][] = [];
    onEvent((...args: unknown[]) => got.push(args));
    expect([...state.listeners.keys()]).toEqual([EVENT_CHANNEL]);
    expect(state.listeners.get(EVENT_CHANNEL)).toHaveLength(1);

    for (const name of EVENT_NAMES) push(name, { for: name });
    expect(got).toEqual(EVENT_NAMES.map((name) => [name, { for: name }]));
  });

  it("drops names that are not contract events", async () => {
    const { onEvent } = await loadPreload();
    const got: unknown[][] = [];
    onEvent((...args: unknown[]) => got.push(args));
    push("project:did-explode", { x: 1 });
    push("app:info", {}); // a method name is not an event
    push("__proto__", {});
    push("toString", {});
    push(42, {});
    push(undefined, {});
    push({ toString: () => "jobs:did-change" }, {});
    expect(got).toEqual([]);
    push("jobs:did-change", { jobs: [], cascades: [] });
    expect(got).toEqual([["jobs:did-change", { jobs: [], cascades: [] }]]);
  });

  it("the returned function unsubscribes that listener only", async () => {
    const { onEvent } = await loadPreload();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = onEvent((name: unknown) => a.push(name));
    onEvent((name: unknown) => b.push(name));
    expect(state.listeners.get(EVENT_CHANNEL)).toHaveLength(2);

    offA();
    expect(state.log).toContain("ipcRenderer.removeListener");
    expect(state.listeners.get(EVENT_CHANNEL)).toHaveLength(1);
    push("model:did-change", {});
    expect(a).toEqual([]);
    expect(b).toEqual(["model:did-change"]);
    offA(); // twice is harmless
    expect(state.listeners.get(EVENT_CHANNEL)).toHaveLength(1);
  });

  it("refuses a non-function listener without subscribing", async () => {
    const { onEvent } = await loadPreload();
    expect(() => onEvent("not a function")).toThrow(TypeError);
    expect(() => onEvent(undefined)).toThrow(TypeError);
    expect(state.listeners.get(EVENT_CHANNEL) ?? []).toHaveLength(0);
  });
});

describe("preload: the sandboxed bundle", () => {
  it("imports only `electron` and the dependency-free names list", () => {
    const source = readFileSync(fileURLToPath(new URL("./preload.ts", import.meta.url)), "utf8");
    const specifiers = [...source.matchAll(/\b(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']|\brequire\s*\(\s*["']([^"']+)["']/g)].map(
      (m) => m[1] ?? m[2] ?? m[3],
    );
    expect(specifiers.sort()).toEqual(["../../../shared/ipc/names", "electron"]);
    // And names.ts itself imports nothing, so bundling it pulls in nothing else.
    const names = readFileSync(fileURLToPath(new URL("../../../shared/ipc/names.ts", import.meta.url)), "utf8");
    expect(names).not.toMatch(/^\s*(import|export\s.*\sfrom)\s/m);
  });


  // buildElectron writes to <root>/dist/electron; build into a scratch root that links to our
  // sources, so the test neither needs nor overwrites the real dist/.
  let root = "";
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "cascade-electron-build-"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("requires only `electron`; the names list is bundled in", async () => {
    for (const dir of ["main", "shared", "node_modules"]) symlinkSync(path.join(APP_ROOT, dir), path.join(root, dir), "dir");
    writeFileSync(path.join(root, "package.json"), readFileSync(path.join(APP_ROOT, "package.json")));
    mkdirSync(path.join(root, "dist"));
    await buildElectron(root);

    const preload = readFileSync(path.join(root, "dist", "electron", "preload.cjs"), "utf8");
    const requires = preload.match(/\brequire\s*\([^)]*\)/g) ?? [];
    expect(requires).toEqual(['require("electron")']);
    expect(preload).not.toMatch(/\bimport\s*\(/); // no dynamic import either
    expect(preload).not.toMatch(/^\s*import\s/m); // CommonJS: sandboxed preloads cannot be ES modules
    for (const name of [...METHOD_NAMES, ...EVENT_NAMES, EVENT_CHANNEL]) expect(preload).toContain(JSON.stringify(name));
    expect(preload).toContain('exposeInMainWorld("cascadeBridge"');

    // main.mjs lands beside it (main.ts resolves the preload as ./preload.cjs) and is ESM.
    const main = readFileSync(path.join(root, "dist", "electron", "main.mjs"), "utf8");
    expect(main).toMatch(/^import .* from "electron";$/m);
    expect(main).toContain('"preload.cjs"');

    // The engine process's entry lands beside main.mjs too (main starts it as engineWorker.mjs), with
    // node-llama-cpp left to node_modules and no electron import (it talks over process.parentPort).
    const worker = readFileSync(path.join(root, "dist", "electron", "engineWorker.mjs"), "utf8");
    expect(main).toContain('"engineWorker.mjs"');
    expect(worker).toMatch(/^import .* from "node-llama-cpp";$/m);
    expect(worker).not.toMatch(/from "electron"/);
    expect(worker).toContain("parentPort");
  });
});
