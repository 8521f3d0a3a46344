/**
 * Reading and writing `.cascade` project files.
 *
 * The rules, in order of importance:
 * 1. Never write to a file we failed to read: loading is read-only, whatever it finds.
 * 2. Never leave a half-written file: saves go through writeFileAtomic.
 * 3. Never write a document we could not read back: saves are validated first.
 * 4. Keep a few older copies (rolling backups) beside the file, for the mistakes rules 1–3 can't catch.
 */
import * as fsp from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Project } from "../../shared/story/model";
import { writeFileAtomic, type AtomicWriteFs } from "./atomicWrite";
import { migrate, MigrationError } from "./migrations";
import {
  describeReadFailure,
  describeSystemError,
  ProjectFileError,
  quotedName,
  type BackupsHint,
} from "./projectFileError";
import { parseProject, projectSchema, summarizeIssues } from "./projectSchema";

export { ProjectFileError, type ProjectFileErrorKind } from "./projectFileError";

export const PROJECT_EXTENSION = ".cascade";
export const DEFAULT_BACKUP_INTERVAL_MS = 5 * 60_000;
export const DEFAULT_BACKUP_KEEP = 10;

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Decodes file bytes and parses them as JSON, telling a truncated file (cut off mid-document —
 * a crash or full disk during a non-atomic write) from other damage, because the advice differs:
 * a truncated file's start is intact and a backup is the fix. Throws ProjectFileError
 * ("truncated" | "corrupt") whose message has no backup hint; loadProject adds one.
 */
export function parseJsonDocument(bytes: Uint8Array, path = ""): unknown {
  const truncatedReason = "the file is truncated (it ends mid-document)";
  // fatal: silently replacing bad bytes with U+FFFD would turn bit-rot into a "successful" open that later saves the damage.
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let text: string;
  try {
    // stream: an incomplete character at the very end is held back instead of failing here…
    text = decoder.decode(bytes, { stream: true });
  } catch (err) {
    throw readError("corrupt", path, "the file is damaged (it contains bytes that are not valid text)", err);
  }
  try {
    text += decoder.decode();
  } catch (err) {
    // …so that a file cut in the middle of a multi-byte character (é, “, 🎬) counts as truncated, not as garbage.
    throw readError("truncated", path, truncatedReason, err);
  }
  if (text.replace(/[\s\0]+$/, "") === "") {
    throw readError("truncated", path, "the file is empty (it was cut off while being saved)");
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    if (looksTruncated(text)) throw readError("truncated", path, truncatedReason, err);
    throw readError("corrupt", path, `the file is damaged (it is not valid JSON: ${(err as Error).message})`, err);
  }
}

/**
 * Whether a JSON text that failed to parse failed because it ran out, i.e. it is a prefix of a document.
 * Trailing whitespace and zero bytes are ignored: filesystems can leave NUL padding after a crash.
 * V8 words this as "Unexpected end of JSON input", or names a position at the very end.
 */
function looksTruncated(text: string): boolean {
  const body = text.replace(/[\s\0]+$/, "");
  try {
    JSON.parse(body);
    return false; // complete document followed by junk: damaged, not cut off
  } catch (err) {
    const msg = (err as Error).message;
    if (/end of JSON input/i.test(msg)) return true;
    const at = /position (\d+)/.exec(msg);
    return at !== null && Number(at[1]) >= body.length;
  }
}

function readError(kind: "corrupt" | "truncated", path: string, reason: string, cause?: unknown): ProjectFileError {
  return new ProjectFileError(kind, path, describeReadFailure(path, reason), { reason, cause });
}

/**
 * Reads, migrates and validates the project at `path`. Read-only: whatever goes wrong, the file
 * is left exactly as it was. Throws ProjectFileError whose message names the problem and where
 * the file's backups are.
 */
