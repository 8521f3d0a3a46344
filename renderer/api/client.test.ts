// The client against the real web shell, with the browser globals stubbed and the `ws` package as the
// WebSocket (it sends the Origin a browser would).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import WsWebSocket from "ws";
import type { EventName, EventPayloads, Handlers } from "../../shared/ipc/contract";
import { METHOD_NAMES } from "../../shared/ipc/names";
import type { EventListener, Services } from "../../main/services/services";
import { startWebShell, type WebShell } from "../../main/shells/web/server";
import type { CascadeBridge } from "./bridge";
import { connectApi, LOST_CONNECTION, NO_TOKEN_MESSAGE, type ConnectionState, type WebSocketConstructor } from "./client";

function fakeServices() {
  const listeners = new Set<EventListener>();
  const handlers = Object.fromEntries(METHOD_NAMES.map((m) => [m, async () => Promise.reject(new Error(`${m} is not faked`))])) as unknown as Handlers;
  handlers["app:info"] = async () => ({ version: "1.2.3", shell: "web", projectsDir: "/p", modelsDir: "/m", warnings: [] });
  // Never answers: lets a test drop the connection mid-call.
  handlers["jobs:list"] = () => new Promise(() => undefined);
  const services: Services = {
    handlers,
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    whenIdle: async () => undefined,
    flush: async () => undefined,
    dispose: async () => undefined,
  };
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const l of listeners) l(event, payload);
  };
  return { services, emit };
}

/** Browser globals the client reads, backed by a small fake location. */
function stubBrowser(port: number, hash: string, bridge?: CascadeBridge) {
  const storage = new Map<string, string>();
  const location = { protocol: "http:", host: `127.0.0.1:${port}`, pathname: "/", search: "", hash };
  vi.stubGlobal("window", bridge ? { cascadeBridge: bridge } : {});
  vi.stubGlobal("location", location);
  vi.stubGlobal("sessionStorage", {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
  });
  const replaced: string[] = [];
  vi.stubGlobal("history", {
    state: null,
    replaceState: (_s: unknown, _t: string, url: string) => {
      replaced.push(url);
      location.hash = url.includes("#") ? url.slice(url.indexOf("#")) : "";
    },
  });
  return { location, storage, replaced };
}

function wsFor(port: number): WebSocketConstructor {
  const origin = `http://127.0.0.1:${port}`;
  return class extends WsWebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as WebSocketConstructor;
}

const shells: WebShell[] = [];
async function serve(opts: { port?: number; token?: string } = {}) {
  const fake = fakeServices();
  const shell = await startWebShell({ services: fake.services, staticDir: "/nonexistent", ...opts });
  shells.push(shell);
  return { ...fake, shell };
}

beforeEach(() => {
  shells.length = 0;
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all(shells.map((s) => s.close()));
});

