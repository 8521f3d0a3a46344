// The engine against the real (tiny) model: streaming, JSON grammar, cancellation, parallel
// sequences and KV-cache reuse. One model load for the whole file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "./engine";
import type { GenerationRequest } from "./engineTypes";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH, testSampling } from "./testModel";

const SCHEMA = {
  type: "array",
  minItems: 1,
  maxItems: 3,
  items: {
    type: "object",
    properties: {
      title: { type: "string", maxLength: 20 },
      text: { type: "string", maxLength: 60 },
    },
    required: ["title", "text"],
  },
} as const;

function request(user: string, maxTokens: number, extra: Partial<GenerationRequest> = {}): GenerationRequest {
  return { prompt: { system: "Once upon a time", user }, sampling: testSampling(maxTokens), seed: 7, ...extra };
}

describe.skipIf(!HAS_TEST_MODEL)(`Engine${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
  let engine: Engine;

  beforeAll(async () => {
    const progress: number[] = [];
    engine = await Engine.load(
      { modelPath: TEST_MODEL_PATH, threads: 1, gpuLayers: "auto", contextSize: 1024, sequences: 4 },
      { onProgress: (p) => progress.push(p) },
    );
    expect(progress.at(-1)).toBe(1);
  });

  afterAll(async () => {
    await engine?.dispose();
  });

  it("reports what it loaded", () => {
    const info = engine.info();
    expect(info).toMatchObject({
      modelId: "stories260K.gguf",
      sequences: 4,
      threads: 1,
      hasChatTemplate: false,
      promptFormat: "completion",
      gpuLayers: 0,
    });
    expect(info.contextSize).toBeGreaterThanOrEqual(1024);
  });

  it("streams chunks that add up to the result", async () => {
    const chunks: string[] = [];
    const result = await engine.generate(request("Lily went to the park.", 40, { onText: (c) => chunks.push(c) }));
    expect(result.aborted).toBe(false);
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks.join("")).toBe(result.text);
    expect(result.text.trim().length).toBeGreaterThan(0);
    expect(result.stats.generatedTokens).toBeGreaterThan(1);
    expect(result.stats.generatedTokens).toBeLessThanOrEqual(40);
    expect(result.stats.promptTokens).toBeGreaterThan(3);
    expect(result.stats.evaluatedTokens + result.stats.reusedTokens).toBe(result.stats.promptTokens);
    // complete is true only if the model stopped on its own before maxTokens.
    expect(result.complete).toBe(result.stats.generatedTokens < 40);
  });

  it("constrains output to a JSON schema", async () => {
    const result = await engine.generate(request("Tell me three things.", 600, { jsonSchema: SCHEMA, seed: 3 }));
    expect(result.complete).toBe(true);
    const value: unknown = JSON.parse(result.text);
    expect(Array.isArray(value)).toBe(true);
    const items = value as { title: unknown; text: unknown }[];
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.length).toBeLessThanOrEqual(3);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(["text", "title"]);
      expect(typeof item.title).toBe("string");
      expect(typeof item.text).toBe("string");
      expect((item.title as string).length).toBeLessThanOrEqual(20);
      expect((item.text as string).length).toBeLessThanOrEqual(60);
    }
  });

  it("marks JSON cut off by maxTokens as incomplete", async () => {
    const result = await engine.generate(request("Tell me.", 6, { jsonSchema: SCHEMA }));
    expect(result.aborted).toBe(false);
    expect(result.complete).toBe(false);
    expect(result.stats.generatedTokens).toBe(6);
    expect(() => JSON.parse(result.text)).toThrow();
  });

  it("stops mid-generation on abort, keeps the partial text, and keeps serving", async () => {
    const controller = new AbortController();
    const chunks: string[] = [];
    const result = await engine.generate(
      request("Tom had a red ball.", 200, {
        signal: controller.signal,
        onText: (c) => {
          chunks.push(c);
          if (chunks.length === 1) controller.abort();
        },
      }),
    );
    expect(result.aborted).toBe(true);
    expect(result.complete).toBe(false);
    expect(result.text).toBe(chunks.join(""));
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.stats.generatedTokens).toBeLessThan(200);

    const next = await engine.generate(request("Tom had a blue ball.", 20));
    expect(next.aborted).toBe(false);
    expect(next.text.length).toBeGreaterThan(0);
  });

  it("returns an empty aborted result for an already-cancelled request", async () => {
    const onText = (): void => {
      throw new Error("should not stream");
    };
    const result = await engine.generate(request("Never.", 20, { signal: AbortSignal.abort(), onText }));
    expect(result).toMatchObject({ text: "", aborted: true, complete: false });
    expect(result.stats.sequenceIndex).toBe(-1);
  });

  it("runs independent requests in parallel sequences of one batched context", async () => {
    const events: string[] = [];
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        engine
          .generate(
            request(`Sam found a box number ${i}.`, 30, {
              seed: 100 + i,
              onText: () => {
                if (!events.includes(`chunk${i}`)) events.push(`chunk${i}`);
              },
            }),
          )
          .then((r) => {
            events.push(`done${i}`);
            return r;
          }),
      ),
    );
    expect(engine.stats().maxConcurrent).toBeGreaterThanOrEqual(2);
    expect(new Set(results.map((r) => r.stats.sequenceIndex)).size).toBe(4);
    // Real interleaving: every request streamed something before the first one finished.
    const firstDone = events.findIndex((e) => e.startsWith("done"));
    for (const i of [0, 1, 2, 3]) expect(events.indexOf(`chunk${i}`)).toBeLessThan(firstDone);
    for (const r of results) expect(r.text.length).toBeGreaterThan(0);
  });

  it("reuses the KV cache of a shared prefix through the affinity key", async () => {
    const system = "Zed the zebra lived in a quiet zoo near the big blue sea with his friends.";
    const ask = (user: string, affinityKey?: string) =>
      engine.generate({ prompt: { system, user }, sampling: testSampling(20), seed: 1, affinityKey });
    const first = await ask("One day Zed saw a kite.", "zed");
    const second = await ask("One day Zed saw a boat.", "zed");
    expect(second.stats.sequenceIndex).toBe(first.stats.sequenceIndex);
    expect(second.stats.reusedTokens).toBeGreaterThan(first.stats.reusedTokens);
    expect(second.stats.reusedTokens).toBeGreaterThan(10);
    expect(second.stats.evaluatedTokens).toBeLessThan(second.stats.promptTokens);
    // Without the key the least recently used sequence is picked, which has no such prefix.
    const control = await ask("One day Zed saw a bird.");
    expect(control.stats.sequenceIndex).not.toBe(first.stats.sequenceIndex);
    expect(control.stats.reusedTokens).toBeLessThan(second.stats.reusedTokens);
  });

  it("rejects a prompt that cannot fit and keeps serving", async () => {
    const huge = "The cat sat on the mat. ".repeat(400);
    await expect(engine.generate(request(huge, 10))).rejects.toThrow(/prompt is \d+ tokens/);
    const next = await engine.generate(request("Ben liked cake.", 10));
    expect(next.text.length).toBeGreaterThan(0);
    const s = engine.stats();
    expect(s.failed).toBeGreaterThanOrEqual(1);
    expect(s.requests).toBe(s.completed + s.aborted + s.failed);
    expect(s.running).toBe(0);
    expect(s.queued).toBe(0);
  });
});
