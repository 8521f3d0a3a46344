import * as fsp from "node:fs/promises";
import type * as FsPromises from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SCHEMA_VERSION, type Project } from "../../shared/story/model";
import type * as AtomicWrite from "./atomicWrite";
import { writeFileAtomic, isTempName, type AtomicWriteFs } from "./atomicWrite";
import {
  backupsDirFor,
  listBackups,
  loadProject,
  parseJsonDocument,
  ProjectFileError,
  saveProject,
  serializeProject,
  type ProjectFileErrorKind,
} from "./projectStore";
import { makeTempDir, sampleProject } from "./testFixtures";

// Every way storage could write is wrapped in a spy, so the load tests can prove loading wrote nothing.
vi.mock("./atomicWrite", async (importOriginal) => {
  const orig = await importOriginal<typeof AtomicWrite>();
  return { ...orig, writeFileAtomic: vi.fn(orig.writeFileAtomic) };
});
vi.mock("node:fs/promises", async (importOriginal) => {
  const orig = await importOriginal<typeof FsPromises>();
  const spied = {
    ...orig,
    writeFile: vi.fn(orig.writeFile),
    rename: vi.fn(orig.rename),
    unlink: vi.fn(orig.unlink),
    mkdir: vi.fn(orig.mkdir),
    open: vi.fn(orig.open),
    copyFile: vi.fn(orig.copyFile),
    rm: vi.fn(orig.rm),
    truncate: vi.fn(orig.truncate),
  };
  return { ...spied, default: spied };
});

const writers = () => [writeFileAtomic, fsp.writeFile, fsp.rename, fsp.unlink, fsp.mkdir, fsp.open, fsp.copyFile, fsp.truncate] as unknown as ReturnType<typeof vi.fn>[];

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

/** Everything in the folder (recursively) with bytes and mtimes, to compare before and after. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await fsp.readdir(root, { withFileTypes: true, recursive: true })) {
    const full = join(e.parentPath, e.name);
    const st = await fsp.stat(full);
    out[full] = e.isFile() ? `${st.mtimeMs}:${(await fsp.readFile(full)).toString("base64")}` : "dir";
  }
  return out;
}

/** Loads `path` expecting a ProjectFileError of `kind`; checks nothing on disk changed and nothing wrote. */
async function expectLoadFailure(path: string, kind: ProjectFileErrorKind): Promise<ProjectFileError> {
  const before = await snapshot(dir);
  for (const w of writers()) w.mockClear();
  let caught: unknown;
  try {
    await loadProject(path);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ProjectFileError);
  const e = caught as ProjectFileError;
  expect(e.kind).toBe(kind);
  expect(e.path).toBe(path);
  expect(e.message).not.toContain("\n");
  for (const w of writers()) expect(w).not.toHaveBeenCalled();
  expect(await snapshot(dir)).toEqual(before);
  return e;
}

describe("saveProject / loadProject round trip", () => {
  it("loads exactly what was saved, as 2-space JSON", async () => {
    const path = join(dir, "story.cascade");
    const project = sampleProject();
    await saveProject(path, project);
    expect(await loadProject(path)).toEqual(project);
    const text = await fsp.readFile(path, "utf8");
    expect(text).toBe(`${JSON.stringify(project, null, 2)}\n`);
    expect(text.split("\n")[1]).toMatch(/^ {2}"schemaVersion": 1,$/);
  });

  it("round-trips arbitrary text, including lone surrogates and control characters", async () => {
    const path = join(dir, "prop.cascade");
    const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: anyUnit }), fc.string(), async (text, title) => {
        const project = sampleProject({ beats: 1, scenes: 1, lines: 1 });
        project.nodes[project.rootId]!.text = text;
        project.title = title;
        await saveProject(path, project, { backup: false });
        expect(await loadProject(path)).toEqual(project);
      }),
      { numRuns: 40 },
    );
  });

  it("creates the folder when it doesn't exist", async () => {
    const path = join(dir, "new", "deeper", "story.cascade");
    await saveProject(path, sampleProject());
    expect((await loadProject(path)).title).toBe("The Landlord");
  });

  it("refuses to write an inconsistent project and leaves the file alone", async () => {
    const path = join(dir, "story.cascade");
    const good = sampleProject();
    await saveProject(path, good);
    const before = await fsp.readFile(path);
    const bad = structuredClone(good);
    bad.nodes[bad.rootId]!.childIds.push("ghost");
    await expect(saveProject(path, bad)).rejects.toMatchObject({ kind: "invalid", message: expect.stringMatching(/did not save ‘story\.cascade’.*ghost/) });
    expect(await fsp.readFile(path)).toEqual(before);
  });

  it("reports a refused write as io and keeps the previous file", async () => {
    const path = join(dir, "story.cascade");
    await saveProject(path, sampleProject());
    const before = await fsp.readFile(path);
    const fs: AtomicWriteFs = {
      open: fsp.open,
      unlink: fsp.unlink,
      rename: async () => Promise.reject(Object.assign(new Error("no"), { code: "ENOSPC" })),
    };
    const changed = sampleProject();
    changed.title = "Changed";
    const err = await saveProject(path, changed, { fs, backup: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProjectFileError);
    expect(err).toMatchObject({ kind: "io", message: "Cascade could not save ‘story.cascade’: the disk is full. The copy on disk is the last one saved." });
    expect(await fsp.readFile(path)).toEqual(before);
    expect((await fsp.readdir(dir)).filter(isTempName)).toEqual([]);
  });
});

