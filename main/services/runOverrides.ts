/**
 * What this run of the app was told from outside — `--model`, `--threads`, `--gpu-layers`,
 * `--context-size`, CASCADE_MODEL, CASCADE_THREADS — which wins over the saved settings until the
 * writer changes that setting in the app.
 */
import type { GpuLayersSetting, ThreadsSetting } from "../engine/engineTypes";
import type { ModelConfig } from "./modelService";

export const ENGINE_KEYS = ["threads", "gpuLayers", "contextSize"] as const;
export type EngineOverrides = Partial<Pick<ModelConfig, (typeof ENGINE_KEYS)[number]>>;

export function modelOverrideFrom(modelPath: string | null | undefined): string | null {
  return modelPath ?? (process.env.CASCADE_MODEL?.trim() || null);
}

export function engineOverridesFrom(o: { threads?: ThreadsSetting; gpuLayers?: GpuLayersSetting; contextSize?: "auto" | number }): EngineOverrides {
  const out: EngineOverrides = {};
  const threads = o.threads ?? envThreads();
  if (threads !== undefined) out.threads = threads;
  if (o.gpuLayers !== undefined) out.gpuLayers = o.gpuLayers;
  if (o.contextSize !== undefined) out.contextSize = o.contextSize;
  return out;
}

function envThreads(): number | undefined {
  const n = Number(process.env.CASCADE_THREADS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
