/**
 * The services behind the contract, in process, with the real test model: what every shell relies on.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { EventName } from "../../shared/ipc/contract";
import { computeStatuses } from "../../shared/story/staleness";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH } from "../engine/testModel";
import { createServices } from "./api";
import { dispatch } from "./dispatch";
import type { Services } from "./services";

let services: Services | null = null;
afterEach(async () => {
  await services?.dispose();
  services = null;
});

async function start(modelPath: string | null) {
  const home = mkdtempSync(join(tmpdir(), "cascade-services-"));
  services = await createServices({ shell: "in-process", modelPath, threads: 1, appDataDir: home, projectsDir: join(home, "projects") });
  const events: Array<{ event: EventName; payload: unknown }> = [];
  services.subscribe((event, payload) => events.push({ event, payload }));
  return { s: services, home, events };
}

async function newStory(s: Services) {
  await s.handlers["project:create"]({ title: "T", form: "prose", premise: "A dog finds a bone.", bible: { tone: "warm" } });
  // Small counts keep the real-model runs short.
  return s.handlers["project:apply"]({ op: { type: "setProjectSettings", childCount: { beat: 2, scene: 2, line: 2 } } });
}

describe("services without a model", () => {
  it("say so, with how to get one, and keep every writing operation working", async () => {
    const { s } = await start(null);
    const status = await s.handlers["model:status"]({});
    expect(status.state).toBe("none");
    expect(status.help).toMatch(/GGUF/);
    const state = await newStory(s);
    const r = await dispatch(s, "generate:children", { nodeId: state.project.rootId });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("no-model");
      expect(r.error.message).toMatch(/No model is configured/);
    }
    const edited = await s.handlers["project:apply"]({ op: { type: "editNode", nodeId: state.project.rootId, text: "Still here." } });
    expect(edited.project.nodes[state.project.rootId]!.text).toBe("Still here.");
  });

  it("report a non-GGUF model file with its path and a way forward", async () => {
    const { s, home } = await start(null);
    const bogus = join(home, "notes.gguf");
    writeFileSync(bogus, "these are my notes, not a model");
    const status = await s.handlers["model:set-path"]({ path: bogus });
    expect(status.state).toBe("error");
    expect(status.message).toContain(bogus);
    expect(status.message).toMatch(/not a GGUF/);
  });

  it("refuse a corrupt project file with a clear message and leave it untouched", async () => {
    const { s, home } = await start(null);
    mkdirSync(join(home, "projects"), { recursive: true });
    const file = join(home, "projects", "broken.cascade");
    writeFileSync(file, '{"schemaVersion":1,"nodes":{');
    const before = readFileSync(file);
    const r = await dispatch(s, "project:open", { path: file });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("project-file");
      expect(r.error.message).toMatch(/truncated/);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("keep engine settings across a restart, reject invalid ones, and load no model for them", async () => {
    const { s, home, events } = await start(null);
    const r = await dispatch(s, "settings:update", { threads: 3, gpuLayers: "off", contextSize: 2048 });
    expect(r).toMatchObject({ ok: true, value: { threads: 3, gpuLayers: "off", contextSize: 2048, modelPath: null } });
    for (const bad of [{ threads: 0 }, { threads: 1.5 }, { threads: "all" }, { gpuLayers: "on" }, { gpuLayers: -1 }, { contextSize: 100 }, { contextSize: "big" }]) {
      expect(await dispatch(s, "settings:update", bad)).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    }
    // No model is configured, so nothing was (re)loaded.
    expect(events.filter((e) => e.event === "model:did-change")).toEqual([]);
    expect((await s.handlers["model:status"]({})).state).toBe("none");

    await s.dispose();
    services = await createServices({ shell: "in-process", modelPath: null, appDataDir: home, projectsDir: join(home, "projects") });
    expect(await services.handlers["settings:get"]({})).toMatchObject({ threads: 3, gpuLayers: "off", contextSize: 2048 });
    // A partial update keeps the other settings.
    expect(await services.handlers["settings:update"]({ threads: "auto" })).toMatchObject({ threads: "auto", gpuLayers: "off", contextSize: 2048 });
  });

  it("open projects for the UI only from the projects folder or the recent list", async () => {
    const { s, home } = await start(null);
    const created = await s.handlers["project:create"]({ title: "Mine", form: "prose", premise: "P" });
    await s.handlers["project:close"]({});
    const elsewhere = join(mkdtempSync(join(tmpdir(), "cascade-elsewhere-")), "copy.cascade");
    copyFileSync(created.path, elsewhere);
    const refused = await dispatch(s, "project:open", { path: elsewhere });
    expect(refused).toMatchObject({ ok: false, error: { code: "project-file" } });
    const relative = await dispatch(s, "project:open", { path: "projects/mine.cascade" });
    expect(relative.ok).toBe(false);
    const own = await dispatch(s, "project:open", { path: created.path });
    expect(own.ok).toBe(true);
    const model = await dispatch(s, "model:set-path", { path: join(home, "settings.json") });
    expect(model).toMatchObject({ ok: false, error: { code: "model-error" } });

    // Once the writer opened it from the CLI (a trusted caller), it is a recent project: listed and openable.
    await s.dispose();
    const cli = await createServices({ shell: "in-process", openAnyPath: true, appDataDir: home, projectsDir: join(home, "projects") });
    expect((await dispatch(cli, "project:open", { path: elsewhere })).ok).toBe(true);
    await cli.dispose();
    services = await createServices({ shell: "in-process", appDataDir: home, projectsDir: join(home, "projects") });
    const listing = await services.handlers["project:list"]({});
    expect(listing.projects.map((p) => p.path)).toContain(elsewhere);
    expect((await dispatch(services, "project:open", { path: elsewhere })).ok).toBe(true);
  });

  it("validate inputs before any handler runs", async () => {
    const { s } = await start(null);
    const r = await dispatch(s, "project:apply", { op: { type: "editNode", nodeId: 42 } });
    expect(r).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    const u = await dispatch(s, "project:delete-everything", {});
    expect(u).toMatchObject({ ok: false, error: { code: "unknown-method" } });
  });
});

describe.skipIf(!HAS_TEST_MODEL)(`services with the test model${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
  it("stream a generation, then cascade an edit and undo the whole cascade in one step", async () => {
    const { s, events } = await start(TEST_MODEL_PATH);
    const state = await newStory(s);
    const root = state.project.rootId;
    await s.handlers["project:apply"]({ op: { type: "setTitle", title: "T" } });
    await s.handlers["generate:children"]({ nodeId: root, count: 2 });
    await s.whenIdle();
    expect(events.some((e) => e.event === "job:did-stream")).toBe(true);
    await s.handlers["generate:level"]({ level: "scene" });
    await s.whenIdle();
    let p = (await s.handlers["project:get"]({}))!.project;
    const generated = Object.values(p.nodes).filter((n) => n.origin === "generated");
    expect(generated.length).toBeGreaterThanOrEqual(4);

    await s.handlers["project:apply"]({ op: { type: "editNode", nodeId: root, text: "A cat finds a bone." } });
    p = (await s.handlers["project:get"]({}))!.project;
    const staleBefore = [...computeStatuses(p)].filter(([, v]) => v.freshness === "stale").map(([id]) => id).sort();
    expect(staleBefore.sort()).toEqual(generated.map((n) => n.id).sort());
    const undoDepth = p.history.undo.length;

    const { steps } = await s.handlers["cascade:run"]({ nodeId: root });
    expect(steps).toBeGreaterThan(1);
    await s.whenIdle();
    p = (await s.handlers["project:get"]({}))!.project;
    expect([...computeStatuses(p)].filter(([, v]) => v.freshness === "stale")).toEqual([]);
    expect(p.history.undo.length).toBe(undoDepth + 1);
    // Replaced text is kept as an alt of each regenerated node.
    for (const n of generated) expect(p.nodes[n.id]!.alts.map((a) => a.text)).toContain(n.text);

    // A snapshot of what the cascade could rewrite was taken first; it holds the text from before.
    const { snapshots } = await s.handlers["snapshot:list"]({});
    expect(snapshots.map((x) => x.name)).toEqual(["Before regenerate below"]);
    const diff = await s.handlers["snapshot:diff"]({ snapshotId: snapshots[0]!.id });
    const rewritten = generated.filter((g) => p.nodes[g.id]!.text !== g.text || p.nodes[g.id]!.title !== g.title).map((g) => g.id);
    expect(rewritten.length).toBeGreaterThan(0);
    expect(diff.changed.map((c) => c.id).sort()).toEqual(rewritten.sort());

    const undone = await s.handlers["project:undo"]({});
    const staleAfterUndo = [...computeStatuses(undone.project)].filter(([, v]) => v.freshness === "stale").map(([id]) => id).sort();
    expect(staleAfterUndo).toEqual(staleBefore);
  });

  it("reload the model when an engine setting really changes, and only then", async () => {
    const { s, events } = await start(TEST_MODEL_PATH);
    // A reload is a move into "loading" from another state (progress updates stay in it).
    const reloads = () => {
      const states = events.filter((e) => e.event === "model:did-change").map((e) => (e.payload as { state: string }).state);
      return states.filter((st, i) => st === "loading" && states[i - 1] !== "loading").length;
    };
    // Started with threads: 1 as an override; saving 1 as the setting changes nothing that runs.
    await s.handlers["settings:update"]({ threads: 1 });
    expect(reloads()).toBe(0);
    await s.handlers["settings:update"]({ threads: 2 });
    expect(reloads()).toBe(1);
    expect((await s.handlers["model:status"]({})).state).toBe("ready");
    // The dialog sends every field back; unchanged ones do not reload.
    await s.handlers["settings:update"]({ threads: 2, gpuLayers: "auto", contextSize: "auto" });
    expect(reloads()).toBe(1);
    await s.handlers["settings:update"]({ contextSize: 512 });
    expect(reloads()).toBe(2);
    expect((await s.handlers["model:status"]({})).state).toBe("ready");
    // The engine still generates after the reloads.
    const state = await newStory(s);
    await s.handlers["generate:children"]({ nodeId: state.project.rootId, count: 1 });
    await s.whenIdle();
    const jobs = await s.handlers["jobs:list"]({});
    expect(jobs.jobs.map((j) => j.state)).toEqual(["done"]);
  });

  it("cancel a cascade: it says so, and what did not finish is still stale, not half-written", async () => {
    const { s } = await start(TEST_MODEL_PATH);
    const state = await newStory(s);
    const root = state.project.rootId;
    await s.handlers["generate:children"]({ nodeId: root, count: 2 });
    await s.whenIdle();
    await s.handlers["generate:level"]({ level: "scene" });
    await s.whenIdle();
    await s.handlers["project:apply"]({ op: { type: "editNode", nodeId: root, text: "Changed." } });
    const before = (await s.handlers["project:get"]({}))!.project;

    const { cascadeId } = await s.handlers["cascade:run"]({ nodeId: root });
    const cancelled = await s.handlers["jobs:cancel"]({ all: true });
    expect(cancelled.cancelled).toBeGreaterThan(0);
    await s.whenIdle();
    const jobs = await s.handlers["jobs:list"]({});
    const cascade = jobs.cascades.find((c) => c.id === cascadeId)!;
    expect(cascade.state).toBe("cancelled");
    expect(cascade.message).toMatch(/cancelled/i);

    const after = (await s.handlers["project:get"]({}))!.project;
    expect(Object.keys(after.nodes).sort()).toEqual(Object.keys(before.nodes).sort());
    for (const n of Object.values(after.nodes)) {
      const old = before.nodes[n.id]!;
      // Each node either kept its text or was fully regenerated (its old text is then an alt).
      if (n.text !== old.text) expect(n.alts.map((a) => a.text)).toContain(old.text);
    }
    expect(after.nodes[root]!.text).toBe("Changed.");
  });
});
