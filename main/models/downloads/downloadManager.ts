/**
 * The model downloads of the app: start, pause, resume, cancel, and the list the model manager
 * shows. Downloads cut short by quitting come back paused on the next start (a small state file,
 * `<dir>/.downloads.json`); partial files nobody owns any more are deleted.
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import * as fsp from "node:fs/promises";
import path from "node:path";
import type { DownloadState, DownloadView } from "../../../shared/models/types";
import { isTempName, writeFileAtomic } from "../../storage/atomicWrite";
import { describeFailure, ModelDownload, partialOwner, removePartials, type DownloadOutcome, type DownloadProgress } from "./modelDownload";

export const STATE_FILE = ".downloads.json";

export interface DownloadRequest {
  uri: string;
  fileName: string;
  sha256?: string;
  catalogId?: string;
}

export interface DownloadManagerOptions {
  dir: string;
  onChange: (d: DownloadView) => void;
  /** Passed to each download's stall watchdog (default one minute). */
  stallTimeoutMs?: number;
  /** Least time between two progress reports of one download (default 200 ms). */
  progressIntervalMs?: number;
}

interface Entry {
  view: DownloadView;
  sha256?: string;
  task: ModelDownload | null;
  /** Settles when the entry's latest transfer has settled (resume waits for it). */
  run: Promise<void> | null;
  lastEmit: number;
  timer: ReturnType<typeof setTimeout> | null;
}

interface SavedDownload {
  id: string;
  uri: string;
  fileName: string;
  sha256?: string;
  catalogId: string | null;
  state: DownloadState;
  downloadedBytes: number;
  totalBytes: number | null;
  error: string | null;
}

const ACTIVE: readonly DownloadState[] = ["downloading", "verifying"];
const KEPT: readonly DownloadState[] = ["downloading", "verifying", "paused", "failed"];

/** A stable id for a file name: `[a-z0-9_-]{1,64}`. */
export function downloadId(fileName: string): string {
  const slug = fileName.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 55) || "model";
  return `${slug}-${createHash("sha1").update(fileName).digest("hex").slice(0, 8)}`;
}

