/**
 * Test-only: a loopback HTTP server that serves one file the way a model host does (Content-Length,
 * ETag, Accept-Ranges, 206 answers to Range requests), optionally slowly, and that can drop or stall
 * one transfer at a given byte. Never imported by app code.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { TEST_MODEL_PATH } from "../../engine/testModel";

export interface ServedRequest {
  method: string;
  /** [start, end] of a Range request, inclusive; null for a whole-file request. */
  range: [number, number] | null;
}

export interface TestServerOptions {
  /** Bytes written per step (default 64 KiB). */
  chunkBytes?: number;
  /** Pause between steps in ms; 0 = as fast as the socket takes it. */
  delayMs?: number;
  /** ETag header value (quotes added); defaults to the file's SHA-256; null sends none. */
  etag?: string | null;
  /** Answer every request with this status and no body. */
  status?: number;
}

export class TestServer {
  readonly requests: ServedRequest[] = [];
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private dropAt: number | null = null;
  private stallAt: number | null = null;
  private stallRelease: (() => void) | null = null;
  private stalled: Promise<void> | null = null;
  private port = 0;

  constructor(
    readonly data: Buffer,
    readonly options: TestServerOptions = {},
  ) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
  }

  static async start(data: Buffer, options?: TestServerOptions): Promise<TestServer> {
    const server = new TestServer(data, options);
    await new Promise<void>((resolve) => server.server.listen(0, "127.0.0.1", resolve));
    return server;
  }

  /** A URL for the served file under `name`. */
  url(name = "model.gguf"): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${name}`;
  }

  get sha256(): string {
    return createHash("sha256").update(this.data).digest("hex");
  }

  /** The next Range response that reaches byte `at` has its connection destroyed there (once). */
  dropOnceAt(at: number): void {
    this.dropAt = at;
  }

  /** The next Range response that reaches byte `at` stops sending, keeping the connection open, until release(). */
  stallOnceAt(at: number): void {
    this.stallAt = at;
    this.stalled = new Promise((resolve) => (this.stallRelease = resolve));
  }

  release(): void {
    this.stallRelease?.();
  }

  /** Requests with a Range header, from index `from` of the log. */
  rangeRequests(from = 0): [number, number][] {
    return this.requests.slice(from).flatMap((r) => (r.range ? [r.range] : []));
  }

  /** Stops listening and cuts every connection, as a server going offline does. */
  async goAway(): Promise<void> {
    this.port = (this.server.address() as AddressInfo).port;
    await this.close();
  }

  /** Listens again on the same port after goAway(). */
  async comeBack(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, "127.0.0.1", resolve));
  }

  async close(): Promise<void> {
    this.release();
    for (const s of this.sockets) s.destroy();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const size = this.data.length;
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    const range: [number, number] | null = m ? [Number(m[1]), m[2] ? Math.min(Number(m[2]), size - 1) : size - 1] : null;
    this.requests.push({ method: req.method ?? "GET", range });
    if (this.options.status != null) {
      res.writeHead(this.options.status, { "Content-Length": 0 }).end();
      return;
    }
    const etag = this.options.etag === undefined ? this.sha256 : this.options.etag;
    const headers: http.OutgoingHttpHeaders = { "Accept-Ranges": "bytes", "Content-Type": "application/octet-stream" };
    if (etag != null) headers.ETag = `"${etag}"`;
    const [start, end] = range ?? [0, size - 1];
    if (range) headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
    headers["Content-Length"] = end - start + 1;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === "HEAD") return void res.end();

    let closed = false;
    res.on("close", () => (closed = true));
    const step = this.options.chunkBytes ?? 64 * 1024;
    for (let pos = start; pos <= end && !closed; ) {
      const next = Math.min(pos + step, end + 1);
      // Only Range requests: ipull's first, whole-file GET only reads the headers.
      if (range && this.dropAt != null && next > this.dropAt && pos <= this.dropAt) {
        const cut = this.dropAt;
        this.dropAt = null;
        res.write(this.data.subarray(pos, cut));
        await new Promise((r) => setTimeout(r, 20));
        req.socket.destroy();
        return;
      }
      if (range && this.stallAt != null && next > this.stallAt && pos <= this.stallAt) {
        this.stallAt = null;
        await Promise.race([this.stalled, drainOrClose(res, "close")]);
        if (closed) return;
      }
      if (!res.write(this.data.subarray(pos, next))) await drainOrClose(res);
      pos = next;
      const delay = this.options.delayMs ?? 0;
      await new Promise((r) => (delay > 0 ? setTimeout(r, delay) : setImmediate(r)));
    }
    if (!closed) res.end();
  }
}

function drainOrClose(res: http.ServerResponse, ...events: string[]): Promise<void> {
  const names = events.length > 0 ? events : ["drain", "close"];
  return new Promise((resolve) => {
    const done = () => {
      for (const n of names) res.off(n, done);
      resolve();
    };
    for (const n of names) res.once(n, done);
  });
}

/** The test model (1.2 MB), or that model padded with zeros to `size` bytes (still a valid GGUF file). */
export function testModelBytes(size?: number): Buffer {
  const model = fs.readFileSync(TEST_MODEL_PATH);
  if (size == null || size <= model.length) return model;
  return Buffer.concat([model, Buffer.alloc(size - model.length)]);
}
