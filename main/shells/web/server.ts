/**
 * The web shell: the same Services behind a loopback-only HTTP server that serves the built renderer
 * and carries the contract over a WebSocket (see shared/ipc/wire.ts).
 *
 * Must hold: it listens on 127.0.0.1 only; every WebSocket needs the per-launch token (compared in
 * constant time), our own Origin and our own Host (DNS rebinding); static files never leave staticDir;
 * nothing a client sends can crash the process. This is the seed of a later writers'-room mode, so the
 * authentication is real, not a placeholder.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { EventName, Result } from "../../../shared/ipc/contract";
import { WS_PATH, type ServerMessage } from "../../../shared/ipc/wire";
import { dispatch } from "../../services/dispatch";
import type { Services } from "../../services/services";

export interface WebShellOptions {
  services: Services;
  /** 0 picks a free port. */
  port?: number;
  /** Loopback only: "127.0.0.1" (default) or "localhost". Anything else is refused. */
  host?: string;
  /** The built renderer (vite's outDir). Relative paths resolve against the working directory. */
  staticDir?: string;
  /** The access token; a fresh random one per launch when omitted. */
  token?: string;
}

export interface WebShell {
  /** The launch URL, token in the fragment: `http://127.0.0.1:PORT/#token=TOKEN`. */
  url: string;
  port: number;
  token: string;
  /** Closes every socket and the server. Does not dispose the services (their owner does). */
  close(): Promise<void>;
}

/** Largest message a client may send. */
export const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;
/** Above this many queued bytes, a socket is sent no more streaming snapshots until it drains. */
const STREAM_BACKPRESSURE_BYTES = 16 * 1024 * 1024;
const BIND_ADDRESS = "127.0.0.1";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".wasm": "application/wasm",
};

/** The renderer's Content-Security-Policy when served from 127.0.0.1:port. */
export function webContentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join("; ");
}

function securityHeaders(port: number): OutgoingHttpHeaders {
  return {
    "Content-Security-Policy": webContentSecurityPolicy(port),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  };
}

