/**
 * The ranges of the app-wide engine settings (threads, GPU layers, context size) besides "auto"
 * (and "off" for GPU layers). Zod-free, so the renderer's settings dialog can read the same numbers
 * the contract enforces.
 */
import type { NumberRange } from "../story/generationSettings";

export const ENGINE_RANGES = {
  threads: { min: 1, max: 256, step: 1, integer: true },
  gpuLayers: { min: 0, max: 1000, step: 1, integer: true },
  contextSize: { min: 512, max: 1_048_576, step: 512, integer: true },
} as const satisfies Record<string, NumberRange>;

export type EngineSettingKey = keyof typeof ENGINE_RANGES;
