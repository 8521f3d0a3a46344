/**
 * Which model is configured, whether it is loaded, and what to tell the writer when it is not.
 *
 * Must hold: with no model, or a broken one, the app keeps running and says what to do; it never
 * pretends to generate. A load failure is reported once per path and retried on the next request.
 */
import { basename } from "node:path";
import type { ModelStatus } from "../../shared/ipc/contract";
import type { Engine } from "../engine/engine";
import { ModelLoadError, type GpuLayersSetting, type ThreadsSetting } from "../engine/engineTypes";
import { ServiceError } from "./errors";

export const GET_A_MODEL_HELP =
  "Cascade writes with a local GGUF model. Download an instruction-tuned GGUF model (for example a 4-bit " +
  "Llama 3.1 8B Instruct or Mistral Nemo Instruct from Hugging Face, or `npx node-llama-cpp pull <url>`), " +
  "then choose the file in Cascade's model banner, pass `--model <file.gguf>`, or set CASCADE_MODEL.";

export interface ModelConfig {
  modelPath: string | null;
  threads: ThreadsSetting;
  gpuLayers: GpuLayersSetting;
  contextSize: "auto" | number;
  /** Parallel sequences in the one context (independent siblings and alts run side by side). */
  sequences?: number;
}

export class ModelService {
  private engine: Engine | null = null;
  /** The load for the current generation, if one is running. Resolves null if it was superseded. */
  private loading: Promise<Engine | null> | null = null;
  /**
   * Bumped by every new load, reconfigure and dispose. A load that finishes under an older
   * generation is stale: it releases its engine and changes nothing else (engine, loading, status).
   */
  private generation = 0;
  /**
   * Settles once every earlier load has finished (a stale one having disposed its engine) and every
   * retired engine is disposed. New loads wait for it, so two models are never in memory at once.
   */
  private quiet: Promise<void> = Promise.resolve();
  private disposed = false;
  private status: ModelStatus;

  constructor(
    private config: ModelConfig,
    private readonly emit: (status: ModelStatus) => void,
  ) {
    this.status = this.make("none", null);
  }

  /** The engine if one is loaded now (never starts a load). */
  loaded(): Engine | null {
    return this.engine;
  }

  current(): ModelStatus {
    return this.status;
  }

  /**
   * Switches to another model file (or settings). The old engine is disposed (its running work is
   * aborted), a load still running for the old settings is superseded and its engine released when it
   * arrives, and only then does the new model load. Resolves with the resulting status.
   */
  async reconfigure(config: ModelConfig): Promise<ModelStatus> {
    this.config = config;
    this.disposed = false;
    this.supersede();
    this.setStatus(this.make("none", null));
    await this.quiet;
    if (this.config.modelPath) {
      try {
        await this.ensureEngine();
      } catch {
        // The status already carries the message; the caller reads it from the return value.
      }
    }
    return this.status;
  }

  /** Starts loading in the background so the first generation doesn't wait for it. */
  preload(): void {
    if (this.config.modelPath) this.ensureEngine().catch(() => undefined);
  }

  /**
   * The loaded engine, loading it if needed. Throws ServiceError("no-model" | "model-error") or ModelLoadError.
   *
   * If the settings change (reconfigure) while a caller waits, it is not handed the superseded engine:
   * it waits for the load with the current settings instead (or gets "no-model" if the model was cleared).
   */
  async ensureEngine(): Promise<Engine> {
    for (;;) {
      if (this.disposed) throw new ServiceError("model-error", "The model has been unloaded.");
      if (this.engine) return this.engine;
      const path = this.config.modelPath;
      if (!path) throw new ServiceError("no-model", `No model is configured. ${GET_A_MODEL_HELP}`);
      this.loading ??= this.load(path);
      const engine = await this.loading;
      if (engine) return engine;
      // That load was superseded by a settings change: go round with the current settings.
    }
  }

  /** Unloads the model; a load still running is superseded and its engine released when it arrives. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.supersede();
    await this.quiet;
  }

  /** Starts a load for a new generation (after earlier loads and disposals have settled). */
  private load(path: string): Promise<Engine | null> {
    const gen = ++this.generation;
    const config = this.config;
    const prior = this.quiet;
    this.setStatus({ ...this.make("loading", null), message: null });
    const run = (async () => {
      await prior;
      if (gen !== this.generation) return null; // superseded before it started: load nothing
      // node-llama-cpp is imported on first use: commands that need no model (status, edit) start at once.
      const { Engine } = await import("../engine/engine");
      return Engine.load({
        modelPath: path,
        threads: config.threads,
        gpuLayers: config.gpuLayers,
        ...(config.contextSize !== "auto" ? { contextSize: config.contextSize } : {}),
        sequences: config.sequences ?? 4,
      });
    })();
    const settled = run.then(
      async (engine) => {
        if (gen !== this.generation || !engine) {
          await engine?.dispose().catch(() => undefined);
          return null;
        }
        this.engine = engine;
        this.loading = null;
        this.setStatus(this.make("ready", null));
        return engine;
      },
      (err: unknown) => {
        if (gen !== this.generation) return null; // a superseded load's failure says nothing about the current one
        this.loading = null;
        const message = err instanceof Error ? err.message : String(err);
        const hint = err instanceof ModelLoadError ? err.hint : "Check the file, or pick another model.";
        this.setStatus({ ...this.make("error", message), help: hint });
        throw err instanceof ModelLoadError ? err : new ServiceError("model-error", message);
      },
    );
    this.quiet = settled.then(
      () => undefined,
      () => undefined,
    );
    return settled;
  }

  /** Makes any running load stale and retires the loaded engine (disposed in the background, tracked by `quiet`). */
  private supersede(): void {
    this.generation++;
    const old = this.engine;
    this.engine = null;
    this.loading = null;
    if (old) this.quiet = this.quiet.then(() => old.dispose()).catch(() => undefined);
  }

  private make(state: ModelStatus["state"], message: string | null): ModelStatus {
    const path = this.config.modelPath;
    return {
      state,
      modelPath: path,
      modelId: path ? basename(path) : null,
      message: state === "none" && !path ? "No model is configured." : message,
      help: GET_A_MODEL_HELP,
    };
  }

  private setStatus(s: ModelStatus): void {
    this.status = s;
    this.emit(s);
  }
}
