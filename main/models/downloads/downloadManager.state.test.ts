/**
 * The download manager's own logic — which partial files it may delete, and how a transfer that
 * completes during a pause/resume ends — with a fake transfer the test drives step by step: no
 * network, no timers.
 */
import * as fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DownloadView } from "../../../shared/models/types";
import { downloadId, DownloadManager, STATE_FILE, type DownloadRequest } from "./downloadManager";
import type * as ModelDownloadModule from "./modelDownload";
import type { DownloadOutcome, ModelDownloadOptions } from "./modelDownload";

/** Stands in for ModelDownload: run() creates the partial and waits for the test to end it. */
const FakeDownload = vi.hoisted(
  () =>
    class FakeDownload {
      static made: FakeDownload[] = [];
      runs = 0;
      /** Models a pause or cancel that came too late to stop the transfer (during its rename). */
      ignoreStops = false;
      readonly started: Promise<void>;
      private markStarted!: () => void;
      private settle: ((o: DownloadOutcome) => void) | null = null;

      constructor(readonly opts: ModelDownloadOptions) {
        this.started = new Promise((r) => (this.markStarted = r));
        FakeDownload.made.push(this);
      }

      get partial() {
        return path.join(this.opts.dir, `${this.opts.fileName}.partial.ipull`);
      }

      run(): Promise<DownloadOutcome> {
        this.runs++;
        fs.writeFileSync(this.partial, "partial");
        this.opts.onPhase?.("downloading");
        this.markStarted();
        return new Promise((r) => (this.settle = r));
      }

      verifying(): void {
        this.opts.onPhase?.("verifying");
      }

      /** Ends "done"; with `rename` false the final file is not actually there. */
      complete(rename = true): void {
        const final = path.join(this.opts.dir, this.opts.fileName);
        if (rename) fs.renameSync(this.partial, final);
        this.settle?.({ kind: "done", path: final, sizeBytes: 7, sha256: "0".repeat(64), checksum: "matched" });
      }

      async pause(): Promise<void> {
        if (!this.ignoreStops) this.settle?.({ kind: "paused" });
      }

      async cancel(): Promise<void> {
        if (this.ignoreStops) return;
        fs.rmSync(this.partial, { force: true });
        this.settle?.({ kind: "cancelled" });
      }
    },
);

vi.mock("./modelDownload", async (importOriginal) => ({
  ...(await importOriginal<typeof ModelDownloadModule>()),
  ModelDownload: FakeDownload,
}));