describe("loadProject failures", () => {
  let valid: string;
  beforeEach(() => {
    valid = serializeProject(sampleProject());
  });

  it("garbage → corrupt", async () => {
    const path = join(dir, "garbage.cascade");
    await fsp.writeFile(path, "PK\u0003\u0004 this is a zip file, not a project");
    const e = await expectLoadFailure(path, "corrupt");
    expect(e.message).toMatch(/^Cascade could not read ‘garbage\.cascade’: the file is damaged \(it is not valid JSON: .*\)\. It has not been changed; there are no backups of it yet\.$/);
  });

  it("a complete document followed by junk → corrupt, not truncated", async () => {
    const path = join(dir, "junk.cascade");
    await fsp.writeFile(path, `${valid}}}`);
    await expectLoadFailure(path, "corrupt");
  });

  it("invalid UTF-8 → corrupt (bad bytes are not silently replaced)", async () => {
    const path = join(dir, "bytes.cascade");
    const bytes = Buffer.from(valid);
    bytes[valid.indexOf("The Landlord") + 1] = 0xff;
    await fsp.writeFile(path, bytes);
    await expectLoadFailure(path, "corrupt");
  });

  it("first half of a valid file → truncated, naming the backups folder", async () => {
    const path = join(dir, "half.cascade");
    await saveProject(path, sampleProject());
    await saveProject(path, sampleProject()); // makes one backup
    await fsp.writeFile(path, valid.slice(0, valid.length / 2));
    const e = await expectLoadFailure(path, "truncated");
    expect(e.message).toBe(
      `Cascade could not read ‘half.cascade’: the file is truncated (it ends mid-document). It has not been changed; your backups are in ${backupsDirFor(path)}.`,
    );
    expect(e.reason).toBe("the file is truncated (it ends mid-document)");
  });

  it("empty, NUL-padded and cut-mid-character files → truncated", async () => {
    const empty = join(dir, "empty.cascade");
    await fsp.writeFile(empty, "");
    expect((await expectLoadFailure(empty, "truncated")).message).toMatch(/the file is empty/);

    const padded = join(dir, "padded.cascade");
    await fsp.writeFile(padded, Buffer.concat([Buffer.from(valid.slice(0, 500)), Buffer.alloc(4096)]));
    await expectLoadFailure(padded, "truncated");

    const midChar = join(dir, "emoji.cascade");
    const bytes = Buffer.from(valid);
    const cut = bytes.indexOf(Buffer.from("🎬")) + 2;
    await fsp.writeFile(midChar, bytes.subarray(0, cut));
    await expectLoadFailure(midChar, "truncated");
  });

  it("every prefix of a valid file classifies as truncated", () => {
    const p = sampleProject({ beats: 1, scenes: 1, lines: 2 });
    p.nodes[p.rootId]!.text = "escapes \u0001 \\ \" \ud800 é “” 1e-7";
    const bytes = Buffer.from(serializeProject(p));
    const end = bytes.length - 2; // the full document is "…}\n"; every shorter prefix is incomplete
    for (let i = 1; i < end; i++) {
      let kind: string | undefined;
      try {
        parseJsonDocument(bytes.subarray(0, i));
      } catch (err) {
        kind = (err as ProjectFileError).kind;
      }
      if (kind !== "truncated") throw new Error(`prefix of ${i} bytes classified as ${kind}`);
    }
  });

  it("a child pointing to a missing node → invalid", async () => {
    const path = join(dir, "invalid.cascade");
    const doc = JSON.parse(valid);
    doc.nodes.beat_1.childIds.push("scene_gone");
    await fsp.writeFile(path, JSON.stringify(doc));
    const e = await expectLoadFailure(path, "invalid");
    expect(e.message).toMatch(/not a valid Cascade project \(.*scene_gone, which does not exist\)/);
  });

  it("JSON that is not a project at all → invalid", async () => {
    const path = join(dir, "array.cascade");
    await fsp.writeFile(path, "[1, 2, 3]");
    await expectLoadFailure(path, "invalid");
  });

  it("a newer schema → newer-version with the exact sentence", async () => {
    const path = join(dir, "future.cascade");
    const doc = JSON.parse(valid);
    doc.schemaVersion = SCHEMA_VERSION + 1;
    doc.somethingNew = { shape: "unknown" };
    await fsp.writeFile(path, JSON.stringify(doc, null, 2));
    const e = await expectLoadFailure(path, "newer-version");
    expect(e.message).toContain(
      `This project was saved by a newer version of Cascade (schema ${SCHEMA_VERSION + 1}); this version reads up to schema ${SCHEMA_VERSION}. It has not been changed.`,
    );
    expect(e.message).toContain("‘future.cascade’");
  });

  it("a missing file → missing; a folder → io", async () => {
    const path = join(dir, "nowhere.cascade");
    const e = await expectLoadFailure(path, "missing");
    expect(e.message).toBe(`Cascade could not find ‘nowhere.cascade’ in ${dir}: it may have been moved, renamed or deleted.`);

    const folder = join(dir, "folder.cascade");
    await fsp.mkdir(folder);
    expect((await expectLoadFailure(folder, "io")).message).toMatch(/that path is a folder/);
  });

  it("a missing file whose backups survive says where they are", async () => {
    const path = join(dir, "deleted.cascade");
    await saveProject(path, sampleProject());
    await saveProject(path, sampleProject());
    await fsp.rm(path);
    const e = await expectLoadFailure(path, "missing");
    expect(e.message).toContain(`Backups of it are in ${backupsDirFor(path)}.`);
  });
});

