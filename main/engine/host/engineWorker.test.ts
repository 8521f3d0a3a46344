/**
 * The engine process for real: the TypeScript worker in a Node child process (as the web shell and
 * the crash test run it) with the real test model. What crosses the boundary must come back as it
 * would in process: streamed text, -Infinity scores, cancellation, ModelLoadError, counters.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ModelLoadError } from "../engineTypes";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH, testSampling } from "../testModel";
import { nodeLauncher } from "./nodeLauncher";
import { createProcessHost, type ProcessHost } from "./processHost";

let host: ProcessHost | null = null;
afterEach(async () => {
  await host?.dispose();
  host = null;
});

const PROMPT = { system: "", user: "Lily found a red box in the garden." };

describe.skipIf(!HAS_TEST_MODEL)(`the engine process${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
  it("generates, streams, scores, cancels and counts across the process boundary", async () => {
    host = createProcessHost(nodeLauncher());
    const progress: number[] = [];
    const engine = await host.load({ modelPath: TEST_MODEL_PATH, threads: 1, gpuLayers: "off", sequences: 2, contextSize: 512 }, { onProgress: (f) => progress.push(f) });
    const pid = host.processId();
    expect(pid).toEqual(expect.any(Number));
    expect(pid).not.toBe(process.pid);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
    expect(engine.info()).toMatchObject({ modelPath: TEST_MODEL_PATH, threads: 1, sequences: 2, contextSize: 512, gpu: false, gpuLayers: 0 });

    const chunks: string[] = [];
    const result = await engine.generate({ prompt: PROMPT, sampling: testSampling(40), seed: 3, onText: (c) => chunks.push(c) });
    expect(result.text.length).toBeGreaterThan(0);
    expect(chunks.join("")).toBe(result.text);
    expect(result.stats.generatedTokens).toBeGreaterThan(0);
    expect(engine.stats()).toMatchObject({ requests: 1, completed: 1, generatedTokens: result.stats.generatedTokens });

    expect(await engine.score({ prompt: PROMPT, text: "" })).toEqual({ tokens: 0, logProb: 0, logProbPerToken: -Infinity });
    const scored = await engine.score({ prompt: PROMPT, text: " She opened it." });
    expect(scored.tokens).toBeGreaterThan(0);
    expect(scored.logProb).toBeLessThan(0);

    // Cancelled once it streams: resolves aborted with the partial text, like the engine in process.
    const controller = new AbortController();
    const partial = await engine.generate({ prompt: PROMPT, sampling: testSampling(400), seed: 4, signal: controller.signal, onText: () => controller.abort() });
    expect(partial.aborted).toBe(true);
    expect(partial.complete).toBe(false);
    expect(engine.stats().aborted).toBe(1);

    await engine.dispose();
    await expect(engine.generate({ prompt: PROMPT, sampling: testSampling(4), seed: 1 })).rejects.toThrow(/unloaded/);
    expect(host.processId()).toBe(pid); // unloading a model keeps the process for the next one
  });

  it("counts what its engines hold as available, and cancels a load on request", async () => {
    host = createProcessHost(nodeLauncher());
    const opts = { modelPath: TEST_MODEL_PATH, threads: 1, gpuLayers: "off", contextSize: 512, sequences: 2 } as const;
    const settings = { gpuLayers: "off", contextSize: 512, sequences: 2 } as const;
    const before = await host.estimate(TEST_MODEL_PATH, settings);
    expect((await host.hardware()).heldByCascade).toEqual({ vramBytes: 0, ramBytes: 0 });

    const engine = await host.load(opts);
    const hw = await host.hardware();
    // The engine holds what the estimate said it would take (capped at what the process sees in use).
    expect(hw.heldByCascade).toEqual({ vramBytes: 0, ramBytes: Math.min(before.ramBytes, hw.ram.totalBytes - hw.ram.freeBytes) });
    expect(hw.heldByCascade!.ramBytes).toBeGreaterThan(0);
    const during = await host.estimate(TEST_MODEL_PATH, settings);
    expect(during).toMatchObject({ fits: before.fits, runsOn: before.runsOn, gpuLayers: before.gpuLayers, ramBytes: before.ramBytes });
    await engine.dispose();
    expect((await host.hardware()).heldByCascade).toEqual({ vramBytes: 0, ramBytes: 0 });

    // Cancelled at its first progress report: the worker stops the load (or, if it finished first, the
    // host unloads it), the load rejects with an AbortError, and nothing stays loaded.
    const pid = host.processId();
    const controller = new AbortController();
    const err = await host.load(opts, { signal: controller.signal, onProgress: () => controller.abort() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "AbortError" });
    expect((await host.hardware()).heldByCascade).toEqual({ vramBytes: 0, ramBytes: 0 });
    expect(host.processId()).toBe(pid);
    const again = await host.load(opts);
    expect(again.info()).toMatchObject({ modelPath: TEST_MODEL_PATH, contextSize: 512 });
  });

  it("reports load failures as ModelLoadError, answers hardware questions, and stops on dispose", async () => {
    host = createProcessHost(nodeLauncher());
    const err = await host.load({ modelPath: "/no/such/model.gguf", threads: 1, gpuLayers: "off" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect(err).toMatchObject({ kind: "missing", path: "/no/such/model.gguf" });
    expect((err as ModelLoadError).hint).not.toBe("");

    const hw = await host.hardware();
    expect(hw.cpus).toBeGreaterThan(0);
    expect(hw.ram.totalBytes).toBeGreaterThan(0);

    const pid = host.processId()!;
    await host.dispose();
    expect(host.processId()).toBeNull();
    expect(() => process.kill(pid, 0)).toThrow(); // the process is gone
  });
});
