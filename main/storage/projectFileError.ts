/**
 * The one error type project storage throws. It lives in its own file so that the schema,
 * the store and the project list can all throw it without importing each other.
 */
import { basename } from "node:path";

/**
 * What went wrong, so a caller can pick an action without parsing the message:
 * - missing: no file at that path;
 * - corrupt: not JSON at all (or JSON with garbage around it);
 * - truncated: JSON that stops mid-document — usually a crash or a full disk while writing;
 * - invalid: well-formed JSON that is not a consistent Cascade project;
 * - newer-version: written by a newer Cascade with a schema this version cannot read;
 * - io: the operating system refused (permissions, disk full, path is a folder…).
 */
export type ProjectFileErrorKind = "missing" | "corrupt" | "truncated" | "invalid" | "newer-version" | "io";

export interface ProjectFileErrorOptions {
  cause?: unknown;
  /** The short reason without the surrounding sentence, e.g. "the file is truncated (it ends mid-document)". */
  reason?: string;
}

/**
 * An error reading or writing a `.cascade` file. `message` is one line a writer can act on;
 * `kind` and `reason` are for code that wants to phrase things differently.
 */
export class ProjectFileError extends Error {
  override readonly name = "ProjectFileError";
  readonly kind: ProjectFileErrorKind;
  readonly path: string;
  readonly reason: string;

  constructor(kind: ProjectFileErrorKind, path: string, message: string, options: ProjectFileErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.path = path;
    this.reason = options.reason ?? message;
  }
}

/** Where the backups of a project file would be, and how many there are; used to finish messages. */
export interface BackupsHint {
  dir: string;
  count: number;
}

/** The file's name in quotes, or a neutral phrase when the document did not come from a file. */
export function quotedName(path: string): string {
  return path ? `‘${basename(path)}’` : "the project";
}

/**
 * "Cascade could not read ‘x.cascade’: <reason>. It has not been changed; your backups are in <dir>."
 * Says the file is unchanged because the first fear after an error like this is that opening it made things worse.
 */
export function describeReadFailure(path: string, reason: string, backups?: BackupsHint): string {
  let s = `Cascade could not read ${quotedName(path)}: ${reason}.`;
  if (!path) return s;
  s += " It has not been changed";
  if (backups) s += backups.count > 0 ? `; your backups are in ${backups.dir}` : "; there are no backups of it yet";
  return `${s}.`;
}

/** Plain words for the operating-system errors a writer can do something about. */
export function describeSystemError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "ENOSPC":
      return "the disk is full";
    case "EDQUOT":
      return "the disk quota is used up";
    case "EACCES":
    case "EPERM":
      return "Cascade does not have permission to use that file or folder";
    case "EROFS":
      return "the disk is read-only";
    case "ENOENT":
      return "the file or its folder does not exist";
    case "EISDIR":
      return "that path is a folder, not a file";
    case "ENOTDIR":
      return "part of the path is a file, not a folder";
    case "EBUSY":
      return "the file is in use by another program";
    case "EMFILE":
    case "ENFILE":
      return "too many files are open";
    case "EIO":
      return "the disk reported a read/write error";
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
