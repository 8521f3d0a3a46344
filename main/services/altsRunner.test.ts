/**
 * Alts through the services, with the real test model: a batch of N alts runs as N parallel
 * sequences of one context, each alt lands scored with its provenance, the batch is one undo step,
 * and it all survives a reload.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { EventPayloads } from "../../shared/ipc/contract";
import { DEFAULT_SAMPLING } from "../../shared/story/sampling";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH } from "../engine/testModel";
import { loadProject } from "../storage/projectStore";
import { unusualSampling } from "./altsRunner";
import { createServices } from "./api";
import { dispatch } from "./dispatch";
import type { Services } from "./services";

const SEQUENCES = 8;

let services: Services | null = null;
afterEach(async () => {
  await services?.dispose();
  services = null;
});

async function start(modelPath: string | null) {
  const home = mkdtempSync(join(tmpdir(), "cascade-alts-"));
  services = await createServices({ shell: "in-process", modelPath, threads: 1, sequences: SEQUENCES, appDataDir: home, projectsDir: join(home, "projects") });
  const streams: Array<EventPayloads["job:did-stream"]> = [];
  services.subscribe((event, payload) => {
    if (event === "job:did-stream") streams.push(payload as EventPayloads["job:did-stream"]);
  });
  const s = services;
  const created = await s.handlers["project:create"]({ title: "Alts", form: "prose", premise: "A dog finds a bone.", bible: { tone: "warm" } });
  const root = created.project.rootId;
  await s.handlers["project:apply"]({ op: { type: "insertNode", parentId: root, index: 0, title: "The bone", text: "The dog digs up a bone in the garden." } });
  // Room for the longest item the schema allows, so no alt of the tiny model is ever cut off.
  await s.handlers["project:apply"]({ op: { type: "setProjectSettings", sampling: { premise: { maxTokens: 600 }, beat: { maxTokens: 600 } } } });
  const state = (await s.handlers["project:get"]({}))!;
  const beatId = state.project.nodes[root]!.childIds[0]!;
  return { s, root, beatId, path: state.path, streams };
}

describe("unusualSampling", () => {
  it("samples the element hot and the text cold", () => {
    const steps = unusualSampling(DEFAULT_SAMPLING.line);
    expect(steps.element.temperature).toBeCloseTo(1.2);
    expect(steps.text.temperature).toBeCloseTo(0.6);
    const hot = unusualSampling({ ...DEFAULT_SAMPLING.line, temperature: 1.1 });
    expect(hot.element.temperature).toBeCloseTo(1.4);
    expect(unusualSampling({ ...DEFAULT_SAMPLING.line, temperature: 0.3 }).text.temperature).toBeCloseTo(0.3);
  });
});

describe("alts without a model", () => {
  it("say which node is missing before asking for a model, then say there is no model", async () => {
    const { s, beatId } = await start(null);
    expect(await dispatch(s, "alts:generate", { nodeId: "nope" })).toMatchObject({ ok: false, error: { code: "operation" } });
    expect(await dispatch(s, "alts:generate", { nodeId: beatId })).toMatchObject({ ok: false, error: { code: "no-model" } });
    expect(await dispatch(s, "alts:generate", { nodeId: beatId, count: 65 })).toMatchObject({ ok: false, error: { code: "invalid-input" } });
  });

  it("refuse outline alts for anything but the premise", async () => {
    const { s, beatId } = await start(null);
    const res = await dispatch(s, "alts:generate", { nodeId: beatId, mode: "outline" });
    expect(res).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    expect(JSON.stringify(res)).toContain("premise only");
  });
});

describe.skipIf(!HAS_TEST_MODEL)(`alts with the test model${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
  it("8 alts of a beat: generated in one batch, scored, with provenance, one undo step, and kept across a reload", async () => {
    const { s, beatId, path, streams } = await start(TEST_MODEL_PATH);
    const before = (await s.handlers["project:get"]({}))!.project;
    const undoDepth = before.history.undo.length;

    const { batchId, jobIds } = await s.handlers["alts:generate"]({ nodeId: beatId, count: 8, angle: "funnier" });
    expect(jobIds).toHaveLength(8);
    const running = await s.handlers["jobs:list"]({});
    for (const j of running.jobs.filter((j) => jobIds.includes(j.id))) expect(j).toMatchObject({ kind: "alt", batchId, parentId: beatId, level: "beat" });
    await s.whenIdle();

    const jobs = (await s.handlers["jobs:list"]({})).jobs.filter((j) => jobIds.includes(j.id));
    expect(jobs.map((j) => j.state)).toEqual(Array(8).fill("done"));
    for (const j of jobs) expect(j.sampling?.temperature).toBe(DEFAULT_SAMPLING.beat.temperature);
    // The engine's own counters: all eight ran at the same time, as parallel sequences of one context.
    const stats = s.engineStats!()!;
    expect(stats.maxConcurrent).toBe(Math.min(8, SEQUENCES));
    expect(streams.some((e) => e.kind === "alt" && e.parentId === beatId && e.slots.length === 0)).toBe(true);

    const after = (await s.handlers["project:get"]({}))!.project;
    const beat = after.nodes[beatId]!;
    expect(beat.text).toBe(before.nodes[beatId]!.text);
    expect(beat.alts).toHaveLength(8);
    expect(new Set(beat.alts.map((a) => a.provenance!.seed)).size).toBe(8);
    expect(beat.alts.map((a) => a.provenance!.seed).sort()).toEqual(jobs.map((j) => j.seed).sort());
    for (const a of beat.alts) {
      expect(a).toMatchObject({ reason: "generated", origin: "generated" });
      expect(a.provenance).toMatchObject({ modelId: "stories260K.gguf", templateVersion: "alt-1" });
      expect(Number.isFinite(a.score)).toBe(true);
      expect(a.score!).toBeLessThanOrEqual(0);
    }
    expect(after.history.undo.length).toBe(undoDepth + 1);
    expect(after.history.undo.at(-1)).toMatchObject({ label: "Generate 8 alts", source: "generation", key: `alts:${batchId}` });

    await s.flush();
    const reloaded = await loadProject(path);
    expect(reloaded.nodes[beatId]!.alts).toEqual(beat.alts);

    const undone = await s.handlers["project:undo"]({});
    expect(undone.project.nodes[beatId]!.alts).toEqual([]);
  });

  it("cancelling the batch leaves no partial alt; unusual mode writes alts too", async () => {
    const { s, beatId, root } = await start(TEST_MODEL_PATH);
    const { batchId, jobIds } = await s.handlers["alts:generate"]({ nodeId: beatId, count: 4 });
    expect((await s.handlers["jobs:cancel"]({ jobId: batchId })).cancelled).toBe(4);
    await s.whenIdle();
    const jobs = (await s.handlers["jobs:list"]({})).jobs.filter((j) => jobIds.includes(j.id));
    expect(jobs.map((j) => j.state)).toEqual(Array(4).fill("cancelled"));
    let p = (await s.handlers["project:get"]({}))!.project;
    expect(p.nodes[beatId]!.alts).toEqual([]);
    expect(p.history.undo.some((e) => e.key === `alts:${batchId}`)).toBe(false);

    const unusual = await s.handlers["alts:generate"]({ nodeId: root, count: 3, mode: "unusual" });
    await s.whenIdle();
    const done = (await s.handlers["jobs:list"]({})).jobs.filter((j) => unusual.jobIds.includes(j.id));
    // The tiny model may fail to name an element; every alt ends, and those that finished landed.
    for (const j of done) expect(["done", "failed"]).toContain(j.state);
    const landed = done.filter((j) => j.state === "done");
    expect(landed.length).toBeGreaterThan(0);
    for (const j of landed) expect(j.sampling?.temperature).toBeCloseTo(Math.min(0.6, DEFAULT_SAMPLING.premise.temperature));
    p = (await s.handlers["project:get"]({}))!.project;
    expect(p.nodes[root]!.alts.filter((a) => a.reason === "generated")).toHaveLength(landed.length);
  });

  it("3 outline alts of the premise: each a whole list of beats, one undo step; swapOutline makes them the beats", async () => {
    const { s, root, streams } = await start(TEST_MODEL_PATH);
    await s.handlers["project:apply"]({ op: { type: "setProjectSettings", childCount: { beat: 3 } } });
    const before = (await s.handlers["project:get"]({}))!.project;
    const undoDepth = before.history.undo.length;
    const oldBeats = before.nodes[root]!.childIds.map((id) => before.nodes[id]!.text);

    const { batchId, jobIds } = await s.handlers["alts:generate"]({ nodeId: root, count: 3, mode: "outline" });
    await s.whenIdle();
    const jobs = (await s.handlers["jobs:list"]({})).jobs.filter((j) => jobIds.includes(j.id));
    expect(jobs.map((j) => j.state)).toEqual(Array(3).fill("done"));
    expect(streams.some((e) => e.kind === "alt" && e.parentId === root && e.items.length > 0)).toBe(true);

    const after = (await s.handlers["project:get"]({}))!.project;
    const outlines = after.nodes[root]!.alts.filter((a) => a.outline);
    expect(outlines).toHaveLength(3);
    expect(new Set(outlines.map((a) => a.provenance!.seed)).size).toBe(3);
    for (const a of outlines) {
      expect(a.outline).toHaveLength(3);
      expect(a).toMatchObject({ title: "", reason: "generated", origin: "generated" });
      expect(a.text.startsWith("1. ")).toBe(true);
      expect(a.provenance).toMatchObject({ templateVersion: "beat-1" });
      for (const b of a.outline!) expect(b.origin).toBe("generated");
    }
    expect(after.history.undo.length).toBe(undoDepth + 1);
    expect(after.history.undo.at(-1)).toMatchObject({ label: "Generate 3 outlines", key: `alts:${batchId}` });

    const chosen = outlines[1]!;
    const swapped = (await s.handlers["project:apply"]({ op: { type: "swapOutline", nodeId: root, altId: chosen.id } })).project;
    const beats = swapped.nodes[root]!.childIds.map((id) => swapped.nodes[id]!);
    expect(beats.map((b) => ({ title: b.title, text: b.text }))).toEqual(chosen.outline!.map((b) => ({ title: b.title, text: b.text })));
    for (const b of beats) expect(b.provenance).toEqual(chosen.provenance);
    const outgoing = swapped.nodes[root]!.alts.find((a) => a.reason === "replaced-by-alt")!;
    expect(outgoing.outline!.map((b) => b.text)).toEqual(oldBeats);
    expect(swapped.nodes[root]!.alts.some((a) => a.id === chosen.id)).toBe(false);
  });
});
