/**
 * One model download, built on node-llama-cpp's createModelDownloader (ipull underneath): we add
 * pause/resume/cancel, speed and time left, a stall watchdog and verification before the file
 * gets the name the app loads.
 *
 * What ipull does (checked in the tests): it writes to `<name>.ipull` with its resume state (JSON)
 * appended after the data, and renames to `<name>` when closed at 100%. A new downloader for the
 * same target reads that state and fetches the missing 5 MiB chunks with Range requests. Its
 * percentage can wrongly read 100% when the last (short) chunk lands first, and closing then
 * renames a partial to `<name>`. So ipull downloads to `<fileName>.partial`, never a `.gguf` name;
 * a `.partial` of the wrong size is put back to `.partial.ipull`, and only a verified file is renamed to
 * `<fileName>`.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import * as fsp from "node:fs/promises";
import path from "node:path";
import { createModelDownloader, type ModelDownloader } from "node-llama-cpp";
import { errorMessage, validateModelFile } from "../../engine/modelFile";

export const PARTIAL_SUFFIX = ".partial";
export const IPULL_SUFFIX = ".ipull";
export const DEFAULT_STALL_TIMEOUT_MS = 60_000;

export interface DownloadProgress {
  downloadedBytes: number;
  totalBytes: number | null;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
}

export type DownloadOutcome =
  | { kind: "done"; path: string; sizeBytes: number; sha256: string; checksum: "matched" | "unknown" }
  | { kind: "paused" }
  | { kind: "cancelled" }
  | { kind: "failed"; error: string };

export interface ModelDownloadOptions {
  /** hf: URI or http(s) URL. */
  uri: string;
  dir: string;
  /** The final file name in `dir` (a plain name, no folders). */
  fileName: string;
  /** Expected lowercase hex SHA-256; without it the hash the server publishes is used, if any. */
  sha256?: string;
  onProgress?: (p: DownloadProgress) => void;
  onPhase?: (phase: "downloading" | "verifying") => void;
  /** A transfer with no data for this long is stopped and reported as failed (the partial is kept). */
  stallTimeoutMs?: number;
}

/** Where one download keeps its files. */
export function downloadPaths(dir: string, fileName: string) {
  const partial = path.join(dir, fileName + PARTIAL_SUFFIX);
  return { final: path.join(dir, fileName), partial, inProgress: partial + IPULL_SUFFIX };
}

/** The final file name a partial file belongs to, or null when `name` is not one of ours. */
export function partialOwner(name: string): string | null {
  for (const suffix of [PARTIAL_SUFFIX + IPULL_SUFFIX, PARTIAL_SUFFIX])
    if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length);
  return null;
}

export async function removePartials(dir: string, fileName: string): Promise<void> {
  const { partial, inProgress } = downloadPaths(dir, fileName);
  await Promise.all([fsp.rm(partial, { force: true }), fsp.rm(inProgress, { force: true })]);
}

/** Bytes per second over a short moving window of progress samples. */
export class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];
  constructor(
    private readonly windowMs = 5_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  add(bytes: number): void {
    const t = this.now();
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - this.samples[1]!.t >= this.windowMs) this.samples.shift();
  }

  /** Null until the samples span at least 200 ms. */
  get bytesPerSecond(): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (first == null || last == null || last.t - first.t < 200) return null;
    return (Math.max(0, last.bytes - first.bytes) * 1000) / (last.t - first.t);
  }

  etaSeconds(downloaded: number, total: number | null): number | null {
    const speed = this.bytesPerSecond;
    if (total == null || speed == null || speed <= 0) return null;
    return Math.max(0, Math.ceil((total - downloaded) / speed));
  }
}

/** SHA-256 of a file, streamed; throws when `signal` aborts. */
export async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    signal?.throwIfAborted();
    hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}

