import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DownloadView } from "../../../shared/models/types";
import { HAS_TEST_MODEL, NO_MODEL_REASON } from "../../engine/testModel";
import { downloadId, DownloadManager, isValidModelFileName, STATE_FILE } from "./downloadManager";
import { TestServer, testModelBytes } from "./testServer";

const BIG = 7 * 1024 * 1024;

let dir: string;
let server: TestServer | null = null;
const managers: DownloadManager[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-dm-"));
});
afterEach(async () => {
  for (const m of managers.splice(0)) await m.dispose();
  await server?.close();
  server = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A manager recording its views, with a way to wait for one. */
function manager(extra: { progressIntervalMs?: number; stallTimeoutMs?: number } = {}) {
  const views: DownloadView[] = [];
  const waiters: { pred: (v: DownloadView) => boolean; resolve: (v: DownloadView) => void }[] = [];
  const m = new DownloadManager({
    dir,
    ...extra,
    onChange: (v) => {
      views.push(v);
      for (const w of waiters.splice(0)) {
        if (w.pred(v)) w.resolve(v);
        else waiters.push(w);
      }
    },
  });
  managers.push(m);
  const until = (pred: (v: DownloadView) => boolean) =>
    new Promise<DownloadView>((resolve) => waiters.push({ pred, resolve }));
  return { m, views, until };
}

const filesIn = () => fs.readdirSync(dir).sort();
const savedNow = () => JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8")) as { downloads: { id: string; state: string }[] };

describe("ids and names", () => {
  it("derives stable ids in [a-z0-9_-]{1,64}, distinct for names differing only in case", () => {
    const long = `${"Very Long Model Name ".repeat(10)}Q4_K_M.gguf`;
    for (const name of ["Mistral-Nemo-Instruct-2407-Q4_K_M.gguf", long, "ü.gguf"]) expect(downloadId(name)).toMatch(/^[a-z0-9_-]{1,64}$/);
    expect(downloadId("A.gguf")).not.toBe(downloadId("a.gguf"));
    expect(downloadId("A.gguf")).toBe(downloadId("A.gguf"));
  });

  it("accepts only plain .gguf file names", () => {
    expect(isValidModelFileName("model.gguf")).toBe(true);
    for (const bad of ["../model.gguf", "sub/model.gguf", ".hidden.gguf", "model.bin", "model.gguf.partial"])
      expect(isValidModelFileName(bad)).toBe(false);
    expect(() => new DownloadManager({ dir, onChange: () => {} }).start({ uri: "http://x/m.gguf", fileName: "../m.gguf" })).toThrow();
  });
});

describe.skipIf(!HAS_TEST_MODEL)("DownloadManager against a loopback server", () => {
  if (!HAS_TEST_MODEL) it.skip(NO_MODEL_REASON, () => {});

  it("downloads to the folder, reporting state changes and throttled progress", async () => {
    const data = testModelBytes();
    server = await TestServer.start(data, { chunkBytes: 16 * 1024, delayMs: 5 });
    const { m, views, until } = manager({ progressIntervalMs: 60_000 });
    const first = m.start({ uri: server.url(), fileName: "m.gguf", catalogId: "tiny" });
    expect(first).toMatchObject({ id: downloadId("m.gguf"), state: "downloading", catalogId: "tiny", path: null });
    expect(m.start({ uri: server.url(), fileName: "m.gguf" }).id).toBe(first.id); // the same download, not a second one
    const done = await until((v) => v.state === "done" || v.state === "failed");
    expect(done).toMatchObject({ state: "done", path: path.join(dir, "m.gguf"), downloadedBytes: data.length, totalBytes: data.length, error: null });
    expect(Buffer.compare(fs.readFileSync(path.join(dir, "m.gguf")), data)).toBe(0);
    expect(server.requests.filter((r) => r.method === "GET" && r.range == null).length).toBe(1); // one download only
    // About 70 ipull progress events; with a long interval none gets through, only state changes.
    expect(views.map((v) => v.state)).toEqual(["downloading", "verifying", "done"]);
    expect(m.list()).toEqual([done]);
    await m.flush();
    expect(savedNow().downloads).toEqual([]);

    // A file already in the folder is done at once, without a request.
    const before = server.requests.length;
    const again = manager().m.start({ uri: server.url(), fileName: "m.gguf" });
    expect(again).toMatchObject({ state: "done", path: path.join(dir, "m.gguf"), downloadedBytes: data.length });
    expect(server.requests.length).toBe(before);
  });

  it("reports progress with speed and time left while downloading", async () => {
    server = await TestServer.start(testModelBytes(), { chunkBytes: 16 * 1024, delayMs: 10 });
    const { m, views, until } = manager({ progressIntervalMs: 50 });
    m.start({ uri: server.url(), fileName: "m.gguf" });
    await until((v) => v.state === "done");
    const progress = views.filter((v) => v.state === "downloading" && v.downloadedBytes > 0);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.some((v) => v.bytesPerSecond != null && v.etaSeconds != null && v.totalBytes === testModelBytes().length)).toBe(true);
  });

  it("pauses and resumes to an identical file", async () => {
    const data = testModelBytes(BIG);
    server = await TestServer.start(data, { delayMs: 10 });
    const { m, views, until } = manager({ progressIntervalMs: 0 });
    const { id } = m.start({ uri: server.url(), fileName: "m.gguf" });
    await until((v) => v.downloadedBytes > 1024 * 1024);
    expect(m.pause(id)).toMatchObject({ state: "paused", bytesPerSecond: null });
    expect(m.resume(id).state).toBe("downloading");
    const done = await until((v) => v.state === "done" || v.state === "failed");
    expect(done.state).toBe("done");
    expect(views.map((v) => v.state).filter((s, i, a) => s !== a[i - 1])).toEqual(["downloading", "paused", "downloading", "verifying", "done"]);
    expect(Buffer.compare(fs.readFileSync(path.join(dir, "m.gguf")), data)).toBe(0);
  });

  it("cancels mid-transfer or while paused: state cancelled, no file and no partial left", async () => {
    server = await TestServer.start(testModelBytes(BIG), { delayMs: 10 });
    const { m, until } = manager({ progressIntervalMs: 0 });
    const { id } = m.start({ uri: server.url(), fileName: "m.gguf" });
    await until((v) => v.downloadedBytes > 1024 * 1024);
    expect(await m.cancel(id)).toMatchObject({ state: "cancelled", downloadedBytes: 0 });
    await m.flush();
    expect(filesIn()).toEqual([STATE_FILE]);
    expect(savedNow().downloads).toEqual([]);

    expect(m.start({ uri: server.url(), fileName: "m.gguf" })).toMatchObject({ id, state: "downloading" });
    const partial = path.join(dir, "m.gguf.partial.ipull");
    await until(() => (fs.statSync(partial, { throwIfNoEntry: false })?.size ?? 0) > BIG); // a chunk is saved
    m.pause(id);
    await until((v) => v.state === "paused");
    expect(await m.cancel(id)).toMatchObject({ state: "cancelled" });
    await m.flush();
    expect(filesIn()).toEqual([STATE_FILE]);
  });

  it("fails on a damaged download with the file removed, on a 404 and on a dead server, each with a sentence", async () => {
    server = await TestServer.start(testModelBytes());
    const missing = await TestServer.start(testModelBytes(), { status: 404 });
    // The stall watchdog is short only for the dead server: a slow machine must not turn the
    // mismatch or the 404 into a stall.
    const { m, until } = manager();
    const quick = manager({ stallTimeoutMs: 500 });
    try {
      m.start({ uri: server.url(), fileName: "bad.gguf", sha256: "1".repeat(64) });
      const bad = await until((v) => v.state === "failed");
      expect(bad.error).toBe("The download of bad.gguf is damaged (checksum mismatch): it was deleted. Download it again.");
      await m.flush();
      expect(filesIn()).toEqual([STATE_FILE]);

      m.start({ uri: missing.url(), fileName: "gone.gguf" });
      const gone = await until((v) => v.fileName === "gone.gguf" && v.state === "failed");
      expect(gone.error).toBe("The download of gone.gguf failed: the server has no such file (404). Check the model's address or pick another model.");

      // Nothing listens on port 1: ipull would retry for minutes, the stall watchdog gives up first.
      await m.flush();
      expect(savedNow().downloads.map((d) => [d.id.startsWith("bad") || d.id.startsWith("gone"), d.state])).toEqual([
        [true, "failed"],
        [true, "failed"],
      ]);
      quick.m.start({ uri: "http://127.0.0.1:1/dead.gguf", fileName: "dead.gguf" });
      const dead = await quick.until((v) => v.fileName === "dead.gguf" && v.state === "failed");
      expect(dead.error).toMatch(/^The download of dead\.gguf stalled: .*Check your internet connection, then resume the download\.$/);
      await quick.m.flush();
      // (This second manager keeps its own list in the same state file.)
      expect(savedNow().downloads.map((d) => d.state)).toEqual(["failed"]);
      expect(filesIn().filter((f) => f.endsWith(".gguf"))).toEqual([]);
    } finally {
      await missing.close();
    }
  });

  it("keeps a failed transfer's partial so resume completes it", async () => {
    const data = testModelBytes(BIG);
    server = await TestServer.start(data);
    server.stallOnceAt(6 * 1024 * 1024);
    // Long enough that a busy machine's pauses before the stall point do not count as one.
    const { m, until } = manager({ stallTimeoutMs: 2_000 });
    const { id } = m.start({ uri: server.url(), fileName: "m.gguf" });
    expect((await until((v) => v.state === "failed")).error).toContain("stalled");
    await m.flush();
    expect(filesIn()).toEqual(["m.gguf.partial.ipull", STATE_FILE].sort());
    server.release();
    const before = server.requests.length;
    m.resume(id);
    expect((await until((v) => v.state === "done" || v.state === "failed")).state).toBe("done");
    expect(server.rangeRequests(before)).toEqual([[5 * 1024 * 1024, BIG - 1]]);
    expect(Buffer.compare(fs.readFileSync(path.join(dir, "m.gguf")), data)).toBe(0);
  });

  it("after a quit, restore() brings the download back paused and keeps partials that are not Cascade's", async () => {
    const data = testModelBytes(BIG);
    server = await TestServer.start(data, { delayMs: 10 });
    const first = manager({ progressIntervalMs: 0 });
    const { id } = first.m.start({ uri: server.url(), fileName: "m.gguf", catalogId: "tiny" });
    const partial = path.join(dir, "m.gguf.partial.ipull");
    await first.until(() => (fs.statSync(partial, { throwIfNoEntry: false })?.size ?? 0) > BIG); // a chunk is saved
    await first.m.dispose(); // the app quits
    expect(savedNow().downloads).toMatchObject([{ id, state: "paused" }]);
    const foreign = ["other.gguf.partial.ipull", "old.gguf.partial"]; // another tool's, in the user's folder
    for (const name of foreign) fs.writeFileSync(path.join(dir, name), "not Cascade's");

    const second = manager({ progressIntervalMs: 0 });
    await second.m.restore();
    expect(second.m.list()).toMatchObject([{ id, state: "paused", catalogId: "tiny", fileName: "m.gguf" }]);
    expect(filesIn()).toEqual([STATE_FILE, "m.gguf.partial.ipull", ...foreign].sort());

    const before = server.requests.length;
    second.m.resume(id);
    expect((await second.until((v) => v.state === "done" || v.state === "failed")).state).toBe("done");
    const refetched = server.rangeRequests(before).reduce((n, [a, b]) => n + b - a + 1, 0);
    expect(refetched).toBeGreaterThan(0);
    expect(refetched).toBeLessThan(BIG); // resumed, not downloaded again
    expect(Buffer.compare(fs.readFileSync(path.join(dir, "m.gguf")), data)).toBe(0);
    expect(filesIn()).toEqual([STATE_FILE, "m.gguf", ...foreign].sort());
  });

  it("starting a failed download again (the catalog's Try again) resumes from its partial", async () => {
    const data = testModelBytes(BIG);
    server = await TestServer.start(data, { delayMs: 10 });
    const { m, until } = manager({ progressIntervalMs: 0 });
    const request = { uri: server.url(), fileName: "m.gguf", catalogId: "tiny" };
    const { id } = m.start(request);
    const partial = path.join(dir, "m.gguf.partial.ipull");
    await until(() => (fs.statSync(partial, { throwIfNoEntry: false })?.size ?? 0) > BIG); // a chunk is saved
    m.pause(id);
    await until((v) => v.state === "paused");
    server.options.status = 404; // the next attempt fails at once
    m.resume(id);
    expect(await until((v) => v.state === "failed")).toMatchObject({ id, error: expect.stringContaining("404") });
    expect(filesIn()).toEqual([STATE_FILE, "m.gguf.partial.ipull"].sort());

    delete server.options.status;
    const before = server.requests.length;
    expect(m.start(request)).toMatchObject({ id, state: "downloading", error: null });
    expect((await until((v) => v.state === "done" || v.state === "failed")).state).toBe("done");
    const refetched = server.rangeRequests(before).reduce((n, [a, b]) => n + b - a + 1, 0);
    expect(refetched).toBeGreaterThan(0);
    expect(refetched).toBeLessThan(BIG); // resumed, not downloaded again
    expect(Buffer.compare(fs.readFileSync(path.join(dir, "m.gguf")), data)).toBe(0);
  });
});
