/**
 * Replacing a file so that, whatever happens (crash, power loss, full disk), the path holds
 * either the complete old content or the complete new content — never a mix or a stub.
 *
 * This is the technique of the `write-file-atomic` npm package (temp file + fsync + rename),
 * written out here to keep the dependency list short and to fsync the directory too.
 */
import * as fsp from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";

/** The parts of node:fs/promises the write uses; tests pass a wrapped copy to inject failures. */
export interface AtomicWriteFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
}

export interface AtomicWriteOptions {
  fs?: AtomicWriteFs;
  /** Platform, for the Windows rename retry; tests may override. */
  platform?: NodeJS.Platform;
}

/** The temp-file name for `path`: hidden, in the same folder (rename is only atomic within one filesystem), unique per call. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Whether a file name is one of our temp files (for cleanup and for tests). */
export function isTempName(name: string): boolean {
  return /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(name);
}

/**
 * Writes `data` to `path` atomically: write a temp file beside it, fsync it, rename it over the
 * target, then fsync the directory so the rename itself survives a power cut. On failure before
 * the rename the temp file is removed and the target is untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? fsp;
  const tmp = tempPathFor(path);
  let renamed = false;
  try {
    // "wx": never follow or clobber something already at the temp name.
    const handle = await fs.open(tmp, "wx");
    try {
      await handle.writeFile(data);
      // Without this the rename can reach the disk before the data does, leaving an empty file after a crash.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(fs, tmp, path, options.platform ?? process.platform);
    renamed = true;
  } finally {
    if (!renamed) await fs.unlink(tmp).catch(() => {});
  }
  await syncDirectory(fs, dirname(path));
}

/**
 * On Windows, virus scanners and indexers briefly hold files open, making rename fail with
 * EPERM/EACCES/EBUSY; retry for about a second there. Elsewhere those errors are real and final.
 */
async function renameWithRetry(fs: AtomicWriteFs, from: string, to: string, platform: NodeJS.Platform): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const transient = platform === "win32" && (code === "EPERM" || code === "EACCES" || code === "EBUSY");
      if (!transient || attempt >= 10) throw err;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

/**
 * fsync the directory entry. Windows cannot open directories (EISDIR/EPERM) and some filesystems
 * reject fsync on them (EINVAL); there the rename is as durable as the platform allows, so go on.
 */
async function syncDirectory(fs: AtomicWriteFs, dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fs.open(dir, "r");
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw err;
  } finally {
    await handle?.close();
  }
}