export async function loadProject(path: string): Promise<Project> {
  let bytes: Uint8Array;
  try {
    bytes = await fsp.readFile(path);
  } catch (err) {
    const hint = await backupsHint(path);
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      const where = `Cascade could not find ${quotedName(path)} in ${dirname(path)}: it may have been moved, renamed or deleted.`;
      const extra = hint.count > 0 ? ` Backups of it are in ${hint.dir}.` : "";
      throw new ProjectFileError("missing", path, where + extra, { reason: "the file does not exist", cause: err });
    }
    const reason = describeSystemError(err);
    throw new ProjectFileError("io", path, describeReadFailure(path, reason, hint), { reason, cause: err });
  }

  try {
    const json = parseJsonDocument(bytes, path);
    let current: unknown;
    try {
      current = migrate(json);
    } catch (err) {
      if (!(err instanceof MigrationError)) throw err;
      if (err.kind === "newer-version") {
        throw new ProjectFileError("newer-version", path, `Cascade could not open ${quotedName(path)}. ${err.message}`, { reason: err.message, cause: err });
      }
      throw new ProjectFileError("invalid", path, describeReadFailure(path, err.message), { reason: err.message, cause: err });
    }
    return parseProject(current, path);
  } catch (err) {
    if (!(err instanceof ProjectFileError) || err.kind === "newer-version") throw err;
    // Re-word with the backup location: that is the writer's way out.
    throw new ProjectFileError(err.kind, path, describeReadFailure(path, err.reason, await backupsHint(path)), { reason: err.reason, cause: err.cause ?? err });
  }
}

async function backupsHint(path: string): Promise<BackupsHint> {
  const count = await listBackups(path).then((b) => b.length, () => 0);
  return { dir: backupsDirFor(path), count };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The on-disk text of a project: 2-space-indented JSON (diffable, and readable in a pinch) ending in a newline. */
export function serializeProject(project: Project): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}

export interface BackupOptions {
  /** At most one backup per this many milliseconds (default 5 minutes); 0 = one per save. */
  intervalMs?: number;
  /** How many backups to keep, newest first (default 10). */
  keep?: number;
  /** Clock, injectable for tests. */
  now?: () => Date;
}

export interface SaveOptions {
  /** Rolling-backup policy, or false to skip backups (e.g. when saving a backup copy elsewhere). */
  backup?: BackupOptions | false;
  /**
   * Called when the backup could not be made. The save still goes ahead: the writer's newest text
   * matters more than an older copy. Defaults to console.warn.
   */
  onBackupError?: (err: ProjectFileError) => void;
  /** Filesystem for the atomic write; tests inject failures here. */
  fs?: AtomicWriteFs;
}

/**
 * Saves `project` to `path` (creating the folder if needed): validates it, backs up the file it
 * replaces (rolling, see BackupOptions), then writes atomically. The document is validated and
 * serialized before the first await, so later changes to the object can't leak into this save.
 * Throws ProjectFileError: "invalid" if the project in memory is inconsistent (nothing is written),
 * "io" if the disk refused (the previous file stays as it was).
 */
export async function saveProject(path: string, project: Project, options: SaveOptions = {}): Promise<void> {
  const check = projectSchema.safeParse(project);
  if (!check.success) {
    const reason = `the project in memory is inconsistent (${summarizeIssues(check.error.issues)})`;
    throw new ProjectFileError("invalid", path, `Cascade did not save ${quotedName(path)}: ${reason}. The file on disk has not been changed.`, {
      reason,
      cause: check.error,
    });
  }
  const text = serializeProject(project);

  try {
    await fsp.mkdir(dirname(path), { recursive: true });
  } catch (err) {
    throw saveError(path, err);
  }

  if (options.backup !== false) {
    try {
      await rotateBackup(path, options.backup ?? {});
    } catch (err) {
      const reason = describeSystemError(err);
      const warning = new ProjectFileError("io", path, `Cascade could not make a backup of ${quotedName(path)} in ${backupsDirFor(path)}: ${reason}. Saving anyway.`, { reason, cause: err });
      (options.onBackupError ?? ((e) => console.warn(e.message)))(warning);
    }
  }

  try {
    await writeFileAtomic(path, text, options.fs ? { fs: options.fs } : {});
  } catch (err) {
    throw saveError(path, err);
  }
}