describe("rolling backups", () => {
  function versioned(n: number): Project {
    const p = sampleProject({ beats: 1, scenes: 1, lines: 1 });
    p.title = `v${n}`;
    return p;
  }

  it("backs up the previous file at most once per interval", async () => {
    const path = join(dir, "story.cascade");
    let t = Date.parse("2025-05-01T12:00:00.000Z");
    const backup = { intervalMs: 5 * 60_000, now: () => new Date(t) };

    await saveProject(path, versioned(1), { backup });
    expect(await listBackups(path)).toEqual([]); // nothing to back up on the first save

    t += 1000;
    await saveProject(path, versioned(2), { backup });
    let list = await listBackups(path);
    expect(list).toHaveLength(1);
    expect(JSON.parse(await fsp.readFile(list[0]!.path, "utf8")).title).toBe("v1");
    expect(list[0]!.takenAt.getTime()).toBe(t);

    t += 60_000; // within the interval: no new backup
    await saveProject(path, versioned(3), { backup });
    expect(await listBackups(path)).toHaveLength(1);

    t += 5 * 60_000; // past it: back up v3
    await saveProject(path, versioned(4), { backup });
    list = await listBackups(path);
    expect(list).toHaveLength(2);
    expect(JSON.parse(await fsp.readFile(list[0]!.path, "utf8")).title).toBe("v3");
    expect(list[0]!.path.startsWith(join(dir, ".story.cascade.backups", "story.2025-05-01T12-06-01-000Z"))).toBe(true);

    // Backups are themselves openable projects.
    expect((await loadProject(list[1]!.path)).title).toBe("v1");
  });

  it("keeps only the newest K and leaves foreign files alone", async () => {
    const path = join(dir, "story.cascade");
    let t = Date.parse("2025-05-01T12:00:00.000Z");
    const backup = { intervalMs: 0, keep: 3, now: () => new Date((t += 1000)) };
    await fsp.mkdir(backupsDirFor(path), { recursive: true });
    await fsp.writeFile(join(backupsDirFor(path), "notes.txt"), "mine");

    for (let i = 1; i <= 8; i++) await saveProject(path, versioned(i), { backup });
    const list = await listBackups(path);
    expect(list).toHaveLength(3);
    const titles = await Promise.all(list.map(async (b) => JSON.parse(await fsp.readFile(b.path, "utf8")).title));
    expect(titles).toEqual(["v7", "v6", "v5"]);
    expect(await fsp.readFile(join(backupsDirFor(path), "notes.txt"), "utf8")).toBe("mine");
    expect((await fsp.readdir(backupsDirFor(path))).filter(isTempName)).toEqual([]);
  });

  it("two backups in the same millisecond get distinct names", async () => {
    const path = join(dir, "story.cascade");
    const frozen = new Date("2025-05-01T12:00:00.000Z");
    const backup = { intervalMs: 0, now: () => frozen };
    for (let i = 1; i <= 3; i++) await saveProject(path, versioned(i), { backup });
    const list = await listBackups(path);
    expect(list.map((b) => b.path.split("/").pop())).toEqual(["story.2025-05-01T12-00-00-000Z-2.cascade", "story.2025-05-01T12-00-00-000Z.cascade"]);
    expect(JSON.parse(await fsp.readFile(list[0]!.path, "utf8")).title).toBe("v2");
  });

  it("a failed backup is reported but the save still happens", async () => {
    const path = join(dir, "story.cascade");
    await saveProject(path, versioned(1));
    await fsp.writeFile(backupsDirFor(path), "a file where the folder should be");
    const onBackupError = vi.fn();
    await saveProject(path, versioned(2), { onBackupError });
    expect(onBackupError).toHaveBeenCalledOnce();
    expect(onBackupError.mock.calls[0]![0]).toMatchObject({ kind: "io", message: expect.stringMatching(/could not make a backup.*Saving anyway/) });
    expect((await loadProject(path)).title).toBe("v2");
  });
});
