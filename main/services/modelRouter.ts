/**
 * Which engine writes which level. The main model writes every level the writer has not given a
 * model of its own (Settings → Model → "Model per level"); a level with its own model gets a
 * ModelService of its own, loaded on first use on the same engine host and shared by every level
 * that names the same file.
 *
 * Must hold: changing a level's model or the engine settings never leaves an engine loaded with old
 * settings; a level model that fails to load fails that level's jobs with the load error, and the
 * main model's status (what the UI shows) is unaffected.
 */
import { resolve } from "node:path";
import type { ModelStatus } from "../../shared/ipc/contract";
import type { LevelModels } from "../../shared/models/types";
import type { Level } from "../../shared/story/model";
import type { EngineHandle, EngineHost } from "../engine/host/engineHost";
import { ModelService, type ModelConfig } from "./modelService";

export class ModelRouter {
  /** Level models by resolved file path. */
  private readonly extra = new Map<string, ModelService>();

  constructor(
    readonly main: ModelService,
    private readonly host: EngineHost | undefined,
    private config: ModelConfig,
    private levels: LevelModels,
  ) {}

  /** The model file a level writes with. */
  pathFor(level: Level): string | null {
    return this.levels[level] ?? this.config.modelPath;
  }

  /** The engine for a level, loading it if needed (errors as ModelService.ensureEngine). */
  engineFor(level: Level): Promise<EngineHandle> {
    const own = this.levels[level];
    if (!own || this.isMain(own)) return this.main.ensureEngine();
    const key = resolve(own);
    let svc = this.extra.get(key);
    if (!svc) {
      // Level models report through their jobs; the status the UI shows is the main model's.
      svc = new ModelService({ ...this.config, modelPath: own }, () => undefined, this.host);
      this.extra.set(key, svc);
    }
    return svc.ensureEngine();
  }

  /** The status of the model a level writes with (the main model's for levels without their own). */
  statusFor(level: Level): ModelStatus {
    const own = this.levels[level];
    if (!own || this.isMain(own)) return this.main.current();
    return this.extra.get(resolve(own))?.current() ?? { ...this.main.current(), state: "none", modelPath: own, modelId: null, message: null };
  }

  /**
   * New settings: the main model reloads when its file or engine settings changed; level models no
   * longer named are unloaded, and the rest reload with the new engine settings.
   */
  async reconfigure(config: ModelConfig, levels: LevelModels, opts: { reloadMain: boolean }): Promise<void> {
    const engineChanged = (["threads", "gpuLayers", "contextSize", "sequences"] as const).some((k) => config[k] !== this.config[k]);
    this.config = config;
    this.levels = { ...levels };
    const wanted = new Set(Object.values(this.levels).filter((p): p is string => !!p && !this.isMain(p)).map((p) => resolve(p)));
    const work: Promise<unknown>[] = [];
    for (const [key, svc] of this.extra) {
      if (!wanted.has(key)) {
        this.extra.delete(key);
        work.push(svc.dispose());
      } else if (engineChanged) {
        // Loaded again on next use, with the new settings.
        this.extra.delete(key);
        work.push(svc.dispose());
      }
    }
    await Promise.all(work);
    if (opts.reloadMain) await this.main.reconfigure(config);
  }

  /** Every loaded engine (the main one first), for statistics. */
  loaded(): EngineHandle[] {
    const out: EngineHandle[] = [];
    const m = this.main.loaded();
    if (m) out.push(m);
    for (const svc of this.extra.values()) {
      const e = svc.loaded();
      if (e) out.push(e);
    }
    return out;
  }

  async dispose(): Promise<void> {
    const all = [...this.extra.values()];
    this.extra.clear();
    await Promise.all([this.main.dispose(), ...all.map((s) => s.dispose())]);
  }

  private isMain(path: string): boolean {
    return this.config.modelPath != null && resolve(path) === resolve(this.config.modelPath);
  }
}
