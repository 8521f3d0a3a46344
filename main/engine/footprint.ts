/**
 * What a loaded engine takes of the machine's memory, so the hosts can tell fit estimates and the
 * catalog recommendation what loading another model (which replaces it) would free.
 */
import type { LlamaContext, LlamaModel } from "node-llama-cpp";
import type { HeldMemory } from "../../shared/models/types";

/**
 * node-llama-cpp's estimate for exactly what was loaded (its GPU layers, mmap, context size and
 * sequences): the arithmetic estimateFit uses, so a fit estimate for the model in use that counts this
 * as free agrees with the one made before loading it. Measuring free memory before and after the load
 * would not do: an mmapped model's pages come in only as they are read, and other programs move the
 * figures meanwhile. If the estimate fails, the model's and context's own sizes, split by the share of
 * layers on the GPU.
 */
export async function loadedFootprint(model: LlamaModel, context: LlamaContext): Promise<HeldMemory> {
  const gpuLayers = model.gpuLayers;
  try {
    const insights = model.fileInsights;
    const weights = await insights.estimateModelResourceRequirementsV2({ gpuLayers, useMmap: model.useMmap });
    const cache = await insights.estimateContextResourceRequirementsV2({
      contextSize: context.contextSize,
      modelGpuLayers: gpuLayers,
      sequences: context.totalSequences,
      useMmap: model.useMmap,
    });
    return { vramBytes: weights.gpuVram + cache.gpuVram, ramBytes: weights.cpuRam + cache.cpuRam };
  } catch {
    const total = model.size + context.stateSize;
    const layers = model.fileInsights.totalLayers;
    const share = layers > 0 ? Math.min(1, Math.max(0, gpuLayers / layers)) : 0;
    return { vramBytes: Math.round(total * share), ramBytes: Math.round(total * (1 - share)) };
  }
}

export const NOTHING_HELD: HeldMemory = Object.freeze({ vramBytes: 0, ramBytes: 0 });

/** What a host's engines hold together. */
export function sumHeld(parts: Iterable<HeldMemory>): HeldMemory {
  let vramBytes = 0;
  let ramBytes = 0;
  for (const p of parts) {
    vramBytes += Math.max(0, p.vramBytes);
    ramBytes += Math.max(0, p.ramBytes);
  }
  return { vramBytes, ramBytes };
}

/**
 * The engines a host has loaded, each with the memory it took (Engine.memory()): the in-process host
 * keeps one, and so does the engine process for the process host; each passes the total to runtimeInfo's
 * hardware and fit answers.
 */
export class HeldEngines<K> {
  private readonly engines = new Map<K, HeldMemory>();

  add(key: K, memory: HeldMemory): void {
    this.engines.set(key, { ...memory });
  }

  delete(key: K): void {
    this.engines.delete(key);
  }

  clear(): void {
    this.engines.clear();
  }

  /** What they hold together. */
  total(): HeldMemory {
    return sumHeld(this.engines.values());
  }
}