describe("connectApi over the web shell", () => {
  it("asks for the launch link when there is no token", async () => {
    stubBrowser(1, "");
    await expect(connectApi()).rejects.toThrow(NO_TOKEN_MESSAGE);
  });

  it("takes the token from the fragment, stores it, hides it, and round-trips calls and events", async () => {
    const { shell, emit } = await serve();
    const browser = stubBrowser(shell.port, `#token=${shell.token}`);
    const api = await connectApi({ WebSocket: wsFor(shell.port) });

    expect(browser.storage.get("cascade.token")).toBe(shell.token);
    expect(browser.replaced).toEqual(["/"]);
    expect(browser.location.hash).toBe("");

    expect(await api.call("app:info", {})).toEqual({ ok: true, value: { version: "1.2.3", shell: "web", projectsDir: "/p", modelsDir: "/m", warnings: [] } });
    expect(await api.call("project:open", { path: "" })).toMatchObject({ ok: false, error: { code: "invalid-input" } });

    const got: unknown[] = [];
    const off = api.on("model:did-change", (s) => got.push(s.state));
    const status = { state: "ready", modelPath: "/m.gguf", modelId: "m", message: null, help: "" } as const;
    emit("model:did-change", status);
    await vi.waitFor(() => expect(got).toEqual(["ready"]));
    off();
    emit("model:did-change", status);
    await api.call("app:info", {}); // a round trip later, nothing more arrived
    expect(got).toEqual(["ready"]);
  });

  it("reuses the stored token after a reload", async () => {
    const { shell } = await serve();
    const browser = stubBrowser(shell.port, "");
    browser.storage.set("cascade.token", shell.token);
    const api = await connectApi({ WebSocket: wsFor(shell.port) });
    expect(await api.call("app:info", {})).toMatchObject({ ok: true });
  });

  it("fails clearly when the token is refused", async () => {
    const { shell } = await serve();
    stubBrowser(shell.port, "#token=stale");
    await expect(connectApi({ WebSocket: wsFor(shell.port) })).rejects.toThrow(/Could not connect to Cascade/);
  });

  it("settles pending calls on disconnect, reconnects, and reports the connection state", async () => {
    const first = await serve();
    const { port, token } = first.shell;
    stubBrowser(port, `#token=${token}`);
    const api = await connectApi({ WebSocket: wsFor(port), reconnect: { initialDelayMs: 20, maxDelayMs: 50, maxAttempts: 100 } });
    const states: ConnectionState[] = [];
    api.onConnectionChange((s) => states.push(s));

    const pending = api.call("jobs:list", {});
    await first.shell.close();
    expect(await pending).toEqual({ ok: false, error: LOST_CONNECTION });
    await vi.waitFor(() => expect(states).toEqual(["reconnecting"]));
    expect(await api.call("app:info", {})).toEqual({ ok: false, error: LOST_CONNECTION });

    // The same launch comes back (same port and token): the client finds it again.
    await serve({ port, token });
    await vi.waitFor(() => expect(states).toEqual(["reconnecting", "connected"]), { timeout: 5_000 });
    expect(await api.call("app:info", {})).toMatchObject({ ok: true });
  });

  it("gives up after the last attempt", async () => {
    const { shell } = await serve();
    stubBrowser(shell.port, `#token=${shell.token}`);
    const api = await connectApi({ WebSocket: wsFor(shell.port), reconnect: { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 3 } });
    const states: ConnectionState[] = [];
    api.onConnectionChange((s) => states.push(s));
    await shell.close();
    await vi.waitFor(() => expect(states).toEqual(["reconnecting", "closed"]), { timeout: 5_000 });
  });
});

describe("connectApi over the Electron bridge", () => {
  it("wraps window.cascadeBridge: calls, events, and a failed invoke as an error value", async () => {
    let relay: ((event: EventName, payload: unknown) => void) | null = null;
    let subscriptions = 0;
    const methods = Object.fromEntries(METHOD_NAMES.map((m) => [m, async () => ({ ok: false, error: { code: "internal", message: m } })]));
    methods["app:info"] = async () => ({ ok: true, value: { version: "9", shell: "electron", projectsDir: "", modelsDir: "", warnings: [] } }) as never;
    methods["jobs:list"] = async () => {
      throw new Error("Error invoking remote method 'jobs:list': boom");
    };
    const bridge = {
      methods,
      onEvent(l: (event: EventName, payload: unknown) => void) {
        subscriptions++;
        relay = l;
        return () => (relay = null);
      },
    } as unknown as CascadeBridge;
    stubBrowser(1, "", bridge);

    const api = await connectApi();
    expect(await api.call("app:info", {})).toMatchObject({ ok: true, value: { shell: "electron" } });
    expect(await api.call("jobs:list", {})).toEqual({ ok: false, error: { code: "internal", message: "Error invoking remote method 'jobs:list': boom" } });

    const a: unknown[] = [];
    const b: unknown[] = [];
    api.on("project:did-close", (p) => a.push(p));
    api.on("jobs:did-change", (p) => b.push(p));
    expect(subscriptions).toBe(1);
    relay!("project:did-close", null);
    relay!("jobs:did-change", { jobs: [], cascades: [] });
    expect(a).toEqual([null]);
    expect(b).toEqual([{ jobs: [], cascades: [] }]);
  });
});
