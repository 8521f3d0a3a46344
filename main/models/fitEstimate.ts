/**
 * Whether a model fits this machine with the given settings, before loading it. The arithmetic is
 * node-llama-cpp's (GgufInsights and its configuration resolver), fed with the same choices the
 * engine makes in Engine.load: the same context size per sequence and the same GPU-layer fitting.
 * Memory that Cascade's loaded models hold counts as available: loading a model unloads the one it
 * replaces first (ModelService), so the estimate must not count the current model against its successor.
 */
import { GgufInsights, InsufficientMemoryError, type Llama } from "node-llama-cpp";
import { formatGb, freeWithHeld } from "../../shared/models/catalog";
import type { FitEstimate, HeldMemory } from "../../shared/models/types";
import { validateModelFile } from "../engine/modelFile";

export interface FitSettings {
  gpuLayers: "auto" | "off" | number;
  /** Tokens per sequence; "auto" is the engine's min(4096, trained context). */
  contextSize: "auto" | number;
  sequences: number;
}

/** The engine's default context per sequence (Engine.load's DEFAULT_MAX_CONTEXT). */
const DEFAULT_MAX_CONTEXT = 4096;

/**
 * Estimates what loading `path` with `settings` would take on the machine `llama` runs on.
 * `contextSize` in the result is per sequence (as the engine reports it); the memory covers all
 * sequences. `held` is what the models loaded with this runtime take (see HardwareInfo.heldByCascade):
 * it counts as free. Rejects with the ModelLoadError of validateModelFile for a missing or broken file.
 */
export async function estimateFit(llama: Llama, path: string, settings: FitSettings, held: HeldMemory = NOTHING_HELD): Promise<FitEstimate> {
  const file = await validateModelFile(path);
  const insights = await GgufInsights.from(file.info, llama);
  const resolver = insights.configurationResolver;
  const totalLayers = insights.totalLayers;
  const sequences = Math.max(1, Math.floor(settings.sequences) || 1);
  const contextSize =
    settings.contextSize === "auto"
      ? Math.min(DEFAULT_MAX_CONTEXT, file.trainContextSize ?? DEFAULT_MAX_CONTEXT)
      : Math.max(64, Math.floor(settings.contextSize));

  const canOffload = llama.gpu !== false && llama.supportsGpuOffloading;
  let gpuLayers = 0;
  let useMmap: boolean | undefined;
  let autoFitFailed = false;
  if (canOffload && typeof settings.gpuLayers === "number") {
    gpuLayers = Math.min(totalLayers, Math.max(0, Math.floor(settings.gpuLayers)));
  } else if (canOffload && settings.gpuLayers === "auto") {
    try {
      // As the engine asks the loader: leave room for every sequence's KV cache.
      const resolved = await resolver.resolveModelGpuLayersV2(
        { fitContext: { contextSize: contextSize * sequences } },
        held.vramBytes > 0 ? { getVramState: () => vramWithHeld(llama, held.vramBytes) } : {},
      );
      gpuLayers = resolved.gpuLayers;
      useMmap = resolved.useMmap;
    } catch (err) {
      if (!(err instanceof InsufficientMemoryError)) throw err;
      autoFitFailed = true;
    }
  }

  const model = await insights.estimateModelResourceRequirementsV2({ gpuLayers, ...(useMmap !== undefined ? { useMmap } : {}) });
  const context = await insights.estimateContextResourceRequirementsV2({
    contextSize,
    modelGpuLayers: gpuLayers,
    sequences,
    ...(useMmap !== undefined ? { useMmap } : {}),
  });
  const vramBytes = model.gpuVram + context.gpuVram;
  const ramBytes = model.cpuRam + context.cpuRam;

  const [vram, ram, swap] = await Promise.all([llama.getVramState(), llama.getRamState(), llama.getSwapState()]);
  const swapFree = Math.max(0, (Number.isFinite(swap.maxSize) ? swap.maxSize : swap.allocated) - swap.used);
  const freeVram = freeWithHeld(vram.free, vram.total, held.vramBytes);
  const freeRam = freeWithHeld(ram.free, ram.total, held.ramBytes);
  const vramFits = vramBytes <= 0 || vramBytes <= freeVram;
  const ramFits = ramBytes <= freeRam + swapFree;
  const fits = !autoFitFailed && vramFits && ramFits;
  const runsOn: FitEstimate["runsOn"] = gpuLayers <= 0 ? "cpu" : gpuLayers >= totalLayers ? "gpu" : "partial";

  const summary = summarize({
    fits,
    runsOn,
    gpuLayers,
    totalLayers,
    vramBytes,
    ramBytes,
    freeVram,
    freeRam,
    vramFits,
    countsLoaded: held.vramBytes > 0 || held.ramBytes > 0,
    gpuOff: canOffload && settings.gpuLayers === "off",
  });
  return { path: file.path, fits, runsOn, gpuLayers, totalLayers, contextSize, vramBytes, ramBytes, summary };
}

const NOTHING_HELD: HeldMemory = { vramBytes: 0, ramBytes: 0 };

/**
 * The VRAM state node-llama-cpp's GPU-layer fitting would see (its default: free less the runtime's
 * padding) with `heldBytes` given back, as if Cascade's loaded models were unloaded.
 */
export async function vramWithHeld(llama: Pick<Llama, "getVramState" | "vramPaddingSize">, heldBytes: number): Promise<{ total: number; free: number }> {
  const state = await llama.getVramState();
  return { total: state.total, free: Math.max(0, freeWithHeld(state.free, state.total, heldBytes) - llama.vramPaddingSize) };
}

interface SummaryFacts {
  fits: boolean;
  runsOn: FitEstimate["runsOn"];
  gpuLayers: number;
  totalLayers: number;
  vramBytes: number;
  ramBytes: number;
  freeVram: number;
  freeRam: number;
  vramFits: boolean;
  gpuOff: boolean;
  /** Whether the free figures count the memory of Cascade's loaded models (which a new model replaces). */
  countsLoaded?: boolean;
}

const SHRINK_HINT = "pick a smaller model, a shorter context or fewer parallel sequences.";

/** One plain line for the writer. */
export function summarize(f: SummaryFacts): string {
  const ram = formatGb(f.ramBytes);
  const vram = formatGb(f.vramBytes);
  const even = f.countsLoaded ? " even with the current model unloaded" : "";
  if (!f.fits) {
    if (!f.vramFits) return `Does not fit: needs about ${vram} of GPU memory but ${formatGb(f.freeVram)} is free${even}; lower GPU layers or ${SHRINK_HINT}`;
    if (f.ramBytes <= f.freeRam) return `Does not fit: there is not enough memory for the model and its context together; ${SHRINK_HINT}`;
    return `Does not fit: needs about ${ram} of RAM but ${formatGb(f.freeRam)} is free${even}; ${SHRINK_HINT}`;
  }
  const swapNote = f.ramBytes > f.freeRam ? " That is more than your free RAM, so it will be slow." : "";
  switch (f.runsOn) {
    case "gpu":
      return `Fits entirely on your GPU (${f.gpuLayers} of ${f.totalLayers} layers): about ${vram} of GPU memory and ${ram} of RAM.${swapNote}`;
    case "partial":
      return `Partly on your GPU (${f.gpuLayers} of ${f.totalLayers} layers, about ${vram}); the rest runs on the CPU from about ${ram} of RAM, more slowly.${swapNote}`;
    case "cpu":
      return `Runs on the CPU${f.gpuOff ? " (GPU layers are off)" : ""}: needs about ${ram} of RAM.${swapNote}`;
  }
}
