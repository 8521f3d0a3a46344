// Loading failures and the chat-template path (forced, since the test model has no template).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LlamaModel } from "node-llama-cpp";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { estimateFit } from "../models/fitEstimate";
import { Engine } from "./engine";
import { ModelLoadError, type EngineOptions } from "./engineTypes";
import { getRuntime } from "./llamaRuntime";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH, testSampling } from "./testModel";

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-engineload-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function loadError(modelPath: string): Promise<ModelLoadError> {
  const err = await Engine.load({ modelPath, threads: 1, gpuLayers: "off" }).then(
    async (engine) => {
      await engine.dispose();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelLoadError);
  return err as ModelLoadError;
}

describe("Engine.load failures", () => {
  it("rejects a missing file before touching the runtime", async () => {
    const p = path.join(dir, "missing.gguf");
    const err = await loadError(p);
    expect(err.kind).toBe("missing");
    expect(err.message).toBe(`Model file not found: ${p}`);
  });

  it.skipIf(!HAS_TEST_MODEL)("explains a GGUF that llama.cpp refuses, with the reason from its log", async () => {
    // Same file with general.architecture renamed: it parses as GGUF but no loader knows it.
    const bytes = Buffer.from(fs.readFileSync(TEST_MODEL_PATH));
    const key = bytes.indexOf("general.architecture");
    expect(key).toBeGreaterThan(0);
    const value = key + "general.architecture".length + 4 /* type */ + 8 /* length */;
    expect(bytes.subarray(value, value + 5).toString()).toBe("llama");
    bytes.write("zzzzz", value);
    const p = path.join(dir, "alien.gguf");
    fs.writeFileSync(p, bytes);

    const err = await loadError(p);
    expect(err.kind).toBe("load-failed");
    expect(err.message).toContain(p);
    expect(err.message).toMatch(/unknown model architecture/i);
    expect(err.hint).toMatch(/not supported/);
  });
});

describe.skipIf(!HAS_TEST_MODEL)(`Engine.load cancellation and memory${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
  const opts: EngineOptions = { modelPath: TEST_MODEL_PATH, threads: 1, gpuLayers: "off", contextSize: 512, sequences: 2 };
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("an already-aborted signal rejects with an AbortError and loads nothing", async () => {
    const loadModel = vi.spyOn(await getRuntime("off"), "loadModel");
    const controller = new AbortController();
    controller.abort();
    const err = await Engine.load(opts, { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "AbortError" });
    expect(err).not.toBeInstanceOf(ModelLoadError);
    expect(loadModel).not.toHaveBeenCalled();
  });

  it("aborted while the model loads: rejects with an AbortError and releases what it had loaded", async () => {
    const loadModel = vi.spyOn(await getRuntime("off"), "loadModel");
    const controller = new AbortController();
    const err = await Engine.load(opts, { signal: controller.signal, onProgress: () => controller.abort() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "AbortError" });
    expect(loadModel).toHaveBeenCalledTimes(1);
    expect(loadModel.mock.calls[0]![0].loadSignal).toBe(controller.signal);
    // node-llama-cpp either stopped the load or finished it, in which case the engine unloaded it.
    const model = await (loadModel.mock.results[0]!.value as Promise<LlamaModel>).catch(() => null);
    if (model) expect(model.disposed).toBe(true);
  });

  it("reports what it holds: for a CPU-only load, the RAM the fit estimate said it would take", async () => {
    const estimate = await estimateFit(await getRuntime("off"), TEST_MODEL_PATH, { gpuLayers: "off", contextSize: 512, sequences: 2 });
    const engine = await Engine.load(opts);
    try {
      expect(engine.memory()).toEqual({ vramBytes: 0, ramBytes: estimate.ramBytes });
      expect(estimate.ramBytes).toBeGreaterThan(0);
    } finally {
      await engine.dispose();
    }
  });
});

describe.skipIf(!HAS_TEST_MODEL)(`Engine chat path${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await Engine.load({
      modelPath: TEST_MODEL_PATH,
      threads: 1,
      gpuLayers: "off",
      contextSize: 512,
      sequences: 2,
      promptFormat: "chat",
    });
  });

  afterAll(async () => {
    await engine?.dispose();
  });

  it("reports the forced format and the missing template", () => {
    expect(engine.info()).toMatchObject({ promptFormat: "chat", hasChatTemplate: false, gpu: false, sequences: 2 });
  });

  it("streams a chat response and reuses the templated prefix", async () => {
    const system = "Pip the puppy lived on a farm with many cows and one old horse.";
    const chunks: string[] = [];
    const first = await engine.generate({
      prompt: { system, user: "Pip ran to the barn." },
      sampling: testSampling(30),
      seed: 5,
      affinityKey: "pip",
      onText: (c) => chunks.push(c),
    });
    expect(first.aborted).toBe(false);
    expect(chunks.join("")).toBe(first.text);
    expect(first.text.length).toBeGreaterThan(0);
    // The template wraps the system and user text, so the prompt is longer than the raw text alone.
    expect(first.stats.promptTokens).toBeGreaterThan(20);

    const second = await engine.generate({
      prompt: { system, user: "Pip ran to the pond." },
      sampling: testSampling(30),
      seed: 6,
      affinityKey: "pip",
    });
    expect(second.stats.sequenceIndex).toBe(first.stats.sequenceIndex);
    expect(second.stats.reusedTokens).toBeGreaterThan(10);
  });

  it("constrains chat output to a JSON schema", async () => {
    const result = await engine.generate({
      prompt: { system: "", user: "Name two animals." },
      sampling: testSampling(300),
      seed: 9,
      jsonSchema: { type: "object", properties: { names: { type: "array", items: { type: "string", maxLength: 12 }, minItems: 2, maxItems: 2 } }, required: ["names"] },
    });
    expect(result.complete).toBe(true);
    const value = JSON.parse(result.text) as { names: string[] };
    expect(value.names).toHaveLength(2);
    for (const n of value.names) expect(n.length).toBeLessThanOrEqual(12);
  });

  it("scores through the chat template: finite, deterministic, sensible beats reversed", async () => {
    const prompt = { system: "", user: "Tell me about Lily." };
    const text = "Lily was a little girl. She liked to play with her dog.";
    const reversed = text.split(" ").reverse().join(" ");
    const [a, b, c] = [
      await engine.score({ prompt, text }),
      await engine.score({ prompt, text }),
      await engine.score({ prompt, text: reversed }),
    ];
    expect(a.tokens).toBeGreaterThan(5);
    expect(Number.isFinite(a.logProb)).toBe(true);
    expect(a.logProb).toBeLessThanOrEqual(0);
    expect(Math.abs(b.logProb - a.logProb)).toBeLessThan(1e-6);
    expect(a.logProbPerToken).toBeGreaterThan(c.logProbPerToken);
  });

  it("returns partial text when aborted mid-stream", async () => {
    const controller = new AbortController();
    let count = 0;
    const result = await engine.generate({
      prompt: { system: "", user: "Tell a long story." },
      sampling: testSampling(200),
      seed: 4,
      signal: controller.signal,
      onText: () => {
        if (++count === 2) controller.abort();
      },
    });
    expect(result.aborted).toBe(true);
    expect(result.complete).toBe(false);
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.stats.generatedTokens).toBeLessThan(200);
  });
});
