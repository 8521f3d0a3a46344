import type { Level } from "./model";

/** Sampling settings for one generation call. `seed` is chosen per call so alts differ and runs are reproducible. */
export interface SamplingProfile {
  temperature: number;
  topP: number;
  minP: number;
  /**
   * Upper bound on generated tokens per item: a job that asks for N children may generate up to
   * N times this (and never more than the context has room for).
   */
  maxTokens: number;
}

/** Per-level defaults: premises and beats run hotter than lines, which should stay on-voice. */
export const DEFAULT_SAMPLING: Record<Level, SamplingProfile> = {
  premise: { temperature: 1.0, topP: 0.95, minP: 0.05, maxTokens: 300 },
  beat: { temperature: 0.9, topP: 0.95, minP: 0.05, maxTokens: 260 },
  scene: { temperature: 0.85, topP: 0.95, minP: 0.05, maxTokens: 320 },
  line: { temperature: 0.8, topP: 0.9, minP: 0.05, maxTokens: 220 },
};
