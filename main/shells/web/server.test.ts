import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request, type IncomingHttpHeaders } from "node:http";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { EventName, EventPayloads, Handlers } from "../../../shared/ipc/contract";
import { METHOD_NAMES } from "../../../shared/ipc/names";
import { WS_PATH, type ServerMessage } from "../../../shared/ipc/wire";
import { ServiceError } from "../../services/errors";
import type { EventListener, Services } from "../../services/services";
import { startWebShell, type WebShell } from "./server";

/** A hand-written Services: app:info answers, everything else refuses, events are pushed by the test. */
function fakeServices() {
  const listeners = new Set<EventListener>();
  const handlers = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, async () => Promise.reject(new ServiceError("nothing-to-do", `${m} is not faked`))]),
  ) as unknown as Handlers;
  handlers["app:info"] = async () => ({ version: "0.0.0-test", shell: "web", projectsDir: "/p", modelsDir: "/m", warnings: [] });
  handlers["jobs:cancel"] = async ({ all }) => ({ cancelled: all ? 3 : 0 });
  const services: Services = {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenIdle: async () => undefined,
    flush: async () => undefined,
    dispose: async () => undefined,
  };
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const l of listeners) l(event, payload);
  };
  return { services, emit, listenerCount: () => listeners.size };
}

let tmp: string;
let staticDir: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "cascade-web-"));
  staticDir = path.join(tmp, "renderer");
  mkdirSync(path.join(staticDir, "assets"), { recursive: true });
  writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>Cascade</title>");
  writeFileSync(path.join(staticDir, "assets", "app.js"), "console.log('hi');");
  writeFileSync(path.join(staticDir, "assets", "app.css"), "body{}");
  // Outside staticDir: must never be served.
  writeFileSync(path.join(tmp, "secret.txt"), "secret");
  writeFileSync(path.join(tmp, "package.json"), "{}");
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let shell: WebShell | null = null;
afterEach(async () => {
  await shell?.close();
  shell = null;
});

