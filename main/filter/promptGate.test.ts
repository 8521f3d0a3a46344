/**
 * The gate between the runners and the real engine (tiny test model): what reaches the model is the
 * filter's text — rewritten for rewrite, untouched for allow — and nothing reaches it for block or ask.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FILTER_SETTINGS, type FilterSettings } from "../../shared/filter/types";
import { createProject } from "../../shared/story/create";
import type { Project } from "../../shared/story/model";
import { Engine } from "../engine/engine";
import type { GenerationRequest } from "../engine/engineTypes";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH, testSampling } from "../engine/testModel";
import { AuditLog } from "./auditLog";
import { styleFilter } from "./creators";
import { FilterRefusal, gateEngine, type GenerationEngine } from "./promptGate";

describe.skipIf(!HAS_TEST_MODEL)(`the prompt gate (${HAS_TEST_MODEL ? "test model" : NO_MODEL_REASON})`, () => {
  let engine: Engine;
  let dir: string;
  const sent: GenerationRequest["prompt"][] = [];
  beforeAll(async () => {
    engine = await Engine.load({ modelPath: TEST_MODEL_PATH, threads: 1, gpuLayers: "off", sequences: 1, contextSize: 512 });
    dir = await mkdtemp(join(tmpdir(), "cascade-gate-"));
  });
  afterAll(async () => {
    await engine.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** The real engine, noting each prompt it is given. */
  const recording = (): GenerationEngine => ({
    info: () => engine.info(),
    score: (req) => engine.score(req),
    generate: (req) => {
      sent.push(req.prompt);
      return engine.generate(req);
    },
  });
  const projectWith = (filter: Partial<FilterSettings>): Project => {
    const p = createProject({ title: "T", premise: "p", form: "prose" });
    return { ...p, settings: { ...p.settings, filter: { ...DEFAULT_FILTER_SETTINGS, ...filter } } };
  };
  const request = (user: string): GenerationRequest => ({ prompt: { system: "Write the next line of the story.", user }, sampling: testSampling(8), seed: 1, affinityKey: "node_1" });

  it("sends the rewrite for a protected name, the text as written for a public-domain one, and logs only the rewrite", async () => {
    const audit = new AuditLog(join(dir, "a.cascade.audit.jsonl"));
    const gated = gateEngine(recording(), { filter: styleFilter(), project: () => projectWith({}), audit: () => audit, today: () => "2026-11-23" }, "children");
    sent.length = 0;
    const out = await gated.generate(request("A heist, in the style of Quentin Tarantino."));
    expect(out.text.length).toBeGreaterThan(0);
    await gated.generate(request("A ball, in the style of Jane Austen."));
    expect(sent).toHaveLength(2);
    expect(sent[0]!.user).not.toMatch(/tarantino/i);
    expect(sent[0]!.user).toMatch(/^A heist, in an? .+ style/);
    expect(sent[1]!.user).toBe("A ball, in the style of Jane Austen.");
    const entries = await audit.read();
    expect(entries.map((e) => e.decision)).toEqual(["rewrite"]);
    expect(entries[0]).toMatchObject({ purpose: "children", nodeId: "node_1", matches: [{ name: "Quentin Tarantino", action: "rewrite" }] });
  });

  it("refuses block and ask with the filter's message, and the model never sees the prompt", async () => {
    const audit = new AuditLog(join(dir, "b.cascade.audit.jsonl"));
    const gated = gateEngine(recording(), { filter: styleFilter(), project: () => projectWith({ mode: "strict" }), audit: () => audit, today: () => "2026-11-23" }, "alt");
    sent.length = 0;
    await expect(gated.generate(request("Jokes in the style of Jerry Seinfeld."))).rejects.toBeInstanceOf(FilterRefusal);
    await expect(gated.generate(request("A poem in the style of Swift."))).rejects.toThrow(/could mean/);
    await expect(gated.score({ prompt: { system: "s", user: "in the style of Jerry Seinfeld" }, text: "x" })).rejects.toBeInstanceOf(FilterRefusal);
    expect(sent).toEqual([]);
    expect((await audit.read()).map((e) => e.decision)).toEqual(["ask", "block"]);
  });
});
