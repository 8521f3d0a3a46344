/** The hardware probe, with the real (CPU-only here) runtime, without one, and with a stand-in GPU. */
import os from "node:os";
import type { Llama } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import { getRuntime } from "../engine/llamaRuntime";
import { resolveThreads } from "../engine/modelFile";
import { detectHardware, probeHardware } from "./hardware";

const GB = 1024 ** 3;

describe("detectHardware", () => {
  it("describes this CPU-only machine through the real runtime", async () => {
    const llama = await getRuntime("auto");
    const hw = await detectHardware(llama);
    expect(hw.gpu).toBe(llama.gpu);
    if (llama.gpu === false) {
      expect(hw.vram).toBeNull();
      expect(hw.gpuNames).toEqual([]);
    } else {
      expect(hw.gpuNames.length).toBeGreaterThan(0);
    }
    expect(hw.ram.totalBytes).toBeGreaterThan(0);
    expect(hw.ram.freeBytes).toBeGreaterThan(0);
    expect(hw.ram.freeBytes).toBeLessThanOrEqual(hw.ram.totalBytes);
    expect(hw.cpus).toBe(os.availableParallelism());
    expect(hw.recommendedThreads).toBe(resolveThreads("auto", hw.cpus));
    expect(hw.recommendedThreads).toBeGreaterThanOrEqual(1);
    expect(hw.problem).toBeNull();
    expect(await probeHardware()).toMatchObject({ gpu: hw.gpu, cpus: hw.cpus, problem: null });
  });

  it("without a runtime (the GPU probe failed): CPU only, with the problem", async () => {
    const hw = await detectHardware(null, "CUDA driver too old");
    expect(hw).toMatchObject({ gpu: false, gpuNames: [], vram: null, problem: "CUDA driver too old" });
    expect(hw.ram.totalBytes).toBeGreaterThan(0);
    expect((await detectHardware(null)).problem).toMatch(/could not be probed/);
  });

  it("reads the backend, names and VRAM of a GPU runtime", async () => {
    const fake = {
      gpu: "cuda",
      getGpuDeviceNames: async () => ["NVIDIA GeForce RTX 4070"],
      getVramState: async () => ({ total: 12 * GB, used: 2 * GB, free: 10 * GB, unifiedSize: 0 }),
    } as unknown as Llama;
    const hw = await detectHardware(fake);
    expect(hw).toMatchObject({ gpu: "cuda", gpuNames: ["NVIDIA GeForce RTX 4070"], vram: { totalBytes: 12 * GB, freeBytes: 10 * GB }, problem: null });

    const silent = { ...fake, gpu: "vulkan", getVramState: async () => ({ total: 0, used: 0, free: 0, unifiedSize: 0 }) } as unknown as Llama;
    expect((await detectHardware(silent)).vram).toBeNull();
  });

  it("reports what Cascade's loaded models hold, next to (not inside) the free memory, at most what is in use", async () => {
    const fake = {
      gpu: "cuda",
      getGpuDeviceNames: async () => ["RTX"],
      getVramState: async () => ({ total: 12 * GB, used: 10 * GB, free: 2 * GB, unifiedSize: 0 }),
    } as unknown as Llama;
    const hw = await detectHardware(fake, undefined, { vramBytes: 7 * GB, ramBytes: 1024 });
    expect(hw.vram).toEqual({ totalBytes: 12 * GB, freeBytes: 2 * GB });
    expect(hw.heldByCascade).toEqual({ vramBytes: 7 * GB, ramBytes: Math.min(1024, hw.ram.totalBytes - hw.ram.freeBytes) });
    expect((await detectHardware(fake, undefined, { vramBytes: 30 * GB, ramBytes: 0 })).heldByCascade!.vramBytes).toBe(10 * GB);
    expect((await detectHardware(fake)).heldByCascade).toEqual({ vramBytes: 0, ramBytes: 0 });

    const cpu = await detectHardware(null, "no GPU", { vramBytes: 0, ramBytes: 100 * 1024 * GB });
    expect(cpu.heldByCascade).toEqual({ vramBytes: 0, ramBytes: cpu.ram.totalBytes - cpu.ram.freeBytes });
  });
});
