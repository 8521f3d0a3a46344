/**
 * Which model is configured, whether it is loaded, and what to tell the writer when it is not.
 *
 * Must hold: with no model, or a broken one, the app keeps running and says what to do; it never
 * pretends to generate. A load failure is reported once per path and retried on the next request.
 * Models load through an EngineHost (this process, or an engine process): when that process dies the
 * engine is dropped, the status says so (errorKind "crashed"), and the next request loads again.
 */
import { basename } from "node:path";
import type { ModelErrorKind, ModelRemedy, ModelStatus } from "../../shared/ipc/contract";
import { EngineCrashedError, ModelLoadError, type GpuLayersSetting, type ThreadsSetting } from "../engine/engineTypes";
import type { EngineHandle, EngineHost } from "../engine/host/engineHost";
import { createInProcessHost } from "../engine/host/inProcessHost";
import { ServiceError } from "./errors";

export const GET_A_MODEL_HELP =
  "Cascade writes with a local GGUF model. Open Models (Ctrl+Shift+M) to download one recommended for this " +
  "computer or to choose a .gguf file you already have; or pass `--model <file.gguf>`, or set CASCADE_MODEL.";

export const CRASH_HELP =
  "The model process stopped (it may have run out of memory); your project is untouched. Cascade starts it again on the " +
  "next request. If it keeps stopping, run the model on the CPU only or pick a smaller model.";

/** At most this often a loading model's progress reaches the UI. */
const PROGRESS_INTERVAL_MS = 100;

export interface ModelConfig {
  modelPath: string | null;
  threads: ThreadsSetting;
  gpuLayers: GpuLayersSetting;
  contextSize: "auto" | number;
  /** Parallel sequences in the one context (independent siblings and alts run side by side). */
  sequences?: number;
}

