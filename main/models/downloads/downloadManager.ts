/**
 * The model downloads of the app: start, pause, resume, cancel, and the list the model manager
 * shows. Downloads cut short by quitting come back paused on the next start (a small state file,
 * `<dir>/.downloads.json`). The models folder is the user's: the state file also records every
 * model whose partial files Cascade created (until they are gone), and only those are ever
 * deleted as orphans; another tool's `*.partial` files are left alone.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import * as fsp from "node:fs/promises";
import path from "node:path";
import type { DownloadState, DownloadView } from "../../../shared/models/types";
import { isTempName } from "../../storage/atomicWrite";
import { isValidModelFileName, KEPT, readDownloadState, STATE_FILE, writeDownloadState, type SavedDownload } from "./downloadState";
import {
  describeFailure, downloadPaths, ModelDownload, partialOwner, removePartials, type DownloadOutcome, type DownloadProgress,
} from "./modelDownload";

export { isValidModelFileName, STATE_FILE };

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

const ACTIVE: readonly DownloadState[] = ["downloading", "verifying"];

/** A stable id for a file name: `[a-z0-9_-]{1,64}`. */
export function downloadId(fileName: string): string {
  const slug = fileName.toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 55) || "model";
  return `${slug}-${createHash("sha1").update(fileName).digest("hex").slice(0, 8)}`;
}

export class DownloadManager {
  private readonly entries = new Map<string, Entry>();
  /** Final file names whose partial files Cascade created and may not have deleted yet (saved). */
  private readonly owned = new Set<string>();
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
      // Not overtaken by a transfer that completed meanwhile, nor restarted.
      await removePartials(this.opts.dir, e.view.fileName);
      this.update(e, { downloadedBytes: 0 });
      if (this.forgetIfGone(e)) void this.persist();
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

  /** Settles once no transfer is running or waiting to start. */
  async idle(): Promise<void> {
    for (;;) {
      const runs = [...this.entries.values()].map((e) => e.run);
      await Promise.all(runs.map((r) => r?.catch(() => {})));
      const now = [...this.entries.values()].map((e) => e.run);
      if (now.length === runs.length && now.every((r, i) => r === runs[i])) return;
    }
  }

  /**
   * On app start: brings back downloads cut short by quitting (as paused) and deletes the partial
   * files Cascade created that no download wants any more. Partials it did not create are kept.
   */
  async restore(): Promise<void> {
    await fsp.mkdir(this.opts.dir, { recursive: true });
    const saved = await readDownloadState(this.opts.dir);
    for (const name of saved.partials) this.owned.add(name);
    for (const s of saved.downloads) {
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
    const wanted = new Set([...this.entries.values()].filter((e) => KEPT.includes(e.view.state)).map((e) => e.view.fileName));
    for (const name of await fsp.readdir(this.opts.dir)) {
      const owner = partialOwner(name);
      const orphan = (owner != null && this.owned.has(owner) && !wanted.has(owner)) || (name.startsWith(`${STATE_FILE}.`) && isTempName(name));
      // One that cannot be deleted now stays recorded and is tried again on the next start.
      if (orphan) await fsp.rm(path.join(this.opts.dir, name), { force: true }).catch(() => {});
    }
    for (const name of [...this.owned]) if (!wanted.has(name) && !this.partialsExist(name)) this.owned.delete(name);
    await this.persist();
  }

  /** Pauses every transfer (keeping the partials) and saves the state for the next start. */
  async dispose(): Promise<void> {
    const active = [...this.entries.values()].filter((e) => ACTIVE.includes(e.view.state));
    for (const e of active) {
      this.update(e, { state: "paused", bytesPerSecond: null, etaSeconds: null });
      void e.task?.pause();
    }
    await this.idle();
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
    this.owned.add(fileName);
    this.update(e, { state: "downloading", error: null, path: null, bytesPerSecond: null, etaSeconds: null });
    // Saved before any byte lands: the partial it creates is on record as Cascade's.
    const recorded = this.persist();
    const previous = e.run?.catch(() => {});
    const begin = async (): Promise<DownloadOutcome | null> => {
      await Promise.all([previous, recorded]);
      if (e.task !== task) return null; // superseded by a later start or a cancel while waiting
      // The previous transfer may have completed the file (a pause that came during its rename).
      if (e.view.state === "done" || this.markDoneIfPresent(e)) return null;
      return ACTIVE.includes(e.view.state) ? task.run() : null; // paused while waiting: never started
    };
    e.run = begin().then(
      (outcome) => void (outcome != null && this.finish(e, task, outcome)),
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
    const current = e.task === task;
    // A stale transfer's "done" counts only with nothing newer going and the file really there;
    // a newer transfer checks for the complete file itself before it starts.
    if (outcome.kind === "done" && (current || (e.task == null && statSync(outcome.path, { throwIfNoEntry: false })?.isFile()))) {
      const size = outcome.sizeBytes;
      // Without a published checksum only the GGUF check vouched for the file: the UI says so.
      const checksum = outcome.checksum === "matched" ? "matched" : "unverified";
      this.update(e, { state: "done", path: outcome.path, downloadedBytes: size, totalBytes: size, bytesPerSecond: null, etaSeconds: null, error: null, checksum });
      return;
    }
    if (!current || outcome.kind === "done") return; // superseded by a later start or a cancel
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
    if (stateChanged) {
      this.forgetIfGone(e);
      void this.persist();
    }
  }

  private partialsExist(fileName: string): boolean {
    const { partial, inProgress } = downloadPaths(this.opts.dir, fileName);
    return existsSync(partial) || existsSync(inProgress);
  }

  /** Drops the record of a finished download's partials once none is left; true when dropped. */
  private forgetIfGone(e: Entry): boolean {
    const name = e.view.fileName;
    if (KEPT.includes(e.view.state) || !this.owned.has(name) || this.partialsExist(name)) return false;
    return this.owned.delete(name);
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

  /** Saves the unfinished downloads and the partials on record; writes run one after another, each with the latest state. */
  private persist(): Promise<void> {
    const write = () => {
      const downloads: SavedDownload[] = [...this.entries.values()]
        .filter((e) => KEPT.includes(e.view.state))
        .map(({ view: v, sha256 }) => ({
          id: v.id, uri: v.uri, fileName: v.fileName, sha256, catalogId: v.catalogId, state: v.state,
          downloadedBytes: v.downloadedBytes, totalBytes: v.totalBytes, error: v.error,
        }));
      return writeDownloadState(this.opts.dir, { downloads, partials: [...this.owned] });
    };
    this.persistChain = this.persistChain.then(write).catch((err: unknown) => console.error("could not save the download list", err));
    return this.persistChain;
  }
}

function blankView(id: string, fileName: string, uri: string): DownloadView {
  return {
    id, catalogId: null, uri, fileName, path: null, state: "downloading",
    downloadedBytes: 0, totalBytes: null, bytesPerSecond: null, etaSeconds: null, error: null, checksum: null,
  };
}