function saveError(path: string, err: unknown): ProjectFileError {
  const reason = describeSystemError(err);
  return new ProjectFileError("io", path, `Cascade could not save ${quotedName(path)}: ${reason}. The copy on disk is the last one saved.`, { reason, cause: err });
}

// ---------------------------------------------------------------------------------------------
// Backups

export interface BackupInfo {
  path: string;
  /** When the backup was taken (the content is the save before that moment). */
  takenAt: Date;
  sizeBytes: number;
}

/** The folder holding `path`'s backups: `.<basename>.backups` beside it (hidden, and travels with the file's folder). */
export function backupsDirFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.backups`);
}

/** `2025-01-02T03:04:05.678Z` → `2025-01-02T03-04-05-678Z`: sortable, and legal on Windows (no colons). */
function stampFor(date: Date): string {
  return date.toISOString().replace(/:/g, "-").replace(".", "-");
}

const BACKUP_NAME = /^(.+)\.(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?\.cascade$/;

function parseBackupName(name: string): { stem: string; takenAt: Date; seq: number } | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const [, stem = "", stamp = "", seq] = m;
  const iso = stamp.replace(/^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3}Z)$/, "$1:$2:$3.$4");
  const takenAt = new Date(iso);
  return Number.isNaN(takenAt.getTime()) ? null : { stem, takenAt, seq: seq ? Number(seq) : 1 };
}

function stemOf(path: string): string {
  const base = basename(path);
  return base.endsWith(PROJECT_EXTENSION) ? base.slice(0, -PROJECT_EXTENSION.length) : base;
}

/**
 * The backups of the project at `path`, newest first. Only files whose names we made are listed
 * (and only those are ever pruned), so anything else a writer drops in that folder is left alone.
 */
export async function listBackups(path: string): Promise<BackupInfo[]> {
  const dir = backupsDirFor(path);
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const stem = stemOf(path);
  const found: (BackupInfo & { seq: number })[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed || parsed.stem !== stem) continue;
    const full = join(dir, name);
    const st = await fsp.stat(full).catch(() => null);
    if (!st?.isFile()) continue;
    found.push({ path: full, takenAt: parsed.takenAt, sizeBytes: st.size, seq: parsed.seq });
  }
  found.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.seq - a.seq);
  return found.map(({ seq: _seq, ...info }) => info);
}

/**
 * Copies the current file at `path` (if any) into its backups folder when the newest backup is
 * older than the interval, then deletes all but the newest `keep`. Returns the new backup's path,
 * or null when none was due (or there was no file yet).
 */
export async function rotateBackup(path: string, options: BackupOptions = {}): Promise<string | null> {
  const intervalMs = options.intervalMs ?? DEFAULT_BACKUP_INTERVAL_MS;
  const keep = Math.max(1, options.keep ?? DEFAULT_BACKUP_KEEP);
  const now = (options.now ?? (() => new Date()))();

  const existing = await listBackups(path);
  const newest = existing[0];
  // A newest backup "in the future" means the clock moved back; take a fresh one rather than none for hours.
  if (newest && intervalMs > 0) {
    const age = now.getTime() - newest.takenAt.getTime();
    if (age >= 0 && age < intervalMs) return null;
  }

  let previous: Uint8Array;
  try {
    previous = await fsp.readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null; // first save: nothing to back up
    throw err;
  }

  const dir = backupsDirFor(path);
  await fsp.mkdir(dir, { recursive: true });
  const taken = new Set(existing.map((b) => basename(b.path)));
  const base = `${stemOf(path)}.${stampFor(now)}`;
  let name = `${base}${PROJECT_EXTENSION}`;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}${PROJECT_EXTENSION}`;
  const target = join(dir, name);
  // Atomic too: a half-copied backup would be a trap exactly when someone needs it.
  await writeFileAtomic(target, previous);

  const all = await listBackups(path);
  for (const old of all.slice(keep)) await fsp.unlink(old.path).catch(() => {});
  return target;
}