export class ModelService {
  private engine: EngineHandle | null = null;
  /** The load for the current generation, if one is running. Resolves null if it was superseded. */
  private loading: Promise<EngineHandle | null> | null = null;
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
  /**
   * Cancels the running load. Aborted when the load is superseded (reconfigure, dispose): a model
   * switch or quit then waits only for the host to stop loading, not for a 12B model to finish.
   */
  private loadAbort: AbortController | null = null;
  private disposed = false;
  private status: ModelStatus;
  private readonly host: EngineHost;
  private unsubscribeCrash: (() => void) | null = null;
  /** Throttling of progress emits: when the last one went out, and a trailing one waiting for its turn. */
  private progressAt = 0;
  private progressTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private config: ModelConfig,
    private readonly emit: (status: ModelStatus) => void,
    host?: EngineHost,
  ) {
    this.host = host ?? createInProcessHost();
    this.status = this.make("none", null);
    this.listenForCrashes();
  }

  /** The engine if one is loaded now (never starts a load). */
  loaded(): EngineHandle | null {
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
    this.listenForCrashes();
    this.supersede();
    // With a file to load, say "loading" from now on (while the old model is unloaded), never "no
    // model": the UI would otherwise offer the first-run choice of a model in between.
    this.setStatus(this.config.modelPath ? { ...this.make("loading", null), message: null, progress: null } : this.make("none", null));
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
   * The loaded engine, loading it if needed. Throws ServiceError("no-model" | "model-error"), ModelLoadError,
   * or EngineCrashedError (the engine process died during the load).
   *
   * If the settings change (reconfigure) while a caller waits, it is not handed the superseded engine:
   * it waits for the load with the current settings instead (or gets "no-model" if the model was cleared).
   */
  async ensureEngine(): Promise<EngineHandle> {
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

  /** Unloads the model; a load still running is cancelled (and its engine released if it arrives anyway). */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.unsubscribeCrash?.();
    this.unsubscribeCrash = null;
    this.supersede();
    await this.quiet;
  }

  /** Starts a load for a new generation (after earlier loads and disposals have settled). */
  private load(path: string): Promise<EngineHandle | null> {
    const gen = ++this.generation;
    const config = this.config;
    const prior = this.quiet;
    const abort = new AbortController();
    this.loadAbort = abort;
    this.setStatus({ ...this.make("loading", null), message: null, progress: 0 });
    const run = (async () => {
      await prior;
      if (gen !== this.generation) return null; // superseded before it started: load nothing
      return this.host.load(
        {
          modelPath: path,
          threads: config.threads,
          gpuLayers: config.gpuLayers,
          ...(config.contextSize !== "auto" ? { contextSize: config.contextSize } : {}),
          sequences: config.sequences ?? 4,
        },
        { onProgress: (fraction) => this.progress(gen, fraction), signal: abort.signal },
      );
    })();
    const done = () => {
      if (this.loadAbort === abort) this.loadAbort = null;
    };
    const settled = run.then(
      async (engine) => {
        done();
        if (gen !== this.generation || !engine) {
          await engine?.dispose().catch(() => undefined);
          return null;
        }
        this.engine = engine;
        this.loading = null;
        const info = engine.info();
        this.setStatus({ ...this.make("ready", null), loaded: { gpu: info.gpu, gpuLayers: info.gpuLayers, contextSize: info.contextSize, threads: info.threads } });
        return engine;
      },
      (err: unknown) => {
        done();
        // A superseded (and so cancelled) load's failure says nothing about the current one.
        if (gen !== this.generation) return null;
        this.loading = null;
        const message = err instanceof Error ? err.message : String(err);
        const hint = err instanceof ModelLoadError ? err.hint : err instanceof EngineCrashedError ? CRASH_HELP : "Check the file, or pick another model.";
        const kind = errorKindOf(err);
        this.setStatus({ ...this.make("error", message), help: hint, errorKind: kind, remedies: remediesFor(kind, message, config) });
        throw err instanceof ModelLoadError || err instanceof EngineCrashedError ? err : new ServiceError("model-error", message);
      },
    );
    this.quiet = settled.then(
      () => undefined,
      () => undefined,
    );
    return settled;
  }

  /** Load progress, at most every PROGRESS_INTERVAL_MS (the latest value wins; a stale load's is dropped). */
  private progress(gen: number, fraction: number): void {
    const current = () => gen === this.generation && this.status.state === "loading";
    if (!current()) return;
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.progressTimer = null;
    const latest = Math.min(1, Math.max(0, fraction));
    if (latest === this.status.progress) return; // nothing new to show
    const send = () => {
      this.progressTimer = null;
      if (!current()) return;
      this.progressAt = Date.now();
      this.setStatus({ ...this.status, progress: latest });
    };
    const wait = this.progressAt + PROGRESS_INTERVAL_MS - Date.now();
    if (wait <= 0) send();
    else this.progressTimer = setTimeout(send, wait);
  }

  /** The engine process died: its engines are gone. Drop ours, say so, and load again on the next request. */
  private listenForCrashes(): void {
    this.unsubscribeCrash ??= this.host.onCrash((reason) => {
      if (this.disposed || !this.engine) return; // a load in flight fails on its own, with the same news
      this.engine = null;
      this.setStatus({ ...this.make("error", reason), help: CRASH_HELP, errorKind: "crashed", remedies: remediesFor("crashed", reason, this.config) });
    });
  }

  /**
   * Makes any running load stale and cancels it, and retires the loaded engine (disposed in the
   * background, tracked by `quiet`).
   */
  private supersede(): void {
    this.generation++;
    this.loadAbort?.abort();
    this.loadAbort = null;
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
      progress: null,
      errorKind: null,
      remedies: [],
      loaded: null,
    };
  }

  private setStatus(s: ModelStatus): void {
    if (s.state !== "loading" && this.progressTimer) {
      clearTimeout(this.progressTimer);
      this.progressTimer = null;
    }
    this.status = s;
    this.emit(s);
  }
}

function errorKindOf(err: unknown): ModelErrorKind {
  if (err instanceof ModelLoadError) return err.kind;
  if (err instanceof EngineCrashedError) return "crashed";
  return "load-failed";
}

const UNSUPPORTED = /unknown (model )?architecture|unsupported/i;

/** The ways forward the UI offers for a failed load, most useful first. GPU remedies only where the GPU is in use. */
export function remediesFor(kind: ModelErrorKind, message: string, config: Pick<ModelConfig, "gpuLayers">): ModelRemedy[] {
  const list: ModelRemedy[] =
    kind === "out-of-memory"
      ? ["fewer-gpu-layers", "cpu-only", "smaller-model"]
      : kind === "load-failed"
        ? UNSUPPORTED.test(message)
          ? ["smaller-model", "pick-file"]
          : ["cpu-only", "pick-file", "retry"]
        : kind === "crashed"
          ? ["retry", "cpu-only"]
          : ["pick-file"];
  return config.gpuLayers === "off" ? list.filter((r) => r !== "cpu-only" && r !== "fewer-gpu-layers") : list;
}
