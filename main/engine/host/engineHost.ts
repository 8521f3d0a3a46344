/**
 * Where engines run. The services never load a model themselves: they ask an EngineHost, which
 * either runs node-llama-cpp in this process (CLI, tests) or in a separate engine process (the
 * Electron app's utilityProcess, the web shell's child process), so a native crash or an
 * out-of-memory kill cannot take the app down.
 */
import type { FitEstimate, HardwareInfo } from "../../../shared/models/types";
import type { EngineInfo, EngineLoadHooks, EngineOptions, EngineStats, GenerationRequest, GenerationResult, GpuLayersSetting, ScoreRequest, ScoreResult } from "../engineTypes";

/** What the services use of a loaded engine, wherever it runs. */
export interface EngineHandle {
  generate(req: GenerationRequest): Promise<GenerationResult>;
  score(req: ScoreRequest): Promise<ScoreResult>;
  info(): EngineInfo;
  /** The latest counters (for a remote engine: as of its last reply). */
  stats(): EngineStats;
  dispose(): Promise<void>;
}

export interface FitSettings {
  gpuLayers: GpuLayersSetting;
  contextSize: "auto" | number;
  sequences: number;
}

export interface EngineHost {
  /** "in-process" or "process" (a separate engine process). */
  readonly kind: "in-process" | "process";
  /** Loads a model (starting the engine process first if it is not running). Rejects with ModelLoadError. */
  load(opts: EngineOptions, hooks?: EngineLoadHooks): Promise<EngineHandle>;
  /** The GPU, VRAM, RAM and CPUs, as the engine's runtime sees them. */
  hardware(): Promise<HardwareInfo>;
  /** Whether a model would fit with these settings, before loading it. Rejects with ModelLoadError for a bad file. */
  estimate(path: string, settings: FitSettings): Promise<FitEstimate>;
  /**
   * Called when the engine process dies unexpectedly (native crash, killed for memory): every engine
   * it held is gone and their running requests have been rejected. Returns the unsubscribe function.
   */
  onCrash(listener: (reason: string) => void): () => void;
  /** Unloads everything and stops the engine process. */
  dispose(): Promise<void>;
}
