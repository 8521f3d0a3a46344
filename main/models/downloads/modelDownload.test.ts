import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HAS_TEST_MODEL, NO_MODEL_REASON } from "../../engine/testModel";
import {
  downloadPaths,
  hashFromHeaders,
  ModelDownload,
  partialOwner,
  SpeedMeter,
  type DownloadProgress,
} from "./modelDownload";
import { TestServer, testModelBytes } from "./testServer";

const CHUNK = 5 * 1024 * 1024; // ipull's resume granularity
const BIG = 7 * 1024 * 1024; // two ipull chunks

let dir: string;
let server: TestServer | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-dl-"));
});
afterEach(async () => {
  await server?.close();
  server = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function download(url: string, extra: Partial<ConstructorParameters<typeof ModelDownload>[0]> = {}) {
  const progress: DownloadProgress[] = [];
  const d = new ModelDownload({ uri: url, dir, fileName: "model.gguf", onProgress: (p) => progress.push(p), ...extra });
  return { d, progress };
}

/** Resolves at the first progress report that satisfies `pred`. */
function progressWhere(pred: (p: DownloadProgress) => boolean) {
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  return { reached, onProgress: (p: DownloadProgress) => pred(p) && resolve() };
}

const filesIn = () => fs.readdirSync(dir).sort();
const finalBytes = () => fs.readFileSync(path.join(dir, "model.gguf"));

describe("pure helpers", () => {
  it("measures speed over a moving window and derives the time left", () => {
    let now = 0;
    const meter = new SpeedMeter(1000, () => now);
    meter.add(0);
    expect(meter.bytesPerSecond).toBeNull();
    now = 500;
    meter.add(500);
    expect(meter.bytesPerSecond).toBe(1000);
    expect(meter.etaSeconds(500, 2500)).toBe(2);
    now = 2500; // old samples leave the window: only the last second counts
    meter.add(4500);
    now = 3000;
    meter.add(5500);
    expect(meter.bytesPerSecond).toBe(2000);
    expect(meter.etaSeconds(5500, null)).toBeNull();
  });

  it("reads a SHA-256 from x-linked-etag or a 64-hex etag only", () => {
    const hex = "a".repeat(64);
    expect(hashFromHeaders(new Headers({ "x-linked-etag": `"${hex}"`, etag: '"abc"' }))).toBe(hex);
    expect(hashFromHeaders(new Headers({ etag: `W/"${hex.toUpperCase()}"` }))).toBe(hex);
    expect(hashFromHeaders(new Headers({ etag: '"0123-abc"' }))).toBeNull();
  });

  it("knows which partial files belong to which model", () => {
    const p = downloadPaths(dir, "m.gguf");
    expect(partialOwner(path.basename(p.partial))).toBe("m.gguf");
    expect(partialOwner(path.basename(p.inProgress))).toBe("m.gguf");
    expect(partialOwner("m.gguf")).toBeNull();
  });
});

describe.skipIf(!HAS_TEST_MODEL)("ModelDownload against a loopback server", () => {
  if (!HAS_TEST_MODEL) it.skip(NO_MODEL_REASON, () => {});

  it("reports progress, verifies the published hash and leaves only the identical file", async () => {
    const data = testModelBytes();
    server = await TestServer.start(data, { chunkBytes: 32 * 1024, delayMs: 20 });
    const { d, progress } = download(server.url());
    const outcome = await d.run();
    expect(outcome).toMatchObject({ kind: "done", checksum: "matched", sha256: server.sha256, sizeBytes: data.length });
    expect(Buffer.compare(finalBytes(), data)).toBe(0);
    expect(filesIn()).toEqual(["model.gguf"]);
    expect(progress.length).toBeGreaterThan(3);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.downloadedBytes).toBeGreaterThanOrEqual(progress[i - 1]!.downloadedBytes);
    expect(progress.every((p) => p.totalBytes === data.length)).toBe(true);
    expect(progress.at(-1)!.downloadedBytes).toBe(data.length);
    const mid = progress.filter((p) => p.downloadedBytes < data.length);
    expect(mid.some((p) => p.bytesPerSecond != null && p.bytesPerSecond > 0 && p.etaSeconds != null)).toBe(true);
  });

  it("says the checksum is unknown when neither the catalog nor the server gives one", async () => {
    server = await TestServer.start(testModelBytes(), { etag: "not-a-hash" });
    expect(await download(server.url()).d.run()).toMatchObject({ kind: "done", checksum: "unknown" });
  });

  it("rejects a checksum mismatch and removes the file", async () => {
    server = await TestServer.start(testModelBytes());
    const outcome = await download(server.url(), { sha256: "0".repeat(64) }).d.run();
    expect(outcome.kind).toBe("failed");
    expect(outcome.kind === "failed" && outcome.error).toBe(
      "The download of model.gguf is damaged (checksum mismatch): it was deleted. Download it again.",
    );
    expect(filesIn()).toEqual([]);
  });

  it("rejects a server-published hash that does not match", async () => {
    server = await TestServer.start(testModelBytes(), { etag: "b".repeat(64) });
    expect(await download(server.url()).d.run()).toMatchObject({ kind: "failed", error: expect.stringContaining("checksum mismatch") });
    expect(filesIn()).toEqual([]);
  });

  it("rejects a file that is not a complete GGUF model even without a hash", async () => {
    server = await TestServer.start(testModelBytes().subarray(0, 600_000), { etag: null });
    expect(await download(server.url()).d.run()).toMatchObject({ kind: "failed", error: expect.stringContaining("damaged") });
    expect(filesIn()).toEqual([]);
  });

  it("fails with a plain sentence on a 404", async () => {
    server = await TestServer.start(testModelBytes(), { status: 404 });
    const outcome = await download(server.url()).d.run();
    expect(outcome).toMatchObject({ kind: "failed", error: expect.stringMatching(/^The download of model\.gguf failed: .*404/) });
    expect(filesIn().filter((f) => f.endsWith(".gguf"))).toEqual([]);
  });

  it("retries a dropped connection from the last saved chunk with a Range request (ipull)", async () => {
    const data = testModelBytes(BIG);
    server = await TestServer.start(data);
    server.dropOnceAt(6 * 1024 * 1024);
    const outcome = await download(server.url()).d.run();
    expect(outcome.kind).toBe("done");
    const chunk1 = server.rangeRequests().filter(([start]) => start === CHUNK);
    expect(chunk1.length).toBe(2); // the dropped one and its retry
    expect(Buffer.compare(finalBytes(), data)).toBe(0);
  });

  it("fails a stalled transfer keeping the partial, and a new run resumes it with a Range request", async () => {
    const data = testModelBytes(BIG);
    server = await TestServer.start(data);
    server.stallOnceAt(6 * 1024 * 1024);
    const first = await download(server.url(), { stallTimeoutMs: 400 }).d.run();
    expect(first).toMatchObject({ kind: "failed", error: expect.stringContaining("stalled") });
    expect(filesIn()).toEqual(["model.gguf.partial.ipull"]); // nothing under a loadable .gguf name
    server.release();

    const before = server.requests.length;
    const second = await download(server.url()).d.run();
    expect(second.kind).toBe("done");
    expect(server.rangeRequests(before)).toEqual([[CHUNK, BIG - 1]]); // only the missing chunk
    expect(Buffer.compare(finalBytes(), data)).toBe(0);
    expect(filesIn()).toEqual(["model.gguf"]);
  });

  it("fails when the server goes away mid-transfer (ipull would retry for minutes) and resumes when it is back", async () => {
    const data = testModelBytes(BIG);
    server = await TestServer.start(data, { delayMs: 10 });
    const saved = () => (fs.statSync(downloadPaths(dir, "model.gguf").inProgress, { throwIfNoEntry: false })?.size ?? 0) > BIG;
    const gate = progressWhere(saved);
    const { d } = download(server.url(), { onProgress: gate.onProgress, stallTimeoutMs: 300 });
    const running = d.run();
    await gate.reached;
    await server.goAway();
    expect(await running).toMatchObject({ kind: "failed", error: expect.stringContaining("stalled") });
    expect(filesIn()).toEqual(["model.gguf.partial.ipull"]);

    await server.comeBack();
    const before = server.requests.length;
    expect(await d.run()).toMatchObject({ kind: "done" });
    // The saved chunk (the short last one, done first) is not fetched again. The closed ipull engine
    // may also send its own retry once the server is back: it writes nothing.
    const ranges = server.rangeRequests(before);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every(([start]) => start < CHUNK)).toBe(true);
    expect(Buffer.compare(finalBytes(), data)).toBe(0);
  });

  it("pauses keeping the partial under a non-model name and resumes without refetching saved chunks", async () => {
    const data = testModelBytes(BIG);
    server = await TestServer.start(data, { delayMs: 10 });
    // Both chunks stream in parallel; the short second one completes and is saved first. ipull then
    // reads 100% and, when closed, renames the partial to model.gguf.partial: it must be put back.
    const saved = () => (fs.statSync(downloadPaths(dir, "model.gguf").inProgress, { throwIfNoEntry: false })?.size ?? 0) > BIG;
    const gate = progressWhere((p) => p.downloadedBytes >= 6.5 * 1024 * 1024 && saved());
    const { d } = download(server.url(), { onProgress: gate.onProgress });
    const running = d.run();
    await gate.reached;
    await d.pause();
    expect(await running).toEqual({ kind: "paused" });
    expect(filesIn()).toEqual(["model.gguf.partial.ipull"]);

    const before = server.requests.length;
    expect(await d.run()).toMatchObject({ kind: "done" });
    const ranges = server.rangeRequests(before);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every(([start]) => start < CHUNK)).toBe(true);
    expect(Buffer.compare(finalBytes(), data)).toBe(0);
  });

  it("cancels mid-transfer leaving no file and no partial", async () => {
    server = await TestServer.start(testModelBytes(BIG), { delayMs: 10 });
    const gate = progressWhere((p) => p.downloadedBytes > 1024 * 1024);
    const { d } = download(server.url(), { onProgress: gate.onProgress });
    const running = d.run();
    await gate.reached;
    await d.cancel();
    expect(await running).toEqual({ kind: "cancelled" });
    expect(filesIn()).toEqual([]);
  });
});