async function start() {
  const fake = fakeServices();
  shell = await startWebShell({ services: fake.services, staticDir });
  return { ...fake, shell };
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP GET: the path goes on the wire exactly as given (no client-side normalization). */
function get(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: rawPath, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A raw WebSocket handshake; resolves with 101 when upgraded, else the refusal's status. */
function handshake(port: number, opts: { path: string; origin?: string; host?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      Connection: "Upgrade",
      Upgrade: "websocket",
      "Sec-WebSocket-Version": "13",
      "Sec-WebSocket-Key": Buffer.from("0123456789abcdef").toString("base64"),
      Host: opts.host ?? `127.0.0.1:${port}`,
    };
    if (opts.origin) headers.Origin = opts.origin;
    const req = request({ host: "127.0.0.1", port, path: opts.path, headers });
    req.on("upgrade", (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

/** An authenticated client, as the browser would connect. */
async function client(s: WebShell): Promise<{ ws: WebSocket; messages: ServerMessage[]; next: (pred: (m: ServerMessage) => boolean) => Promise<ServerMessage> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}${WS_PATH}?token=${encodeURIComponent(s.token)}`, { origin: `http://127.0.0.1:${s.port}` });
  const messages: ServerMessage[] = [];
  const waiters: Array<{ pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as ServerMessage;
    messages.push(msg);
    for (const w of [...waiters]) {
      if (w.pred(msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const next = (pred: (m: ServerMessage) => boolean) =>
    new Promise<ServerMessage>((resolve) => {
      const seen = messages.find(pred);
      if (seen) return resolve(seen);
      waiters.push({ pred, resolve });
    });
  return { ws, messages, next };
}

const resultOf = (id: number) => (m: ServerMessage) => m.t === "result" && m.id === id;

describe("startWebShell: binding", () => {
  it("listens on 127.0.0.1 only and prints a launch URL with the token in the fragment", async () => {
    const { shell: s } = await start();
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/#token=${s.token}`);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Reachable on loopback…
    expect((await get(s.port, "/")).status).toBe(200);
    // …and not on any other address of this machine.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal);
    if (external) {
      const reached = await new Promise<boolean>((resolve) => {
        const sock = connect({ host: external.address, port: s.port });
        sock.once("connect", () => {
          sock.destroy();
          resolve(true);
        });
        sock.once("error", () => resolve(false));
      });
      expect(reached).toBe(false);
    }
  });

  it("refuses a non-loopback host", async () => {
    const { services } = fakeServices();
    await expect(startWebShell({ services, host: "0.0.0.0", staticDir })).rejects.toThrow(/loopback/);
    await expect(startWebShell({ services, host: "192.168.1.10", staticDir })).rejects.toThrow(/loopback/);
  });

  it("generates a different token per launch", async () => {
    const a = await start();
    const tokenA = a.shell.token;
    await a.shell.close();
    const b = await start();
    expect(b.shell.token).not.toBe(tokenA);
  });
});

describe("startWebShell: WebSocket authentication", () => {
  it("refuses a handshake without the token (401)", async () => {
    const { shell: s } = await start();
    expect(await handshake(s.port, { path: WS_PATH, origin: `http://127.0.0.1:${s.port}` })).toBe(401);
  });

  it("refuses a wrong token (401)", async () => {
    const { shell: s } = await start();
    const origin = `http://127.0.0.1:${s.port}`;
    expect(await handshake(s.port, { path: `${WS_PATH}?token=wrong`, origin })).toBe(401);
    expect(await handshake(s.port, { path: `${WS_PATH}?token=${s.token}x`, origin })).toBe(401);
    expect(await handshake(s.port, { path: `${WS_PATH}?token=`, origin })).toBe(401);
  });

  it("refuses another Origin, or none (403)", async () => {
    const { shell: s } = await start();
    const path = `${WS_PATH}?token=${s.token}`;
    expect(await handshake(s.port, { path, origin: "http://evil.example" })).toBe(403);
    expect(await handshake(s.port, { path, origin: `http://127.0.0.1:${s.port + 1}` })).toBe(403);
    expect(await handshake(s.port, { path, origin: `https://127.0.0.1:${s.port}` })).toBe(403);
    expect(await handshake(s.port, { path })).toBe(403);
  });

  it("refuses a foreign Host header (DNS rebinding)", async () => {
    const { shell: s } = await start();
    const path = `${WS_PATH}?token=${s.token}`;
    expect(await handshake(s.port, { path, origin: `http://evil.example:${s.port}`, host: `evil.example:${s.port}` })).toBe(403);
    expect(await handshake(s.port, { path, origin: `http://127.0.0.1:${s.port}`, host: `evil.example:${s.port}` })).toBe(403);
    expect((await get(s.port, "/", { Host: `evil.example:${s.port}` })).status).toBe(403);
  });

  it("refuses upgrades on other paths", async () => {
    const { shell: s } = await start();
    expect(await handshake(s.port, { path: `/other?token=${s.token}`, origin: `http://127.0.0.1:${s.port}` })).toBe(404);
  });

  it("accepts the right token with our own origin, on 127.0.0.1 or localhost", async () => {
    const { shell: s } = await start();
    const path = `${WS_PATH}?token=${encodeURIComponent(s.token)}`;
    expect(await handshake(s.port, { path, origin: `http://127.0.0.1:${s.port}` })).toBe(101);
    expect(await handshake(s.port, { path, origin: `http://localhost:${s.port}`, host: `localhost:${s.port}` })).toBe(101);
  });

  it("refuses the ws client without credentials", async () => {
    const { shell: s } = await start();
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}${WS_PATH}`, { origin: `http://127.0.0.1:${s.port}` });
    const status = await new Promise<number>((resolve) => {
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("error", () => undefined);
    });
    expect(status).toBe(401);
  });
});

describe("startWebShell: calls and events", () => {
  it("round-trips a call through dispatch", async () => {
    const { shell: s } = await start();
    const c = await client(s);
    c.ws.send(JSON.stringify({ t: "call", id: 1, method: "app:info", input: {} }));
    expect(await c.next(resultOf(1))).toEqual({
      t: "result",
      id: 1,
      result: { ok: true, value: { version: "0.0.0-test", shell: "web", projectsDir: "/p", modelsDir: "/m", warnings: [] } },
    });
    c.ws.send(JSON.stringify({ t: "call", id: 2, method: "jobs:cancel", input: { all: true } }));
    expect(await c.next(resultOf(2))).toMatchObject({ result: { ok: true, value: { cancelled: 3 } } });
    c.ws.close();
  });

  it("returns typed errors: invalid input, unknown method, a handler's ServiceError", async () => {
    const { shell: s } = await start();
    const c = await client(s);
    c.ws.send(JSON.stringify({ t: "call", id: 1, method: "project:open", input: { path: "" } }));
    c.ws.send(JSON.stringify({ t: "call", id: 2, method: "fs:readFile", input: {} }));
    c.ws.send(JSON.stringify({ t: "call", id: 3, method: "project:list", input: {} }));
    expect(await c.next(resultOf(1))).toMatchObject({ result: { ok: false, error: { code: "invalid-input" } } });
    expect(await c.next(resultOf(2))).toMatchObject({ result: { ok: false, error: { code: "unknown-method" } } });
    expect(await c.next(resultOf(3))).toMatchObject({ result: { ok: false, error: { code: "nothing-to-do", message: "project:list is not faked" } } });
    c.ws.close();
  });

  it("pushes service events to every authenticated socket", async () => {
    const { shell: s, emit } = await start();
    const a = await client(s);
    const b = await client(s);
    emit("jobs:did-change", { jobs: [], cascades: [] });
    const isEvent = (m: ServerMessage) => m.t === "event" && m.event === "jobs:did-change";
    expect(await a.next(isEvent)).toEqual({ t: "event", event: "jobs:did-change", payload: { jobs: [], cascades: [] } });
    expect(await b.next(isEvent)).toMatchObject({ payload: { jobs: [], cascades: [] } });
    a.ws.close();
    b.ws.close();
  });

  it("survives malformed messages and keeps serving", async () => {
    const { shell: s } = await start();
    const c = await client(s);
    c.ws.send("not json");
    c.ws.send("[1,2,3]");
    c.ws.send("null");
    c.ws.send("{}");
    c.ws.send(Buffer.from([0xff, 0x00, 0x12]), { binary: true });
    c.ws.send(JSON.stringify({ t: "call", id: "seven", method: "app:info" }));
    c.ws.send(JSON.stringify({ t: "nope", id: 10 }));
    c.ws.send(JSON.stringify({ t: "call", id: 11 }));
    c.ws.send(JSON.stringify({ t: "call", id: 12, method: "app:info", input: "x" }));
    c.ws.send(JSON.stringify({ t: "call", id: 13, method: { toString: 1 }, input: {} }));
    c.ws.send(JSON.stringify({ t: "call", id: 14, method: "__proto__", input: {} }));
    c.ws.send(JSON.stringify({ t: "call", id: 15, method: "app:info", input: {} }));
    expect(await c.next(resultOf(10))).toMatchObject({ result: { ok: false, error: { code: "invalid-input" } } });
    expect(await c.next(resultOf(11))).toMatchObject({ result: { ok: false, error: { code: "unknown-method" } } });
    expect(await c.next(resultOf(12))).toMatchObject({ result: { ok: false, error: { code: "invalid-input" } } });
    expect(await c.next(resultOf(13))).toMatchObject({ result: { ok: false, error: { code: "unknown-method" } } });
    expect(await c.next(resultOf(14))).toMatchObject({ result: { ok: false, error: { code: "unknown-method" } } });
    expect(await c.next(resultOf(15))).toMatchObject({ result: { ok: true } });
    // Only id-carrying calls were answered.
    expect(c.messages.filter((m) => m.t === "result").map((m) => (m as { id: number }).id).sort((x, y) => x - y)).toEqual([10, 11, 12, 13, 14, 15]);
    c.ws.close();
  });

  it("closes an oversized message's socket without affecting the server", async () => {
    const { shell: s } = await start();
    const big = await client(s);
    const closed = new Promise<number>((resolve) => big.ws.on("close", (code) => resolve(code)));
    big.ws.on("error", () => undefined);
    big.ws.send("x".repeat(8 * 1024 * 1024 + 16));
    expect(await closed).toBe(1009);
    const c = await client(s);
    c.ws.send(JSON.stringify({ t: "call", id: 1, method: "app:info", input: {} }));
    expect(await c.next(resultOf(1))).toMatchObject({ result: { ok: true } });
    c.ws.close();
  });

  it("close() closes sockets and stops listening, and unsubscribes from the services", async () => {
    const { shell: s, listenerCount } = await start();
    const c = await client(s);
    expect(listenerCount()).toBe(1);
    const closed = new Promise<void>((resolve) => c.ws.on("close", () => resolve()));
    await s.close();
    await closed;
    expect(listenerCount()).toBe(0);
    await expect(get(s.port, "/")).rejects.toThrow();
    shell = null;
  });
});

describe("startWebShell: static files", () => {
  it("serves index.html at / and assets by path, with content types and security headers", async () => {
    const { shell: s } = await start();
    const index = await get(s.port, "/");
    expect(index.status).toBe(200);
    expect(index.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(index.body).toContain("<title>Cascade</title>");
    expect(index.headers["content-security-policy"]).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; ` +
        `connect-src 'self' ws://127.0.0.1:${s.port} ws://localhost:${s.port}; object-src 'none'; base-uri 'none'; ` +
        `frame-ancestors 'none'; form-action 'none'`,
    );
    expect(index.headers["x-content-type-options"]).toBe("nosniff");
    expect(index.headers["referrer-policy"]).toBe("no-referrer");
    expect(index.headers["cross-origin-opener-policy"]).toBe("same-origin");

    const js = await get(s.port, "/assets/app.js?v=1");
    expect(js.status).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.body).toBe("console.log('hi');");
    expect((await get(s.port, "/assets/app.css")).headers["content-type"]).toBe("text/css; charset=utf-8");

    const missing = await get(s.port, "/assets/nope.js");
    expect(missing.status).toBe(404);
    expect(missing.headers["content-security-policy"]).toBeDefined();
    expect((await get(s.port, "/assets")).status).toBe(404);
  });

  it.each([
    "/../package.json",
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/..%2fsecret.txt",
    "/..%2Fsecret.txt",
    "/%2e%2e%2fsecret.txt",
    "/assets/..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/%252e%252e/secret.txt",
    "/secret.txt%00.html",
    "/%",
    "//etc/passwd",
  ])("refuses traversal %s", async (raw) => {
    const { shell: s } = await start();
    const res = await get(s.port, raw);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("secret");
    expect(res.headers["content-security-policy"]).toBeDefined();
  });

  it("does not follow a symlink out of the static folder", async () => {
    symlinkSync(path.join(tmp, "secret.txt"), path.join(staticDir, "assets", "link.txt"));
    const { shell: s } = await start();
    expect((await get(s.port, "/assets/link.txt")).status).toBe(404);
  });

  it("refuses methods other than GET and HEAD", async () => {
    const { shell: s } = await start();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: s.port, path: "/", method: "POST" }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end("x");
    });
    expect(status).toBe(405);
  });
});