/** A SHA-256 in `x-linked-etag` (Hugging Face LFS files) or a 64-hex `etag`. */
export function hashFromHeaders(headers: Headers): string | null {
  for (const name of ["x-linked-etag", "etag"]) {
    const value = headers.get(name)?.replace(/^W\//, "").replace(/"/g, "").trim().toLowerCase();
    if (value != null && /^[0-9a-f]{64}$/.test(value)) return value;
  }
  return null;
}

/** The SHA-256 a server publishes for `url` (HEAD, first without following the redirect); null when none or offline. */
export async function publishedSha256(url: string, timeoutMs = 15_000): Promise<string | null> {
  for (const redirect of ["manual", "follow"] as const) {
    try {
      const res = await fetch(url, { method: "HEAD", redirect, signal: AbortSignal.timeout(timeoutMs) });
      const hash = hashFromHeaders(res.headers);
      if (hash != null) return hash;
    } catch {
      // Offline or refused: no published hash.
    }
  }
  return null;
}

/** A plain sentence for a failed transfer, naming the file and what to do. */
export function describeFailure(fileName: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  if (code === "ENOSPC") return `There is not enough disk space for ${fileName}: free some space, then resume the download.`;
  if (code === "EACCES" || code === "EPERM" || code === "EROFS")
    return `Cascade cannot write ${fileName} to the models folder (${code}): check the folder's permissions, then resume the download.`;
  if (status === 404)
    return `The download of ${fileName} failed: the server has no such file (404). Check the model's address or pick another model.`;
  if (status === 401 || status === 403)
    return `The download of ${fileName} was refused (${status}): the model may need you to accept its license or sign in on Hugging Face. Then resume the download.`;
  if (typeof status === "number")
    return `The download of ${fileName} failed: the server answered ${status}. Resume the download later.`;
  return `The download of ${fileName} failed (${errorMessage(err)}). Check your internet connection, then resume the download.`;
}

type StopReason = "pause" | "cancel" | "stall";

export class ModelDownload {
  private downloader: ModelDownloader | null = null;
  /** The one close of the current downloader (a second ipull close returns before the first is done). */
  private closing: Promise<void> | null = null;
  private stopReason: StopReason | null = null;
  private stopController = new AbortController();
  private stallTimer: ReturnType<typeof setTimeout> | null = null;
  private current: Promise<DownloadOutcome> | null = null;

  constructor(private readonly opts: ModelDownloadOptions) {}

  get paths() {
    return downloadPaths(this.opts.dir, this.opts.fileName);
  }

  /** Starts or resumes the transfer; settles when it is done, paused, cancelled or failed. */
  run(): Promise<DownloadOutcome> {
    if (this.current != null) return this.current;
    this.stopReason = null;
    this.stopController = new AbortController();
    this.current = this.runOnce().finally(() => {
      this.clearStall();
      this.downloader = null;
      this.closing = null;
      this.current = null;
    });
    return this.current;
  }

  /** Stops the transfer and keeps the partial file; the running `run()` settles as paused. */
  async pause(): Promise<void> {
    await this.stop("pause");
  }

  /** Stops the transfer and deletes the partial files. */
  async cancel(): Promise<void> {
    if (this.current == null) await removePartials(this.opts.dir, this.opts.fileName);
    else await this.stop("cancel");
  }

  private async stop(reason: StopReason): Promise<void> {
    const running = this.current;
    if (running == null) return;
    if (this.stopReason == null || reason === "cancel") this.stopReason = reason;
    this.stopController.abort();
    await this.closeDownloader();
    await running.catch(() => {});
  }

  private closeDownloader(): Promise<void> {
    if (this.downloader == null) return Promise.resolve();
    this.closing ??= this.downloader.cancel({ deleteTempFile: false }).catch(() => {});
    return this.closing;
  }

  private armStall(): void {
    this.clearStall();
    this.stallTimer = setTimeout(() => void this.stop("stall"), this.opts.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS);
    this.stallTimer.unref?.();
  }

  private clearStall(): void {
    if (this.stallTimer != null) clearTimeout(this.stallTimer);
    this.stallTimer = null;
  }

  private async runOnce(): Promise<DownloadOutcome> {
    const { uri, dir, fileName } = this.opts;
    const { partial } = this.paths;
    const meter = new SpeedMeter();
    let best = 0;
    this.opts.onPhase?.("downloading");
    this.armStall();
    const stopped = new Promise<null>((resolve) => this.stopController.signal.addEventListener("abort", () => resolve(null)));
    let totalSize = 0;
    let resolvedUrl: string | null = null;
    try {
      const creating = createModelDownloader({
        modelUri: uri,
        dirPath: dir,
        fileName: path.basename(partial),
        skipExisting: true,
        deleteTempFileOnCancel: false,
        showCliProgress: false,
        onProgress: (s) => {
          this.armStall();
          best = Math.max(best, s.downloadedSize);
          meter.add(best);
          const total = s.totalSize > 0 ? s.totalSize : null;
          this.opts.onProgress?.({ downloadedBytes: best, totalBytes: total, bytesPerSecond: meter.bytesPerSecond, etaSeconds: meter.etaSeconds(best, total) });
        },
      });
      const downloader = await Promise.race([creating, stopped]);
      if (downloader == null) {
        // The URI is still resolving (ipull retries a dead network for minutes): drop it when it answers.
        creating.then((d) => d.cancel({ deleteTempFile: false }), () => {}).catch(() => {});
        return await this.stoppedOutcome(0);
      }
      this.downloader = downloader;
      totalSize = downloader.totalSize;
      resolvedUrl = internalUrl(downloader) ?? (/^https?:\/\//i.test(uri) ? uri : null);
      // ipull keeps retrying a dead network (for minutes, even after close): do not wait for it once stopped.
      if (this.stopReason == null) await Promise.race([downloader.download(), stopped]);
      totalSize = downloader.totalSize;
    } catch (err) {
      if (this.stopReason == null) {
        await this.restorePartialName(totalSize);
        return { kind: "failed", error: describeFailure(fileName, err) };
      }
    }
    if (this.stopReason != null) {
      await this.closeDownloader();
      return await this.stoppedOutcome(totalSize);
    }
    this.clearStall();
    return await this.verify(totalSize, resolvedUrl);
  }

  private async verify(totalSize: number, resolvedUrl: string | null): Promise<DownloadOutcome> {
    const { fileName, dir } = this.opts;
    const { partial, final } = this.paths;
    this.opts.onPhase?.("verifying");
    const damaged = async (why: string): Promise<DownloadOutcome> => {
      await removePartials(dir, fileName);
      return { kind: "failed", error: `The download of ${fileName} is damaged (${why}): it was deleted. Download it again.` };
    };
    try {
      const size = (await fsp.stat(partial)).size;
      if (totalSize > 0 && size !== totalSize) return await damaged(`${size} bytes instead of ${totalSize}`);
      const actual = await sha256File(partial, this.stopController.signal);
      const expected = this.opts.sha256?.trim().toLowerCase() || (resolvedUrl ? await publishedSha256(resolvedUrl) : null);
      if (this.stopReason != null) return await this.stoppedOutcome(totalSize);
      if (expected != null && expected !== actual) return await damaged("checksum mismatch");
      try {
        await validateModelFile(partial);
      } catch {
        return await damaged("not a complete GGUF model file");
      }
      await fsp.rename(partial, final);
      return { kind: "done", path: final, sizeBytes: size, sha256: actual, checksum: expected != null ? "matched" : "unknown" };
    } catch (err) {
      if (this.stopReason != null) return await this.stoppedOutcome(totalSize);
      return { kind: "failed", error: describeFailure(fileName, err) };
    }
  }

  private async stoppedOutcome(totalSize: number): Promise<DownloadOutcome> {
    const reason = this.stopReason;
    if (reason === "cancel") {
      await removePartials(this.opts.dir, this.opts.fileName);
      return { kind: "cancelled" };
    }
    await this.restorePartialName(totalSize);
    if (reason === "pause") return { kind: "paused" };
    const seconds = Math.max(1, Math.round((this.opts.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS) / 1000));
    const span = seconds === 1 ? "a second" : `${seconds} seconds`;
    return {
      kind: "failed",
      error: `The download of ${this.opts.fileName} stalled: no data arrived for ${span}. Check your internet connection, then resume the download.`,
    };
  }

  /**
   * ipull renames its `.ipull` file to the target name when it believes it reached 100%, which it
   * can wrongly do for a partial; a `.partial` of the wrong size is such a partial: put it back so
   * the next run resumes from it.
   */
  private async restorePartialName(totalSize: number): Promise<void> {
    const { partial, inProgress } = this.paths;
    const [p, ip] = await Promise.all([fsp.stat(partial).catch(() => null), fsp.stat(inProgress).catch(() => null)]);
    if (p != null && ip == null && (totalSize <= 0 || p.size !== totalSize)) await fsp.rename(partial, inProgress).catch(() => {});
  }
}

/** The https URL node-llama-cpp resolved an hf: URI to (not in its public types). */
function internalUrl(downloader: ModelDownloader): string | null {
  const url = (downloader as unknown as { _modelUrl?: unknown })._modelUrl;
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}