/** A plain `.gguf` file name: no folders, not hidden, nothing a file system refuses. */
export function isValidModelFileName(name: string): boolean {
  return (
    typeof name === "string" && name.length <= 200 && !name.startsWith(".") && path.basename(name) === name &&
    /^[^/\\:*?"<>|\x00-\x1f]+\.gguf$/i.test(name) // eslint-disable-line no-control-regex
  );
}

export class DownloadManager {
  private readonly entries = new Map<string, Entry>();
  private persistChain: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly opts: DownloadManagerOptions) {}

  start(entry: DownloadRequest): DownloadView {
    if (!isValidModelFileName(entry.fileName)) throw new Error(`Not a valid model file name: ${entry.fileName}`);
    const id = downloadId(entry.fileName);
    let e = this.entries.get(id);
    if (e != null && ACTIVE.includes(e.view.state)) return { ...e.view };
    const view: DownloadView = {
      ...blankView(id, entry.fileName, entry.uri),
      catalogId: entry.catalogId ?? null,
      downloadedBytes: e?.view.downloadedBytes ?? 0,
      totalBytes: e?.view.totalBytes ?? null,
    };
    if (e == null) {
      e = { view, task: null, run: null, lastEmit: 0, timer: null };
      this.entries.set(id, e);
    } else e.view = view;
    e.sha256 = entry.sha256;
    if (this.markDoneIfPresent(e)) return { ...e.view };
    this.launch(e);
    return { ...e.view };
  }

  pause(id: string): DownloadView {
    const e = this.get(id);
    if (!ACTIVE.includes(e.view.state)) return { ...e.view };
    this.update(e, { state: "paused", bytesPerSecond: null, etaSeconds: null });
    void e.task?.pause();
    return { ...e.view };
  }

  resume(id: string): DownloadView {
    const e = this.get(id);
    if (e.view.state !== "paused" && e.view.state !== "failed") return { ...e.view };
    if (!this.markDoneIfPresent(e)) this.launch(e);
    return { ...e.view };
  }

  async cancel(id: string): Promise<DownloadView> {
    const e = this.get(id);
    if (e.view.state === "done" || e.view.state === "cancelled") return { ...e.view };
    const task = e.task;
    e.task = null;
    this.update(e, { state: "cancelled", bytesPerSecond: null, etaSeconds: null, error: null });
    await task?.cancel();
    await e.run?.catch(() => {});
    if ((e.view as DownloadView).state === "cancelled") {
      // Not overtaken by a transfer that completed meanwhile.
      await removePartials(this.opts.dir, e.view.fileName);
      this.update(e, { downloadedBytes: 0 });
    }
    return { ...e.view };
  }

  list(): DownloadView[] {
    return [...this.entries.values()].map((e) => ({ ...e.view }));
  }

  /** Settles once the state file holds the latest state. */
  flush(): Promise<void> {
    return this.persistChain;
  }

  /** On app start: brings back downloads cut short by quitting (as paused) and deletes orphan partials. */
  async restore(): Promise<void> {
    await fsp.mkdir(this.opts.dir, { recursive: true });
    for (const s of await this.readState()) {
      if (this.entries.has(s.id) || s.id !== downloadId(s.fileName)) continue;
      const e: Entry = { view: blankView(s.id, s.fileName, s.uri), sha256: s.sha256, task: null, run: null, lastEmit: 0, timer: null };
      e.view = {
        ...e.view,
        catalogId: s.catalogId,
        state: s.state === "failed" ? "failed" : "paused",
        downloadedBytes: s.downloadedBytes,
        totalBytes: s.totalBytes,
        error: s.state === "failed" ? s.error : null,
      };
      this.entries.set(s.id, e);
      if (!this.markDoneIfPresent(e)) this.emitNow(e);
    }
    const owned = new Set([...this.entries.values()].filter((e) => KEPT.includes(e.view.state)).map((e) => e.view.fileName));
    for (const name of await fsp.readdir(this.opts.dir)) {
      const owner = partialOwner(name);
      const orphan = (owner != null && !owned.has(owner)) || (name.startsWith(`${STATE_FILE}.`) && isTempName(name));
      if (orphan) await fsp.rm(path.join(this.opts.dir, name), { force: true });
    }
    await this.persist();
  }

  /** Pauses every transfer (keeping the partials) and saves the state for the next start. */
  async dispose(): Promise<void> {
    const active = [...this.entries.values()].filter((e) => ACTIVE.includes(e.view.state));
    for (const e of active) {
      this.update(e, { state: "paused", bytesPerSecond: null, etaSeconds: null });
      void e.task?.pause();
    }
    await Promise.all(active.map((e) => e.run?.catch(() => {})));
    this.disposed = true;
    for (const e of this.entries.values()) if (e.timer != null) clearTimeout(e.timer);
    await this.persist();
  }

  private launch(e: Entry): void {
    const { fileName, uri } = e.view;
    const task = new ModelDownload({
      uri,
      dir: this.opts.dir,
      fileName,
      sha256: e.sha256,
      stallTimeoutMs: this.opts.stallTimeoutMs,
      onProgress: (p) => this.progress(e, task, p),
      onPhase: (phase) => {
        if (e.task === task && ACTIVE.includes(e.view.state) && e.view.state !== phase) this.update(e, { state: phase });
      },
    });
    e.task = task;
    this.update(e, { state: "downloading", error: null, path: null, bytesPerSecond: null, etaSeconds: null });
    void this.persist(); // recorded before any byte lands, so a crash leaves no orphan partial
    const previous = e.run ?? Promise.resolve();
    e.run = previous
      // Paused or cancelled while waiting for the previous transfer to settle: never started.
      .then(() => (e.task === task && ACTIVE.includes(e.view.state) ? task.run() : ({ kind: "paused" } as const)))
      .then(
        (outcome) => this.finish(e, task, outcome),
        (err: unknown) => this.finish(e, task, { kind: "failed", error: describeFailure(fileName, err) }),
      );
  }

  private progress(e: Entry, task: ModelDownload, p: DownloadProgress): void {
    if (e.task !== task || e.view.state !== "downloading") return;
    e.view = { ...e.view, ...p };
    const interval = this.opts.progressIntervalMs ?? 200;
    const wait = e.lastEmit + interval - Date.now();
    if (wait <= 0) this.emitNow(e);
    else if (e.timer == null) e.timer = setTimeout(() => this.emitNow(e), wait);
  }

  private finish(e: Entry, task: ModelDownload, outcome: DownloadOutcome): void {
    if (outcome.kind === "done") {
      const size = outcome.sizeBytes;
      // Without a published checksum only the GGUF check vouched for the file: the UI says so.
      const checksum = outcome.checksum === "matched" ? "matched" : "unverified";
      this.update(e, { state: "done", path: outcome.path, downloadedBytes: size, totalBytes: size, bytesPerSecond: null, etaSeconds: null, error: null, checksum });
      return;
    }
    if (e.task !== task) return; // superseded by a later resume or a cancel
    if (outcome.kind === "failed") this.update(e, { state: "failed", error: outcome.error, bytesPerSecond: null, etaSeconds: null });
    else this.update(e, { state: outcome.kind, bytesPerSecond: null, etaSeconds: null });
  }

  /** A file already complete in the folder needs no download. */
  private markDoneIfPresent(e: Entry): boolean {
    const finalPath = path.join(this.opts.dir, e.view.fileName);
    const st = statSync(finalPath, { throwIfNoEntry: false });
    if (st == null || !st.isFile()) return false;
    this.update(e, { state: "done", path: finalPath, downloadedBytes: st.size, totalBytes: st.size, bytesPerSecond: null, etaSeconds: null, error: null });
    return true;
  }

  /** Changes the view; a state change is reported at once and saved. */
  private update(e: Entry, patch: Partial<DownloadView>): void {
    const stateChanged = patch.state != null && patch.state !== e.view.state;
    e.view = { ...e.view, ...patch };
    this.emitNow(e);
    if (stateChanged) void this.persist();
  }

  private emitNow(e: Entry): void {
    if (e.timer != null) clearTimeout(e.timer);
    e.timer = null;
    if (this.disposed) return;
    e.lastEmit = Date.now();
    try {
      this.opts.onChange({ ...e.view });
    } catch (err) {
      console.error("download onChange listener failed", err);
    }
  }

  private get(id: string): Entry {
    const e = this.entries.get(id);
    if (e == null) throw new Error(`No download with id ${id}`);
    return e;
  }

  /** Saves the unfinished downloads; writes run one after another, each with the latest state. */
  private persist(): Promise<void> {
    const write = async () => {
      const downloads: SavedDownload[] = [...this.entries.values()]
        .filter((e) => KEPT.includes(e.view.state))
        .map(({ view: v, sha256 }) => ({
          id: v.id, uri: v.uri, fileName: v.fileName, sha256, catalogId: v.catalogId, state: v.state,
          downloadedBytes: v.downloadedBytes, totalBytes: v.totalBytes, error: v.error,
        }));
      await fsp.mkdir(this.opts.dir, { recursive: true });
      await writeFileAtomic(path.join(this.opts.dir, STATE_FILE), JSON.stringify({ version: 1, downloads }, null, 2));
    };
    this.persistChain = this.persistChain.then(write).catch((err: unknown) => console.error("could not save the download list", err));
    return this.persistChain;
  }

  private async readState(): Promise<SavedDownload[]> {
    let raw: unknown;
    try {
      raw = JSON.parse(await fsp.readFile(path.join(this.opts.dir, STATE_FILE), "utf8"));
    } catch {
      return []; // none yet, or unreadable: start with no saved downloads
    }
    const list = (raw as { downloads?: unknown } | null)?.downloads;
    if (!Array.isArray(list)) return [];
    return list.filter((d): d is SavedDownload => {
      const s = d as Partial<SavedDownload> | null;
      return s != null && typeof s.id === "string" && typeof s.uri === "string" && typeof s.fileName === "string" &&
        isValidModelFileName(s.fileName) && (s.sha256 === undefined || typeof s.sha256 === "string") &&
        typeof s.downloadedBytes === "number" && typeof s.state === "string" && KEPT.includes(s.state);
    }).map((s) => ({
      ...s,
      catalogId: typeof s.catalogId === "string" ? s.catalogId : null,
      totalBytes: typeof s.totalBytes === "number" ? s.totalBytes : null,
      error: typeof s.error === "string" ? s.error : null,
    }));
  }
}

function blankView(id: string, fileName: string, uri: string): DownloadView {
  return {
    id, catalogId: null, uri, fileName, path: null, state: "downloading",
    downloadedBytes: 0, totalBytes: null, bytesPerSecond: null, etaSeconds: null, error: null, checksum: null,
  };
}
