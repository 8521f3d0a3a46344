/**
 * The app settings and the model choice behind the contract: which model file, the engine settings,
 * the model per level. What this run was told from outside (--model, --threads…) wins over the saved
 * settings until the writer changes that setting in the app.
 *
 * Must hold: a change that alters what is loaded stops running jobs first, then reloads; a setting
 * sent back unchanged reloads nothing.
 */
import { basename, extname, isAbsolute } from "node:path";
import type { AppSettingsView, Handlers } from "../../shared/ipc/contract";
import { updateSettings, type AppSettings } from "../storage/settingsStore";
import { ServiceError } from "./errors";
import type { ModelConfig, ModelService } from "./modelService";
import type { ModelRouter } from "./modelRouter";
import { ENGINE_KEYS, type EngineOverrides } from "./runOverrides";

type SettingsMethods = "model:status" | "model:set-path" | "model:reload" | "models:levels" | "settings:get" | "settings:update";

export interface SettingsState {
  /** The saved settings as last read or written. */
  settings: AppSettings;
  /** --model / CASCADE_MODEL, until the writer picks another model. */
  modelOverride: string | null;
  /** --threads and friends, each until the writer changes that setting. */
  engineOverrides: EngineOverrides;
  sequences?: number;
}

/** The main model's configuration: the overrides over the saved settings. */
export function modelConfigOf(s: SettingsState): ModelConfig {
  return {
    modelPath: s.modelOverride ?? s.settings.modelPath,
    threads: s.engineOverrides.threads ?? s.settings.threads,
    gpuLayers: s.engineOverrides.gpuLayers ?? s.settings.gpuLayers,
    contextSize: s.engineOverrides.contextSize ?? s.settings.contextSize,
    ...(s.sequences ? { sequences: s.sequences } : {}),
  };
}

export function settingsView(s: AppSettings): AppSettingsView {
  return { modelPath: s.modelPath, threads: s.threads, gpuLayers: s.gpuLayers, contextSize: s.contextSize, levelModels: s.levelModels, recentProjects: s.recentProjects };
}

function requireGguf(path: string): void {
  if (extname(path).toLowerCase() !== ".gguf") {
    throw new ServiceError("model-error", `Cascade loads GGUF model files (*.gguf); “${basename(path)}” is not one.`);
  }
}

export function createSettingsHandlers(deps: {
  state: SettingsState;
  model: ModelService;
  router: ModelRouter;
  /** Cancels every job and waits until none runs. */
  stopJobs: () => Promise<void>;
}): Pick<Handlers, SettingsMethods> {
  const { state, model, router } = deps;
  return {
    "model:status": async () => model.current(),
    "model:set-path": async ({ path }) => {
      requireGguf(path);
      state.settings = (await updateSettings({ modelPath: path })).settings;
      state.modelOverride = null;
      await deps.stopJobs();
      await router.reconfigure(modelConfigOf(state), state.settings.levelModels, { reloadMain: true });
      return model.current();
    },
    // "Try again" after a failure: the same file and settings, nothing saved, no job stopped (none
    // can be running on a model that failed; a loaded one is replaced, its requests cancelled).
    "model:reload": async () => {
      if (!modelConfigOf(state).modelPath) return model.current();
      await router.reconfigure(modelConfigOf(state), state.settings.levelModels, { reloadMain: true });
      return model.current();
    },
    "models:levels": async () => ({ models: router.levelStatuses() }),
    "settings:get": async () => settingsView(state.settings),
    "settings:update": async ({ levelModel, ...engine }) => {
      const clean = Object.fromEntries(Object.entries(engine).filter(([, v]) => v !== undefined)) as Partial<AppSettings>;
      if (levelModel) {
        if (levelModel.path !== null) {
          requireGguf(levelModel.path);
          if (!isAbsolute(levelModel.path)) throw new ServiceError("model-error", `Give the level's model file by its full path; “${levelModel.path}” is not one.`);
        }
        const levels = { ...state.settings.levelModels };
        if (levelModel.path === null) delete levels[levelModel.level];
        else levels[levelModel.level] = levelModel.path;
        clean.levelModels = levels;
      }
      const stored = state.settings;
      const before = modelConfigOf(state);
      state.settings = (await updateSettings(clean)).settings;
      // A setting the writer changed now wins over the start-up override of the same name; one sent
      // back unchanged (the dialog sends all three) leaves the override in place.
      for (const key of ENGINE_KEYS) if (state.settings[key] !== stored[key]) delete state.engineOverrides[key];
      const after = modelConfigOf(state);
      const engineChanged = ENGINE_KEYS.some((key) => before[key] !== after[key]);
      const levelsChanged = JSON.stringify(stored.levelModels) !== JSON.stringify(state.settings.levelModels);
      if (engineChanged || levelsChanged) {
        // Same as switching models: running jobs stop, then the engines reload with the new config.
        await deps.stopJobs();
        await router.reconfigure(after, state.settings.levelModels, { reloadMain: engineChanged && !!after.modelPath });
      }
      return settingsView(state.settings);
    },
  };
}
