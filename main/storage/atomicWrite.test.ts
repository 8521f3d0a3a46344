import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isTempName, writeFileAtomic, type AtomicWriteFs } from "./atomicWrite";
import { makeTempDir } from "./testFixtures";

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** The real fs, with one method replaced. */
function fsWith(overrides: Partial<AtomicWriteFs>): AtomicWriteFs {
  return { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink, ...overrides };
}

async function leftovers(): Promise<string[]> {
  return (await fsp.readdir(dir)).filter(isTempName);
}

describe("writeFileAtomic", () => {
  it("creates and replaces a file, leaving no temp files", async () => {
    const target = join(dir, "a.txt");
    await writeFileAtomic(target, "one");
    expect(await fsp.readFile(target, "utf8")).toBe("one");
    await writeFileAtomic(target, new TextEncoder().encode("two"));
    expect(await fsp.readFile(target, "utf8")).toBe("two");
    expect(await fsp.readdir(dir)).toEqual(["a.txt"]);
  });

  it("keeps the old content and removes the temp file when the write fails midway", async () => {
    const target = join(dir, "a.txt");
    await fsp.writeFile(target, "old content");
    let partialWritten = false;
    const fs = fsWith({
      open: (async (p: string, flags: string) => {
        const real = await fsp.open(p, flags);
        if (p === dir) return real;
        // A handle whose write gets half-way, then the disk fills up.
        return Object.assign(Object.create(real), {
          writeFile: async (data: string) => {
            await real.write(data.slice(0, data.length / 2));
            partialWritten = true;
            throw errno("ENOSPC");
          },
          sync: () => real.sync(),
          close: () => real.close(),
        });
      }) as AtomicWriteFs["open"],
    });
    await expect(writeFileAtomic(target, "new content that will not fit", { fs })).rejects.toMatchObject({ code: "ENOSPC" });
    expect(partialWritten).toBe(true);
    expect(await fsp.readFile(target, "utf8")).toBe("old content");
    expect(await leftovers()).toEqual([]);
  });

  it("keeps the old content when the rename is refused (read-only folder)", async () => {
    const target = join(dir, "a.txt");
    await fsp.writeFile(target, "old");
    const fs = fsWith({ rename: async () => Promise.reject(errno("EACCES")) });
    await expect(writeFileAtomic(target, "new", { fs })).rejects.toMatchObject({ code: "EACCES" });
    expect(await fsp.readFile(target, "utf8")).toBe("old");
    expect(await leftovers()).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0 || process.platform === "win32")("fails cleanly on a real read-only folder", async () => {
    const target = join(dir, "a.txt");
    await fsp.writeFile(target, "old");
    await fsp.chmod(dir, 0o555);
    try {
      await expect(writeFileAtomic(target, "new")).rejects.toMatchObject({ code: "EACCES" });
      expect(await fsp.readFile(target, "utf8")).toBe("old");
    } finally {
      await fsp.chmod(dir, 0o755);
    }
  });

  it("ignores EISDIR/EPERM from the directory fsync but reports other errors", async () => {
    const target = join(dir, "a.txt");
    for (const code of ["EISDIR", "EPERM"]) {
      const fs = fsWith({ open: ((p: string, f: string) => (p === dir ? Promise.reject(errno(code)) : fsp.open(p, f))) as AtomicWriteFs["open"] });
      await writeFileAtomic(target, code, { fs });
      expect(await fsp.readFile(target, "utf8")).toBe(code);
    }
    const failing = fsWith({ open: ((p: string, f: string) => (p === dir ? Promise.reject(errno("EIO")) : fsp.open(p, f))) as AtomicWriteFs["open"] });
    await expect(writeFileAtomic(target, "after-eio", { fs: failing })).rejects.toMatchObject({ code: "EIO" });
  });

  it("retries a briefly locked rename on Windows only", async () => {
    const target = join(dir, "a.txt");
    let calls = 0;
    const flaky = () =>
      fsWith({
        rename: async (a, b) => {
          if (++calls <= 2) throw errno("EPERM");
          return fsp.rename(a, b);
        },
      });
    await writeFileAtomic(target, "win", { fs: flaky(), platform: "win32" });
    expect(await fsp.readFile(target, "utf8")).toBe("win");
    calls = 0;
    await expect(writeFileAtomic(target, "linux", { fs: flaky(), platform: "linux" })).rejects.toMatchObject({ code: "EPERM" });
    expect(await fsp.readFile(target, "utf8")).toBe("win");
    expect(await leftovers()).toEqual([]);
  });

  it("readers only ever see the whole old or the whole new content", async () => {
    const target = join(dir, "big.json");
    const versions = ["A", "B", "C", "D", "E", "F"].map((c) => c.repeat(300_000));
    await fsp.writeFile(target, versions[0]!);
    let writing = true;
    const seen = new Set<string>();
    const reader = (async () => {
      while (writing) {
        const text = await fsp.readFile(target, "utf8");
        seen.add(versions.includes(text) ? text[0]! : `partial(${text.length})`);
      }
    })();
    for (const v of versions.slice(1)) await writeFileAtomic(target, v);
    // Concurrent writers too: each is atomic, the last rename wins.
    await Promise.all(versions.map((v) => writeFileAtomic(target, v)));
    writing = false;
    await reader;
    expect([...seen].filter((s) => s.startsWith("partial"))).toEqual([]);
    expect(versions).toContain(await fsp.readFile(target, "utf8"));
    expect(await leftovers()).toEqual([]);
  });
});
