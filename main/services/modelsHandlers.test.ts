/**
 * The model manager through the services, with the real test model: listing, catalog and
 * recommendation, fit estimates, the untrusted-input checks, and which model writes which level.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { EventName, ProjectState } from "../../shared/ipc/contract";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH } from "../engine/testModel";
import { createServices, type ServicesOptions } from "./api";
import { dispatch } from "./dispatch";
import type { Services } from "./services";

let services: Services | null = null;
afterEach(async () => {
  await services?.dispose();
  services = null;
});

async function start(modelPath: string | null, extra: Partial<ServicesOptions> = {}) {
  const home = mkdtempSync(join(tmpdir(), "cascade-models-"));
  services = await createServices({ shell: "in-process", modelPath, threads: 1, appDataDir: home, projectsDir: join(home, "projects"), ...extra });
  const events: Array<{ event: EventName; payload: unknown }> = [];
  services.subscribe((event, payload) => events.push({ event, payload }));
  return { s: services, home, modelsDir: join(home, "models"), events };
}

describe.skipIf(!HAS_TEST_MODEL)(`the model manager (${NO_MODEL_REASON || "test model"})`, () => {
  it("lists the models folder and the configured model, with their metadata, and skips partial downloads", async () => {
    const { s, modelsDir } = await start(TEST_MODEL_PATH);
    mkdirSync(modelsDir, { recursive: true });
    copyFileSync(TEST_MODEL_PATH, join(modelsDir, "tiny.gguf"));
    writeFileSync(join(modelsDir, "half.gguf.ipull"), "partial");
    const { dir, models } = await s.handlers["models:list"]({});
    expect(dir).toBe(modelsDir);
    expect(models.map((m) => m.fileName).sort()).toEqual(["stories260K.gguf", "tiny.gguf"]);
    for (const m of models) {
      expect(m.problem).toBeNull();
      expect(m.architecture).toBe("llama");
      expect(m.layers).toBeGreaterThan(0);
      expect(m.contextLength).toBeGreaterThan(0);
    }
  });

  it("recommends a catalog model for this machine and estimates the fit of a local file", async () => {
    const { s } = await start(null);
    const { models, recommended } = await s.handlers["models:catalog"]({});
    expect(models.length).toBeGreaterThan(3);
    expect(recommended).not.toBeNull();
    expect(models.map((m) => m.id)).toContain(recommended!.model.id);
    const hw = await s.handlers["models:hardware"]({});
    expect(hw.ram.totalBytes).toBeGreaterThan(0);
    const fit = await s.handlers["models:estimate"]({ path: TEST_MODEL_PATH, gpuLayers: "off" });
    expect(fit).toMatchObject({ fits: true, runsOn: "cpu", gpuLayers: 0 });
    expect(fit.totalLayers).toBeGreaterThan(0);
  });

  it("refuses what the renderer must not ask for: unknown catalog ids, downloads, non-GGUF estimates", async () => {
    const { s } = await start(null);
    const bad = await dispatch(s, "models:download", { catalogId: "no-such-model" });
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    const url = await dispatch(s, "models:download", { catalogId: "https://evil.example/x.gguf" });
    expect(url).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    const ctl = await dispatch(s, "models:download-control", { id: "nope", action: "cancel" });
    expect(ctl).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    const est = await dispatch(s, "models:estimate", { path: "/etc/passwd" });
    expect(est).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    const relative = await dispatch(s, "models:estimate", { path: "../models/x.gguf" });
    expect(relative).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    const level = await dispatch(s, "settings:update", { levelModel: { level: "line", path: "x.gguf" } });
    expect(level).toMatchObject({ ok: false, error: { code: "model-error" } });
    expect((await s.handlers["settings:get"]({})).levelModels).toEqual({});
    expect(await s.handlers["models:downloads"]({})).toEqual({ downloads: [] });
  });

  it("asks the shell's file dialog for a model file, and says when there is none", async () => {
    const { s } = await start(null);
    expect(await s.handlers["model:pick-file"]({})).toEqual({ supported: false, path: null });
    await s.dispose();
    const picked = await start(null, { pickModelFile: async () => "/models/picked.gguf" });
    expect(await picked.s.handlers["model:pick-file"]({})).toEqual({ supported: true, path: "/models/picked.gguf" });
  });

  it("writes a level with the model chosen for it, and the rest with the main model", async () => {
    const { s, home, events } = await start(TEST_MODEL_PATH);
    await s.handlers["project:create"]({ title: "Levels", form: "prose", premise: "A cat learns to swim." });
    let state: ProjectState = await s.handlers["project:apply"]({ op: { type: "setProjectSettings", childCount: { beat: 1, scene: 1, line: 1 } } });
    const rootId = state.project.rootId;

    // Lines go to a model file that is not there: only line jobs fail, and they say which file.
    const missing = join(home, "line-model.gguf");
    const view = await s.handlers["settings:update"]({ levelModel: { level: "line", path: missing } });
    expect(view.levelModels).toEqual({ line: missing });
    await s.handlers["generate:children"]({ nodeId: rootId });
    await s.whenIdle();
    state = (await s.handlers["project:get"]({}))!;
    const beatId = state.project.nodes[rootId]!.childIds[0]!;
    await s.handlers["generate:children"]({ nodeId: beatId });
    await s.whenIdle();
    state = (await s.handlers["project:get"]({}))!;
    const sceneId = state.project.nodes[beatId]!.childIds[0]!;
    const r = await dispatch(s, "generate:children", { nodeId: sceneId });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(missing);
    expect((await s.handlers["model:status"]({})).state).toBe("ready");
    // The level's own model reports its state, as a list and as events.
    expect((await s.handlers["models:levels"]({})).models).toMatchObject([{ path: missing, levels: ["line"], status: { state: "error", errorKind: "missing" } }]);
    const levelStates = () => events.filter((e) => e.event === "models:level-did-change").map((e) => (e.payload as { status: { state: string } }).status.state);
    expect(levelStates()).toContain("error");

    // A real copy: the lines are written; back to the main model with null.
    copyFileSync(TEST_MODEL_PATH, missing);
    await s.handlers["settings:update"]({ levelModel: { level: "line", path: missing } });
    await s.handlers["generate:children"]({ nodeId: sceneId });
    await s.whenIdle();
    const jobs = await s.handlers["jobs:list"]({});
    expect(jobs.jobs.filter((j) => j.level === "line").at(-1)?.state).toBe("done");
    expect((await s.handlers["models:levels"]({})).models).toMatchObject([{ path: missing, status: { state: "ready" } }]);
    // After the failure: loading (with progress updates), then ready.
    const sinceError = levelStates().slice(levelStates().lastIndexOf("error") + 1);
    expect([...new Set(sinceError)]).toEqual(["loading", "ready"]);
    expect((await s.handlers["settings:update"]({ levelModel: { level: "line", path: null } })).levelModels).toEqual({});
    expect((await s.handlers["models:levels"]({})).models).toEqual([]);
    expect((await s.handlers["settings:get"]({})).levelModels).toEqual({});
  });

  it("'try again' loads the same file again and saves nothing (a --model path stays this run's)", async () => {
    const home = mkdtempSync(join(tmpdir(), "cascade-models-later-"));
    const later = join(home, "later.gguf");
    const { s } = await start(later);
    const failed = await dispatch(s, "alts:generate", { nodeId: (await s.handlers["project:create"]({ title: "R", form: "prose", premise: "A fox." })).project.rootId });
    expect(failed).toMatchObject({ ok: false, error: { code: "model-error" } });
    expect(await s.handlers["model:status"]({})).toMatchObject({ state: "error", errorKind: "missing", remedies: ["pick-file"] });
    copyFileSync(TEST_MODEL_PATH, later);
    expect(await s.handlers["model:reload"]({})).toMatchObject({ state: "ready", modelPath: later });
    expect((await s.handlers["settings:get"]({})).modelPath).toBeNull();
  });
});
