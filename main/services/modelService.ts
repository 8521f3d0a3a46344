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
  private loading: Promise<Engine> | null = null;
  private status: ModelStatus;

  constructor(
    private config: ModelConfig,
    private readonly emit: (status: ModelStatus) => void,
  ) {
    this.status = this.make("none", null);
  }

  current(): ModelStatus {
    return this.status;
  }

  /** Switches to another model file (or settings); the old engine is unloaded once idle work is cancelled. */
  async reconfigure(config: ModelConfig): Promise<ModelStatus> {
    this.config = config;
    const old = this.engine;
    this.engine = null;
    this.loading = null;
    if (old) await old.dispose();
    this.setStatus(this.make("none", null));
    if (config.modelPath) {
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

  /** The loaded engine, loading it if needed. Throws ServiceError("no-model" | "model-error"). */
  async ensureEngine(): Promise<Engine> {
    if (this.engine) return this.engine;
    const path = this.config.modelPath;
    if (!path) throw new ServiceError("no-model", `No model is configured. ${GET_A_MODEL_HELP}`);
    if (!this.loading) {
      this.setStatus({ ...this.make("loading", null), message: null });
      // node-llama-cpp is imported on first use: commands that need no model (status, edit) start at once.
      this.loading = import("../engine/engine").then(({ Engine }) => Engine.load({
        modelPath: path,
        threads: this.config.threads,
        gpuLayers: this.config.gpuLayers,
        ...(this.config.contextSize !== "auto" ? { contextSize: this.config.contextSize } : {}),
        sequences: this.config.sequences ?? 4,
      })).then(
        (engine) => {
          if (this.config.modelPath !== path) {
            void engine.dispose();
            throw new ServiceError("model-error", "The model was changed while it was loading.");
          }
          this.engine = engine;
          this.setStatus(this.make("ready", null));
          return engine;
        },
        (err: unknown) => {
          this.loading = null;
          const message = err instanceof Error ? err.message : String(err);
          const hint = err instanceof ModelLoadError ? err.hint : "Check the file, or pick another model.";
          this.setStatus({ ...this.make("error", message), help: hint });
          throw err instanceof ModelLoadError ? err : new ServiceError("model-error", message);
        },
      );
    }
    return this.loading;
  }

  async dispose(): Promise<void> {
    const e = this.engine ?? (await this.loading?.catch(() => null));
    this.engine = null;
    this.loading = null;
    await e?.dispose();
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