/** A fresh per-launch access token: 32 random bytes, base64url. */
export function createAccessToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Constant-time token comparison; hashing first hides the expected length too. */
function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** Starts the web shell. Resolves once it listens; rejects on a non-loopback host or a busy port. */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const { services } = options;
  const host = options.host ?? BIND_ADDRESS;
  if (host !== "127.0.0.1" && host !== "localhost") {
    throw new Error(`The web shell only listens on loopback (127.0.0.1); refusing host "${host}".`);
  }
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
    throw new Error(`Invalid port: ${String(requestedPort)}`);
  }
  if (options.token !== undefined && (typeof options.token !== "string" || options.token.length === 0 || options.token.length > 1024)) {
    throw new Error("The access token must be a non-empty string.");
  }
  const token = options.token ?? createAccessToken();
  const staticRoot = path.resolve(options.staticDir ?? "dist/renderer");

  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES, perMessageDeflate: false });

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      console.error("Cascade web shell: request failed:", err);
      if (!res.headersSent) sendText(res, 500, "Internal error");
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? "")) return sendText(res, 403, "Forbidden host");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return sendText(res, 405, "Method not allowed");
    }
    const file = await resolveStaticFile(staticRoot, req.url ?? "/");
    if (!file) {
      const isIndex = (req.url ?? "/").split("?")[0] === "/";
      return sendText(res, 404, isIndex ? "The renderer is not built. Run `npm run build:renderer`, then reload." : "Not found");
    }
    const type = CONTENT_TYPES[path.extname(file.path).toLowerCase()] ?? "application/octet-stream";
    res.writeHead(200, {
      ...securityHeaders(port),
      "Content-Type": type,
      "Content-Length": file.size,
      // index.html names the hashed assets; always revalidate it so a rebuild is picked up.
      "Cache-Control": path.basename(file.path) === "index.html" ? "no-cache" : "public, max-age=0",
    });
    if (req.method === "HEAD") return void res.end();
    const stream = createReadStream(file.path);
    stream.on("error", () => res.destroy());
    stream.pipe(res);
  }

  function sendText(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { ...securityHeaders(port), "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  }

  server.on("clientError", (_err, socket: Duplex) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const refuse = (status: number, reason: string): void => {
      const body = `${reason}\n`;
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://127.0.0.1");
    } catch {
      return refuse(400, "Bad Request");
    }
    if (url.pathname !== WS_PATH) return refuse(404, "Not Found");
    // DNS rebinding: a foreign name resolving to 127.0.0.1 still carries its own Host.
    if (!allowedHosts().includes(req.headers.host ?? "")) return refuse(403, "Forbidden");
    if (!tokenMatches(url.searchParams.get("token"), token)) return refuse(401, "Unauthorized");
    // Browsers always send Origin on WebSocket handshakes; another site's page has another one.
    if (!allowedOrigins().includes(req.headers.origin ?? "")) return refuse(403, "Forbidden");
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function onConnection(ws: WebSocket): void {
    sockets.add(ws);
    ws.on("close", () => sockets.delete(ws));
    // Oversized or invalid frames surface here; ws closes the socket itself. Never let it throw.
    ws.on("error", () => sockets.delete(ws));
    ws.on("message", (data: RawData, isBinary: boolean) => {
      void onMessage(ws, data, isBinary);
    });
  }

  async function onMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const msg = isBinary ? undefined : parseJson(rawToString(data));
    const id = isRecord(msg) && typeof msg.id === "number" && Number.isFinite(msg.id) ? msg.id : null;
    if (id === null) return; // Nothing to answer to.
    let result: Result<unknown>;
    if (!isRecord(msg) || msg.t !== "call") {
      result = { ok: false, error: { code: "invalid-input", message: 'Malformed message: expected {t:"call", id, method, input}.' } };
    } else if (typeof msg.method !== "string") {
      // Checked here too: validateCall's message stringifies the method, which a hostile object can make throw.
      result = { ok: false, error: { code: "unknown-method", message: "Unknown method: the method name must be a string." } };
    } else {
      try {
        result = await dispatch(services, msg.method, msg.input);
      } catch (err) {
        result = { ok: false, error: { code: "internal", message: err instanceof Error ? err.message : String(err) } };
      }
    }
    send(ws, { t: "result", id, result });
  }

  function send(ws: WebSocket, message: ServerMessage): void {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (err) {
      if (message.t !== "result") return;
      const error = { code: "internal" as const, message: `Could not serialize the result: ${err instanceof Error ? err.message : String(err)}` };
      text = JSON.stringify({ t: "result", id: message.id, result: { ok: false, error } });
    }
    ws.send(text);
  }

  const unsubscribe = services.subscribe((event: EventName, payload: unknown) => {
    if (sockets.size === 0) return;
    let text: string;
    try {
      text = JSON.stringify({ t: "event", event, payload } satisfies ServerMessage);
    } catch (err) {
      console.error(`Cascade web shell: could not serialize event ${event}:`, err);
      return;
    }
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN) continue;
      // Each stream event is a full snapshot of the job so far; a slow client may skip some.
      if (event === "job:did-stream" && ws.bufferedAmount > STREAM_BACKPRESSURE_BYTES) continue;
      ws.send(text);
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(requestedPort, BIND_ADDRESS, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    unsubscribe();
    wss.close();
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  server.on("error", (err) => console.error("Cascade web shell: server error:", err));

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      unsubscribe();
      for (const ws of sockets) ws.close(1001, "Cascade is shutting down");
      // Give sockets a moment to say goodbye, then cut whatever is left.
      const cut = setTimeout(() => {
        for (const ws of sockets) ws.terminate();
        server.closeAllConnections();
      }, 500);
      wss.close();
      server.close(() => {
        clearTimeout(cut);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };

  return { url: `http://127.0.0.1:${port}/#token=${encodeURIComponent(token)}`, port, token, close };
}

/** Maps a request URL to a regular file inside root, or null (missing, outside root, not a file). */
export async function resolveStaticFile(root: string, requestUrl: string): Promise<{ path: string; size: number } | null> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, "http://127.0.0.1").pathname);
  } catch {
    return null;
  }
  if (pathname.includes("\0")) return null;
  if (pathname.endsWith("/")) pathname += "index.html";
  const candidate = path.resolve(root, `.${path.sep}${pathname}`);
  if (!isInside(root, candidate)) return null;
  try {
    // Follow symlinks, then check again: a link must not lead out of root either.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return null;
    const info = await stat(realFile);
    return info.isFile() ? { path: realFile, size: info.size } : null;
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  return data.toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// `npm run dev:web` runs this file directly: hand over to the web shell's CLI entry. No top-level
// await: main.ts imports this module, and awaiting it here would deadlock the import cycle.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void import("./main").then(({ runWebShell }) => runWebShell(process.argv.slice(2)));
}