let dir: string;
const managers: DownloadManager[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-dms-"));
  FakeDownload.made = [];
});
afterEach(async () => {
  for (const m of managers.splice(0)) await m.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

function manager() {
  const views: DownloadView[] = [];
  const m = new DownloadManager({ dir, onChange: (v) => views.push(v) });
  managers.push(m);
  return { m, views };
}

const req = (fileName: string): DownloadRequest => ({ uri: `http://127.0.0.1:9/${fileName}`, fileName, catalogId: "tiny" });
const filesIn = () => fs.readdirSync(dir).sort();
const write = (name: string, text = "x") => fs.writeFileSync(path.join(dir, name), text);
const saved = () => JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8")) as { downloads: { fileName: string; state: string }[]; partials: string[] };
const states = (views: DownloadView[]) => views.map((v) => v.state).filter((s, i, a) => s !== a[i - 1]);

describe("a transfer that completes while it is paused and resumed", () => {
  it.each(["resume", "start"] as const)("stays done when paused during verification and then %s is called", async (how) => {
    const { m, views } = manager();
    const { id } = m.start(req("m.gguf"));
    const first = FakeDownload.made[0]!;
    await first.started;
    first.ignoreStops = true; // the pause lands after the hash, during the rename
    first.verifying();
    expect(m.pause(id).state).toBe("paused");
    expect((how === "resume" ? m.resume(id) : m.start(req("m.gguf"))).state).toBe("downloading");
    first.complete();
    await Promise.race([m.idle(), FakeDownload.made[1]!.started]); // (a second transfer must not start)
    expect(m.list()).toMatchObject([{ id, state: "done", path: path.join(dir, "m.gguf"), error: null }]);
    expect(FakeDownload.made.map((d) => d.runs)).toEqual([1, 0]); // the newer transfer never ran
    expect(states(views)).toEqual(["downloading", "verifying", "paused", "downloading", "done"]);
    await m.flush();
    expect(saved()).toMatchObject({ downloads: [], partials: [] });
    expect(filesIn()).toEqual([STATE_FILE, "m.gguf"].sort());
  });

  it("a cancel the transfer outran ends done only when the file is really there", async () => {
    const { m } = manager();
    const { id } = m.start(req("a.gguf"));
    const a = FakeDownload.made[0]!;
    await a.started;
    a.ignoreStops = true;
    a.verifying();
    const cancelling = m.cancel(id);
    a.complete();
    expect(await cancelling).toMatchObject({ state: "done", path: path.join(dir, "a.gguf") });
    expect(filesIn()).toContain("a.gguf");

    const { id: bId } = m.start(req("b.gguf"));
    const b = FakeDownload.made[1]!;
    await b.started;
    b.ignoreStops = true;
    const cancellingB = m.cancel(bId);
    b.complete(false); // reports done, but no b.gguf exists
    expect(await cancellingB).toMatchObject({ state: "cancelled", path: null });
    expect(filesIn().filter((f) => f.startsWith("b.gguf"))).toEqual([]);
  });
});

describe("partial files in the models folder", () => {
  it("restore() leaves alone partial files Cascade did not create", async () => {
    for (const name of ["other.gguf.partial", "other.gguf.partial.ipull", "m.gguf.partial"]) write(name, "another tool's");
    const { m } = manager();
    await m.restore();
    expect(filesIn()).toEqual([STATE_FILE, "m.gguf.partial", "other.gguf.partial", "other.gguf.partial.ipull"].sort());
    expect(fs.readFileSync(path.join(dir, "other.gguf.partial"), "utf8")).toBe("another tool's");
    expect(saved().partials).toEqual([]);
  });

  it("records a partial before its transfer starts and forgets it once it is cancelled or done", async () => {
    const { m } = manager();
    const { id } = m.start(req("a.gguf"));
    await FakeDownload.made[0]!.started;
    expect(saved()).toMatchObject({ downloads: [{ fileName: "a.gguf", state: "downloading" }], partials: ["a.gguf"] });
    await m.cancel(id);
    await m.flush();
    expect(saved()).toEqual({ version: 2, downloads: [], partials: [] });

    m.start(req("b.gguf"));
    const b = FakeDownload.made[1]!;
    await b.started;
    b.complete();
    await m.idle();
    await m.flush();
    expect(saved()).toEqual({ version: 2, downloads: [], partials: [] });
  });

  it("restore() deletes the partials Cascade created that no download wants any more", async () => {
    // Cascade crashed mid-transfer (a.gguf), then the complete a.gguf was put in the folder by hand.
    const crashed = manager();
    crashed.m.start(req("a.gguf"));
    await FakeDownload.made[0]!.started;
    write("a.gguf");
    // From an earlier run: gone.gguf was cancelled but Cascade quit before deleting its partials.
    const state = JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8")) as { partials: string[] };
    state.partials.push("gone.gguf");
    write(STATE_FILE, JSON.stringify(state));
    for (const name of ["gone.gguf.partial", "gone.gguf.partial.ipull", "other.gguf.partial.ipull"]) write(name);

    const { m } = manager();
    await m.restore();
    expect(m.list()).toMatchObject([{ fileName: "a.gguf", state: "done" }]);
    expect(filesIn()).toEqual([STATE_FILE, "a.gguf", "other.gguf.partial.ipull"].sort());
    expect(saved()).toEqual({ version: 2, downloads: [], partials: [] });
  });

  it("a state file from before the record (version 1) still owns its downloads' partials", async () => {
    const download = { id: downloadId("m.gguf"), uri: "http://127.0.0.1:9/m.gguf", fileName: "m.gguf", catalogId: null, state: "paused", downloadedBytes: 5, totalBytes: 9, error: null };
    write(STATE_FILE, JSON.stringify({ version: 1, downloads: [download] }));
    write("m.gguf.partial.ipull");
    const { m } = manager();
    await m.restore();
    expect(m.list()).toMatchObject([{ fileName: "m.gguf", state: "paused", downloadedBytes: 5 }]);
    expect(filesIn()).toEqual([STATE_FILE, "m.gguf.partial.ipull"].sort());
    expect(saved().partials).toEqual(["m.gguf"]);
    await m.cancel(m.list()[0]!.id); // once cancelled, its partial goes and the record with it
    await m.flush();
    expect(filesIn()).toEqual([STATE_FILE]);
    expect(saved().partials).toEqual([]);
  });
});
