// Likelihood scoring against the real (tiny) model: sensible text beats its own tokens shuffled,
// scores are sane and deterministic, empty and cancelled scores are defined, and scoring shares
// the scheduler with running generations. One model load for the whole file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "./engine";
import type { PromptParts, ScoreResult } from "./engineTypes";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH, testSampling } from "./testModel";

const PROMPT: PromptParts = { system: "Once upon a time", user: "Lily went to the park." };

const TEXTS = [
  "Once upon a time, there was a little girl named Lily. She loved to play outside.",
  "Tom had a big red ball. He liked to play with it in the park every day.",
  "The sun was shining and the birds were singing. Mom made a yummy cake for Ben.",
];

/** mulberry32: a tiny seeded PRNG, so the shuffles are the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function expectSane(score: ScoreResult): void {
  expect(score.tokens).toBeGreaterThan(0);
  expect(Number.isFinite(score.logProb)).toBe(true);
  expect(Number.isFinite(score.logProbPerToken)).toBe(true);
  expect(score.logProb).toBeLessThanOrEqual(0);
  expect(score.logProbPerToken).toBeLessThanOrEqual(0);
  expect(score.logProbPerToken).toBeCloseTo(score.logProb / score.tokens, 12);
}

describe.skipIf(!HAS_TEST_MODEL)(`Engine.score${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await Engine.load({ modelPath: TEST_MODEL_PATH, threads: 1, gpuLayers: "off", contextSize: 512, sequences: 4 });
  });

  afterAll(async () => {
    await engine?.dispose();
  });

  it.each(TEXTS.map((text, i) => [i, text] as const))(
    "scores sensible text %i higher per token than the same tokens shuffled",
    async (i, text) => {
      const tokens = engine.tokenize(text);
      const mixed = engine.detokenize(shuffled(tokens, 1000 + i));
      expect(mixed).not.toBe(text);
      const sensible = await engine.score({ prompt: PROMPT, text });
      const nonsense = await engine.score({ prompt: PROMPT, text: mixed });
      expectSane(sensible);
      expectSane(nonsense);
      expect(sensible.logProbPerToken).toBeGreaterThan(nonsense.logProbPerToken);
      // Not a coin flip: the tiny model knows its stories (observed ≈ -1 vs ≈ -10 nats per token).
      expect(sensible.logProbPerToken - nonsense.logProbPerToken).toBeGreaterThan(2);
    },
  );

  it("is deterministic, with and without the prompt already in the KV cache", async () => {
    const text = TEXTS[1]!;
    const first = await engine.score({ prompt: PROMPT, text, affinityKey: "determinism" });
    const cached = await engine.score({ prompt: PROMPT, text, affinityKey: "determinism" });
    const elsewhere = await engine.score({ prompt: PROMPT, text });
    for (const again of [cached, elsewhere]) {
      expect(again.tokens).toBe(first.tokens);
      expect(Math.abs(again.logProb - first.logProb)).toBeLessThan(1e-6);
    }
  });

  it("depends on the prompt, which is rendered as generation renders it", async () => {
    const text = "Lily saw a big dog in the park. The dog was happy.";
    const onTopic = await engine.score({ prompt: PROMPT, text });
    const offTopic = await engine.score({ prompt: { system: "", user: "7 + 4 = 11; 9 * 3 = 27;" }, text });
    expect(onTopic.tokens).toBe(offTopic.tokens);
    expect(onTopic.logProb).not.toBeCloseTo(offTopic.logProb, 3);
  });

  it("returns tokens 0 for an empty text (logProb 0, per token -Infinity so it sorts last)", async () => {
    expect(await engine.score({ prompt: PROMPT, text: "" })).toEqual({
      tokens: 0,
      logProb: 0,
      logProbPerToken: Number.NEGATIVE_INFINITY,
    });
  });

  it("rejects with an AbortError when cancelled, before or while queued, and keeps serving", async () => {
    await expect(engine.score({ prompt: PROMPT, text: TEXTS[0]!, signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    const controller = new AbortController();
    const queued = engine.score({ prompt: PROMPT, text: TEXTS[0]!, signal: controller.signal });
    controller.abort(); // the scheduler hands out slots on a microtask, so this is still queued
    await expect(queued).rejects.toMatchObject({ name: "AbortError" });
    expectSane(await engine.score({ prompt: PROMPT, text: TEXTS[0]! }));
  });

  it("rejects a text that does not fit in the context and keeps serving", async () => {
    const huge = "The cat sat on the mat. ".repeat(100);
    await expect(engine.score({ prompt: PROMPT, text: huge })).rejects.toThrow(/fit in the context/);
    expectSane(await engine.score({ prompt: PROMPT, text: TEXTS[2]! }));
  });

  it("scores while generations run in parallel sequences, with the same result as alone", async () => {
    const alone = await engine.score({ prompt: PROMPT, text: TEXTS[0]! });
    const before = engine.stats().maxConcurrent;
    const chunks: string[] = [];
    const [generated, score, other, generated2] = await Promise.all([
      engine.generate({ prompt: PROMPT, sampling: testSampling(40), seed: 3, onText: (c) => chunks.push(c) }),
      engine.score({ prompt: PROMPT, text: TEXTS[0]! }),
      engine.score({ prompt: { system: "", user: "Ben and the cake." }, text: TEXTS[2]!, priority: 10 }),
      engine.generate({ prompt: { system: "", user: "Tom ran." }, sampling: testSampling(40), seed: 4 }),
    ]);
    expect(generated.aborted).toBe(false);
    expect(generated.text).toBe(chunks.join(""));
    expect(generated.text.length).toBeGreaterThan(0);
    expect(generated2.text.length).toBeGreaterThan(0);
    expectSane(other);
    expect(score.tokens).toBe(alone.tokens);
    expect(Math.abs(score.logProb - alone.logProb)).toBeLessThan(1e-4);
    expect(engine.stats().maxConcurrent).toBeGreaterThanOrEqual(Math.max(before, 2));
    expect(engine.stats()).toMatchObject({ running: 0, queued: 0 });
  });
});
