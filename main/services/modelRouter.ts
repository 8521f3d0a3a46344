/**
 * Which engine writes which level. The main model writes every level the writer has not given a
 * model of its own (Settings → Model → "Model per level"); a level with its own model gets a
 * ModelService of its own, loaded on first use on the same engine host and shared by every level
 * that names the same file.
 *
 * Must hold: changing a level's model or the engine settings never leaves an engine loaded with old
 * settings; a level model that fails to load fails that level's jobs with the load error, and the
 * main model's status is unaffected. Each level model reports its own status (loading with
 * progress, ready, error) through `onLevelStatus`.
 */
import { basename, resolve } from "node:path";
import type { LevelModelStatus, ModelStatus } from "../../shared/ipc/contract";
import type { LevelModels } from "../../shared/models/types";
import { LEVELS, type Level } from "../../shared/story/model";
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
    private readonly onLevelStatus: (s: LevelModelStatus) => void = () => undefined,
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
    return this.serviceFor(key).ensureEngine();
  }

  /** Every model chosen for single levels (not the main one), with the levels it writes and its status. */
  levelStatuses(): LevelModelStatus[] {
    const byPath = new Map<string, Level[]>();
    for (const level of LEVELS) {
      const own = this.levels[level];
      if (!own || this.isMain(own)) continue;
      const key = resolve(own);
      byPath.set(key, [...(byPath.get(key) ?? []), level]);
    }
    return [...byPath].map(([path, levels]) => ({ path, levels, status: this.extra.get(path)?.current() ?? idle(path) }));
  }

  private serviceFor(key: string): ModelService {
    let svc = this.extra.get(key);
    if (!svc) {
      const made: ModelService = new ModelService({ ...this.config, modelPath: key }, (status) => {
        // A service already dropped (settings changed) says nothing more.
        if (this.extra.get(key) === made) this.onLevelStatus({ path: key, levels: this.levelsOf(key), status });
      }, this.host);
      svc = made;
      this.extra.set(key, svc);
    }
    return svc;
  }

  private levelsOf(key: string): Level[] {
    return LEVELS.filter((l) => {
      const own = this.levels[l];
      return !!own && resolve(own) === key;
    });
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
    // The levels' models as they now stand (one no longer chosen simply drops out of the list).
    for (const status of this.levelStatuses()) this.onLevelStatus(status);
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

/** A level model no job has needed yet. */
function idle(path: string): ModelStatus {
  return { state: "none", modelPath: path, modelId: basename(path), message: null, help: "It loads when a job of its level first needs it." };
}
