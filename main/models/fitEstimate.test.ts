/** Fit estimates with the real (CPU-only here) runtime and the tiny test model. */
import * as fsp from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readGgufFileInfo, type Llama } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelLoadError } from "../engine/engineTypes";
import { getRuntime } from "../engine/llamaRuntime";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH } from "../engine/testModel";
import { estimateFit, summarize, vramWithHeld } from "./fitEstimate";

const skipped = HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`;
const MB = 1024 ** 2;
let dir = "";

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(tmpdir(), "cascade-fit-"));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

describe.skipIf(!HAS_TEST_MODEL)(`estimateFit${skipped}`, () => {
  it("the test model fits on this machine's CPU, with the engine's context rule", async () => {
    const llama = await getRuntime("auto");
    const info = await readGgufFileInfo(TEST_MODEL_PATH, { logWarnings: false });
    const blocks = (info.architectureMetadata as { block_count: number }).block_count;
    const fit = await estimateFit(llama, TEST_MODEL_PATH, { gpuLayers: "auto", contextSize: "auto", sequences: 2 });
    expect(fit.path).toBe(path.resolve(TEST_MODEL_PATH));
    expect(fit.fits).toBe(true);
    // GPU layers count the transformer blocks plus the output layer, as llama.cpp's n_gpu_layers does.
    expect(fit.totalLayers).toBe(blocks + 1);
    if (llama.gpu === false) {
      expect(fit.runsOn).toBe("cpu");
      expect(fit.gpuLayers).toBe(0);
      expect(fit.vramBytes).toBe(0);
      expect(fit.summary).toMatch(/^Runs on the CPU: needs about [\d.]+ (MB|GB) of RAM\.$/);
    }
    // The test model was trained on 2048 tokens: "auto" is min(4096, 2048) per sequence.
    expect(fit.contextSize).toBe(2048);
    expect(fit.ramBytes).toBeGreaterThan(0);
  });

  it("an absurd context needs far more memory, and more sequences need more too", async () => {
    const llama = await getRuntime("auto");
    const base = await estimateFit(llama, TEST_MODEL_PATH, { gpuLayers: "off", contextSize: 2048, sequences: 1 });
    const four = await estimateFit(llama, TEST_MODEL_PATH, { gpuLayers: "off", contextSize: 2048, sequences: 4 });
    const huge = await estimateFit(llama, TEST_MODEL_PATH, { gpuLayers: "off", contextSize: 4_000_000, sequences: 8 });
    expect(base.runsOn).toBe("cpu");
    expect(four.ramBytes).toBeGreaterThan(base.ramBytes);
    expect(huge.contextSize).toBe(4_000_000);
    expect(huge.ramBytes).toBeGreaterThan(base.ramBytes * 100);
    // 32M tokens × (5 layers × 4 KV heads × 8 dims × K and V × 2 bytes of f16 = 640 bytes) ≈ 20 GB.
    expect(huge.ramBytes).toBeGreaterThan(15_000 * MB);
    if (!huge.fits) expect(huge.summary).toMatch(/^Does not fit/);
  });

  it("counts what Cascade's loaded models hold as free RAM, never more than the total", async () => {
    const real = await getRuntime("off");
    const settings = { gpuLayers: "off", contextSize: 512, sequences: 2 } as const;
    const need = (await estimateFit(real, TEST_MODEL_PATH, settings)).ramBytes;
    // The real runtime, but a machine whose RAM the loaded model has nearly used up, without swap.
    const busy = (free: number, total: number) =>
      Object.create(real, {
        getRamState: { value: async () => ({ total, free, wired: 0 }) },
        getSwapState: { value: async () => ({ maxSize: 0, allocated: 0, used: 0 }) },
      }) as Llama;
    const llama = busy(need / 2, 64 * MB);
    const alone = await estimateFit(llama, TEST_MODEL_PATH, settings);
    expect(alone).toMatchObject({ fits: false, runsOn: "cpu", ramBytes: need });
    expect(alone.summary).toMatch(/^Does not fit: needs about [\d.]+ MB of RAM but [\d.]+ MB is free;/);

    const replacing = await estimateFit(llama, TEST_MODEL_PATH, settings, { vramBytes: 0, ramBytes: need });
    expect(replacing).toMatchObject({ fits: true, runsOn: "cpu", ramBytes: need });
    // A hold bigger than the machine is capped at its total.
    const tiny = busy(0, need / 2);
    const capped = await estimateFit(tiny, TEST_MODEL_PATH, settings, { vramBytes: 0, ramBytes: 100 * need });
    expect(capped.fits).toBe(false);
    expect(capped.summary).toMatch(/is free even with the current model unloaded;/);
  });

  it("rejects a truncated or non-GGUF file with validateModelFile's ModelLoadError", async () => {
    const llama = await getRuntime("auto");
    const bytes = await fsp.readFile(TEST_MODEL_PATH);
    const truncated = path.join(dir, "truncated.gguf");
    await fsp.writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const settings = { gpuLayers: "auto", contextSize: "auto", sequences: 1 } as const;
    const err = await estimateFit(llama, truncated, settings).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as ModelLoadError).kind).toBe("unreadable");
    await expect(estimateFit(llama, path.join(dir, "missing.gguf"), settings)).rejects.toBeInstanceOf(ModelLoadError);
  });
});

describe("vramWithHeld", () => {
  it("gives the GPU-layer fitting the free VRAM plus what the loaded models hold, less the runtime's padding, at most the total", async () => {
    const GB = 1024 ** 3;
    const gpu = { getVramState: async () => ({ total: 12 * GB, used: 10 * GB, free: 2 * GB, unifiedSize: 0 }), vramPaddingSize: 0.5 * GB };
    expect(await vramWithHeld(gpu, 8 * GB)).toEqual({ total: 12 * GB, free: 9.5 * GB });
    expect(await vramWithHeld(gpu, 40 * GB)).toEqual({ total: 12 * GB, free: 11.5 * GB });
    expect(await vramWithHeld({ ...gpu, vramPaddingSize: 4 * GB }, 0)).toEqual({ total: 12 * GB, free: 0 });
  });
});

describe("summarize", () => {
  const facts = { fits: true, runsOn: "gpu" as const, gpuLayers: 33, totalLayers: 33, vramBytes: 6000 * MB, ramBytes: 500 * MB, freeVram: 8000 * MB, freeRam: 16000 * MB, vramFits: true, gpuOff: false };
  it("says where it runs and what it needs, in one line", () => {
    expect(summarize(facts)).toBe("Fits entirely on your GPU (33 of 33 layers): about 5.9 GB of GPU memory and 500 MB of RAM.");
    expect(summarize({ ...facts, runsOn: "partial", gpuLayers: 20 })).toMatch(/^Partly on your GPU \(20 of 33 layers/);
    expect(summarize({ ...facts, runsOn: "cpu", gpuLayers: 0, vramBytes: 0, gpuOff: true })).toBe("Runs on the CPU (GPU layers are off): needs about 500 MB of RAM.");
    expect(summarize({ ...facts, fits: false, vramFits: false, vramBytes: 9000 * MB })).toMatch(/^Does not fit: needs about 8.8 GB of GPU memory but 7.8 GB is free/);
    expect(summarize({ ...facts, fits: false, runsOn: "cpu", ramBytes: 20000 * MB })).toMatch(/^Does not fit: needs about 20 GB of RAM but 16 GB is free/);
    expect(summarize({ ...facts, runsOn: "cpu", ramBytes: 17000 * MB })).toMatch(/slow\.$/);
  });
});
