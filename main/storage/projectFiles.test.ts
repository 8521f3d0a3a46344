import * as fsp from "node:fs/promises";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../shared/story/model";
import { listProjects, projectPathFor, reserveProjectPath, slugify } from "./projectFiles";
import { saveProject, serializeProject } from "./projectStore";
import { makeTempDir, sampleProject } from "./testFixtures";

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

describe("listProjects", () => {
  it("lists projects newest first and reports unreadable ones without throwing", async () => {
    const older = sampleProject({ beats: 1, scenes: 1, lines: 1 });
    older.title = "Older";
    older.updatedAt = "2025-01-01T00:00:00.000Z";
    const newer = sampleProject({ beats: 2, scenes: 2, lines: 2 });
    newer.title = "Newer";
    newer.updatedAt = "2025-06-01T00:00:00.000Z";
    await saveProject(join(dir, "older.cascade"), older);
    await saveProject(join(dir, "newer.cascade"), newer);
    await saveProject(join(dir, "newer.cascade"), newer); // makes a hidden backups folder, which must not be listed

    await fsp.writeFile(join(dir, "broken.cascade"), "nonsense");
    await fsp.writeFile(join(dir, "cut.cascade"), serializeProject(older).slice(0, 200));
    const future = JSON.parse(serializeProject(older));
    future.schemaVersion = SCHEMA_VERSION + 1;
    await fsp.writeFile(join(dir, "future.cascade"), JSON.stringify(future));
    await fsp.writeFile(join(dir, "notes.txt"), "not a project");
    await fsp.writeFile(join(dir, "._older.cascade"), "macOS resource fork");
    await fsp.mkdir(join(dir, "sub"));
    await saveProject(join(dir, "sub", "nested.cascade"), older);

    const { projects, unreadable } = await listProjects(dir);
    expect(projects).toEqual([
      { path: join(dir, "newer.cascade"), title: "Newer", updatedAt: newer.updatedAt, nodeCount: Object.keys(newer.nodes).length },
      { path: join(dir, "older.cascade"), title: "Older", updatedAt: older.updatedAt, nodeCount: 4 },
    ]);
    expect(unreadable.map((u) => [basename(u.path), u.kind])).toEqual([
      ["broken.cascade", "corrupt"],
      ["cut.cascade", "truncated"],
      ["future.cascade", "newer-version"],
    ]);
    expect(unreadable[1]!.message).toMatch(/^Cascade could not read ‘cut\.cascade’: the file is truncated/);
    expect(unreadable[2]!.message).toMatch(/newer version of Cascade/);
  });

  it("a folder that doesn't exist yet is an empty list", async () => {
    expect(await listProjects(join(dir, "none"))).toEqual({ projects: [], unreadable: [] });
  });
});

describe("projectPathFor", () => {
  it("slugs titles safely", () => {
    expect(slugify("The Landlord's Daughter!")).toBe("the-landlord-s-daughter");
    expect(slugify("Café  Noir / Part 2")).toBe("cafe-noir-part-2");
    expect(slugify("東京物語")).toBe("東京物語");
    expect(slugify("   ")).toBe("untitled");
    expect(slugify("../../etc/passwd")).toBe("etc-passwd");
    expect(slugify("CON")).toBe("con-story");
    expect(Array.from(slugify("x".repeat(200))).length).toBeLessThanOrEqual(60);
  });

  it("never collides with an existing file (case-insensitively)", async () => {
    expect(await projectPathFor(dir, "My Story")).toBe(join(dir, "my-story.cascade"));
    await fsp.writeFile(join(dir, "my-story.cascade"), "");
    await fsp.writeFile(join(dir, "MY-STORY-2.cascade"), "");
    expect(await projectPathFor(dir, "My Story")).toBe(join(dir, "my-story-3.cascade"));
    expect(await projectPathFor(join(dir, "missing"), "x")).toBe(join(dir, "missing", "x.cascade"));
  });

  it("reserves the name with an empty placeholder, so racing callers get different paths", async () => {
    const paths = await Promise.all([1, 2, 3].map(() => reserveProjectPath(join(dir, "new"), "My Story")));
    expect(new Set(paths).size).toBe(3);
    expect((await fsp.readdir(join(dir, "new"))).sort()).toEqual(["my-story-2.cascade", "my-story-3.cascade", "my-story.cascade"]);
    for (const p of paths) expect((await fsp.stat(p)).size).toBe(0);
  });
});
