/**
 * The in-process host with the real (CPU-only here) runtime and the tiny test model: what its loaded
 * engines hold counts as available to hardware and fit answers, and a load can be cancelled.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Engine } from "../engine";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH } from "../testModel";
import type { EngineHost, FitSettings } from "./engineHost";
import { createInProcessHost } from "./inProcessHost";

let host: EngineHost | null = null;
afterEach(async () => {
  await host?.dispose();
  host = null;
});

describe.skipIf(!HAS_TEST_MODEL)(`the in-process host${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
  const settings: FitSettings = { gpuLayers: "auto", contextSize: 512, sequences: 2 };
  const opts = { modelPath: TEST_MODEL_PATH, threads: 1, gpuLayers: "auto" as const, contextSize: 512, sequences: 2 };

  it("estimates the model in use as it did before loading it, and reports what it holds", async () => {
    host = createInProcessHost();
    const before = await host.estimate(TEST_MODEL_PATH, settings);
    expect((await host.hardware()).heldByCascade).toEqual({ vramBytes: 0, ramBytes: 0 });

    const engine = await host.load(opts);
    const memory = (engine as Engine).memory();
    expect(memory.ramBytes).toBeGreaterThan(0);
    const hw = await host.hardware();
    expect(hw.heldByCascade!.vramBytes).toBe(Math.min(memory.vramBytes, hw.vram ? hw.vram.totalBytes - hw.vram.freeBytes : 0));
    expect(hw.heldByCascade!.ramBytes).toBe(Math.min(memory.ramBytes, hw.ram.totalBytes - hw.ram.freeBytes));

    const during = await host.estimate(TEST_MODEL_PATH, settings);
    expect(during).toMatchObject({ fits: before.fits, runsOn: before.runsOn, gpuLayers: before.gpuLayers, ramBytes: before.ramBytes, vramBytes: before.vramBytes });

    await engine.dispose();
    expect((await host.hardware()).heldByCascade).toEqual({ vramBytes: 0, ramBytes: 0 });
  });

  it("a second engine adds to what is held; disposing the host lets go of all of it", async () => {
    host = createInProcessHost();
    const a = (await host.load(opts)) as Engine;
    const b = (await host.load({ ...opts, contextSize: 256 })) as Engine;
    const hw = await host.hardware();
    const expected = a.memory().ramBytes + b.memory().ramBytes;
    expect(hw.heldByCascade!.ramBytes).toBe(Math.min(expected, hw.ram.totalBytes - hw.ram.freeBytes));
    await host.dispose();
    expect((await host.hardware()).heldByCascade).toEqual({ vramBytes: 0, ramBytes: 0 });
  });

  it("passes the load's signal to the engine: a cancelled load rejects with an AbortError and holds nothing", async () => {
    host = createInProcessHost();
    const controller = new AbortController();
    controller.abort();
    await expect(host.load(opts, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect((await host.hardware()).heldByCascade).toEqual({ vramBytes: 0, ramBytes: 0 });
  });
});
