import * as fsp from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isTempName } from "./atomicWrite";
import { addRecentProject, DEFAULT_SETTINGS, loadSettings, MAX_RECENT_PROJECTS, saveSettings, updateSettings } from "./settingsStore";
import { makeTempDir } from "./testFixtures";

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await makeTempDir();
  file = join(dir, "cfg", "settings.json");
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

describe("settings", () => {
  it("defaults when there is no file, and round-trips a save", async () => {
    expect(await loadSettings({ file })).toEqual({ settings: DEFAULT_SETTINGS });
    const s = { modelPath: "/models/q.gguf", threads: 4, gpuLayers: "off" as const, contextSize: 8192, levelModels: { line: "/models/small.gguf" }, recentProjects: ["/a.cascade"] };
    await saveSettings(s, { file });
    expect(await loadSettings({ file })).toEqual({ settings: s });
    expect((await fsp.readdir(join(dir, "cfg"))).filter(isTempName)).toEqual([]);
  });

  it("keeps valid level models and resets a damaged level-models entry alone", async () => {
    await fsp.mkdir(join(dir, "cfg"));
    await fsp.writeFile(file, JSON.stringify({ modelPath: "/m.gguf", levelModels: { beat: 7 } }));
    const loaded = await loadSettings({ file });
    expect(loaded.settings).toEqual({ ...DEFAULT_SETTINGS, modelPath: "/m.gguf" });
    expect(loaded.warning).toMatch(/levelModels/);
    const { settings } = await updateSettings({ levelModels: { premise: "/big.gguf", line: "/small.gguf" } }, { file });
    expect(settings.levelModels).toEqual({ premise: "/big.gguf", line: "/small.gguf" });
    expect((await loadSettings({ file })).settings.levelModels).toEqual({ premise: "/big.gguf", line: "/small.gguf" });
  });

  it("moves a corrupt file aside, uses defaults and says so", async () => {
    await fsp.mkdir(join(dir, "cfg"));
    await fsp.writeFile(file, "{ not json");
    const loaded = await loadSettings({ file, now: () => new Date("2025-01-02T03:04:05.678Z") });
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    const aside = `${file}.corrupt-2025-01-02T03-04-05-678Z`;
    expect(loaded.warning).toBe(`Cascade's settings file was damaged; it was moved to ${aside} and default settings are in use.`);
    expect(await fsp.readFile(aside, "utf8")).toBe("{ not json");
    await expect(fsp.access(file)).rejects.toThrow();
    // Next time it is simply absent: no repeated warning.
    expect((await loadSettings({ file })).warning).toBeUndefined();
  });

  it("resets only invalid values, keeps the rest, fills missing ones quietly", async () => {
    await fsp.mkdir(join(dir, "cfg"));
    await fsp.writeFile(file, JSON.stringify({ modelPath: "/m.gguf", threads: -3, gpuLayers: 12, recentProjects: ["/a", 5, "/a", "/b"] }));
    const loaded = await loadSettings({ file });
    expect(loaded.settings).toEqual({ ...DEFAULT_SETTINGS, modelPath: "/m.gguf", gpuLayers: 12, recentProjects: ["/a", "/b"] });
    expect(loaded.warning).toMatch(/reset to their defaults: threads\.$/);

    await fsp.writeFile(file, JSON.stringify({ threads: 2 }));
    expect(await loadSettings({ file })).toEqual({ settings: { ...DEFAULT_SETTINGS, threads: 2 } });
  });

  it("updateSettings merges and validates; invalid patches throw and change nothing", async () => {
    await updateSettings({ threads: 6 }, { file });
    const { settings } = await updateSettings({ contextSize: 4096 }, { file });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, threads: 6, contextSize: 4096 });
    expect((await loadSettings({ file })).settings).toEqual(settings);
    await expect(updateSettings({ threads: 0 }, { file })).rejects.toThrow();
    expect((await loadSettings({ file })).settings).toEqual(settings);
  });

  it("addRecentProject: most recent first, absolute, deduplicated, at most 10, safe when called concurrently", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => addRecentProject(join(dir, `p${i}.cascade`), { file })));
    let recent = (await loadSettings({ file })).settings.recentProjects;
    expect(recent).toHaveLength(MAX_RECENT_PROJECTS);
    expect(recent[0]).toBe(join(dir, "p11.cascade"));
    expect(recent.at(-1)).toBe(join(dir, "p2.cascade"));

    const { settings } = await addRecentProject(join(dir, "p5.cascade"), { file });
    expect(settings.recentProjects[0]).toBe(join(dir, "p5.cascade"));
    expect(settings.recentProjects.filter((p) => p.endsWith("p5.cascade"))).toHaveLength(1);

    await addRecentProject("relative/x.cascade", { file });
    recent = (await loadSettings({ file })).settings.recentProjects;
    expect(recent[0]).toBe(resolve("relative/x.cascade"));
  });
});
