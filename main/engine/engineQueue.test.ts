// Queueing with the real model on a single small sequence: priority, queued cancellation,
// context overflow across and within requests, and dispose. One model load for the whole file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "./engine";
import type { GenerationRequest, GenerationResult } from "./engineTypes";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH, testSampling } from "./testModel";

function request(user: string, maxTokens: number, extra: Partial<GenerationRequest> = {}): GenerationRequest {
  return { prompt: { system: "Once upon a time", user }, sampling: testSampling(maxTokens), seed: 11, ...extra };
}

/** Starts a long request and resolves once it is streaming (so it certainly holds the only sequence). */
function startBlocker(engine: Engine, maxTokens = 200): { started: Promise<void>; done: Promise<GenerationResult> } {
  let markStarted!: () => void;
  const started = new Promise<void>((r) => (markStarted = r));
  const done = engine.generate(request("Mia had a big dog.", maxTokens, { onText: () => markStarted() }));
  return { started, done };
}

describe.skipIf(!HAS_TEST_MODEL)(`Engine queue${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await Engine.load({ modelPath: TEST_MODEL_PATH, threads: 1, gpuLayers: "off", contextSize: 256, sequences: 1 });
  });

  afterAll(async () => {
    await engine?.dispose();
  });

  it("runs a later high-priority request before an earlier low-priority one", async () => {
    const blocker = startBlocker(engine);
    await blocker.started;
    const finished: string[] = [];
    const track = (name: string, p: Promise<GenerationResult>) => p.then((r) => (finished.push(name), r));
    const all = [
      track("blocker", blocker.done),
      track("low", engine.generate(request("A low one.", 10, { priority: 0 }))),
      track("high", engine.generate(request("A high one.", 10, { priority: 10 }))),
      track("low2", engine.generate(request("Another low one.", 10))),
    ];
    expect(engine.stats().queued).toBe(3);
    const results = await Promise.all(all);
    expect(finished).toEqual(["blocker", "high", "low", "low2"]);
    for (const r of results) expect(r.aborted).toBe(false);
    expect(engine.stats().maxConcurrent).toBe(1);
  });

  it("cancels a queued request without running it", async () => {
    const blocker = startBlocker(engine);
    await blocker.started;
    let blockerDone = false;
    void blocker.done.then(() => (blockerDone = true));
    const controller = new AbortController();
    const streamed: string[] = [];
    const queued = engine.generate(request("Never runs.", 50, { signal: controller.signal, onText: (c) => streamed.push(c) }));
    controller.abort();
    const result = await queued;
    expect(result).toMatchObject({ text: "", aborted: true, complete: false });
    expect(result.stats.sequenceIndex).toBe(-1);
    expect(blockerDone).toBe(false); // resolved right away, not when the sequence freed up
    expect(streamed).toEqual([]);
    expect((await blocker.done).aborted).toBe(false);
    const after = await engine.generate(request("Runs fine.", 10));
    expect(after.aborted).toBe(false);
    expect(after.text.length).toBeGreaterThan(0);
  });

  it("survives generations longer than the context, repeatedly, on one sequence", async () => {
    // The grammar forbids stopping before 600 characters, which is more tokens than the 256-token
    // context holds, so the library must shift the context mid-generation.
    const schema = { type: "string", minLength: 600, maxLength: 600 };
    for (const seed of [1, 2]) {
      const result = await engine.generate(request("Ann and the long day.", 1000, { seed, jsonSchema: schema }));
      expect(result.complete).toBe(true);
      expect(result.stats.promptTokens + result.stats.generatedTokens).toBeGreaterThan(engine.info().contextSize);
      const value: unknown = JSON.parse(result.text);
      expect(typeof value).toBe("string");
      expect((value as string).length).toBeGreaterThan(500); // escapes count toward the grammar's length
    }
    for (let i = 0; i < 4; i++) {
      const result = await engine.generate(request(`Story ${i} about a frog.`, 240, { seed: 20 + i }));
      expect(result.aborted).toBe(false);
      expect(result.text.length).toBeGreaterThan(0);
    }
  });

  it("dispose cancels running and queued work and refuses more", async () => {
    const blocker = startBlocker(engine, 240);
    await blocker.started;
    const queued = engine.generate(request("Queued at shutdown.", 10));
    await engine.dispose();
    const [running, waiting] = await Promise.all([blocker.done, queued]);
    expect(running.aborted).toBe(true);
    expect(running.text.length).toBeGreaterThan(0);
    expect(waiting).toMatchObject({ aborted: true, text: "" });
    await expect(engine.generate(request("Too late.", 10))).rejects.toThrow(/shut down/);
  });
});
