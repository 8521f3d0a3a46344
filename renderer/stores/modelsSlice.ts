/**
 * The model manager as the writer meets it: the Models screen (open or not, and the section it
 * opened at), what it shows (the machine, the catalog, the models on disk, fit estimates,
 * downloads), the first-run onboarding's state, and the verbs: check a fit, download / pause /
 * resume / cancel, pick a file, choose a model per level, and the ways forward after a failed load.
 *
 * Must hold: download views arrive both as replies and as `models:download-progress` events, in
 * either order; both go through `receiveDownload`, merged by id. A download started "to use" becomes
 * the model once it is done, exactly once.
 */
import type { Level } from "../../shared/story/model";
import type { LevelModelStatus, MethodOutputs, ModelRemedy } from "../../shared/ipc/contract";
import type { DownloadView, FitEstimate, HardwareInfo } from "../../shared/models/types";
import { fewerGpuLayers, mergeDownload } from "../features/models/modelChoices";
import { request, type ReportError } from "./apiAccess";
import type { SliceCreator } from "./storeTypes";

export type ModelsSection = "catalog" | "local";

export interface ModelsSlice {
  modelsOpen: boolean;
  /** The section brought into view when the screen opened (e.g. the catalog for "a smaller model"). */
  modelsFocus: ModelsSection | null;
  hardware: HardwareInfo | null;
  catalog: MethodOutputs["models:catalog"] | null;
  localModels: MethodOutputs["models:list"] | null;
  downloads: DownloadView[];
  /** Fit estimates by model path; "checking" while one is on its way. */
  fitEstimates: Record<string, FitEstimate | "checking">;
  /** Downloads whose file becomes the model as soon as it is done. */
  downloadsToUse: string[];
  /** Models chosen for single levels, with their status (null until read). */
  levelModels: LevelModelStatus[] | null;
  /** The writer said "Not now" to the onboarding. */
  onboardingDismissed: boolean;
  /** The writer chose a model from the onboarding: it stays through the load, then says it is ready. */
  onboardingEngaged: boolean;

  openModels(focus?: ModelsSection | null): void;
  closeModels(): void;
  /** Reads everything the Models screen (and the onboarding) shows. */
  loadModelsInfo(): Promise<void>;
  loadLocalModels(): Promise<void>;
  checkFit(path: string): Promise<void>;
  /** Starts downloading a catalog model; with `use`, it becomes the model when done. */
  startDownload(catalogId: string, opts?: { use?: boolean }): Promise<boolean>;
  controlDownload(id: string, action: "pause" | "resume" | "cancel"): Promise<void>;
  receiveDownload(view: DownloadView): void;
  loadLevelModels(): Promise<void>;
  /** A level model's status changed (merged by path; one no longer chosen is dropped on the next read). */
  receiveLevelModel(status: LevelModelStatus): void;
  /** The system's file dialog (Electron), then loads the chosen file. "unsupported" in the web shell. */
  pickModelFile(): Promise<"picked" | "cancelled" | "unsupported" | "failed">;
  setLevelModel(level: Level, path: string | null): Promise<boolean>;
  /** Acts on a way forward after a failed load; "pick-file" is the caller's (it knows its path field). */
  applyRemedy(remedy: Exclude<ModelRemedy, "pick-file">): Promise<void>;
  dismissOnboarding(): void;
  reopenOnboarding(): void;
  setOnboardingEngaged(engaged: boolean): void;
}

export const createModelsSlice: SliceCreator<ModelsSlice> = (set, get) => {
  const report: ReportError = (e) => get().reportError(e);
  /** Downloads already handed to set-path: a repeated "done" event must not load the model twice. */
  const used = new Set<string>();

  const loadIfChosen = (view: DownloadView) => {
    if (view.state !== "done" || !view.path || used.has(view.id) || !get().downloadsToUse.includes(view.id)) return;
    used.add(view.id);
    set((s) => ({ downloadsToUse: s.downloadsToUse.filter((id) => id !== view.id) }));
    void get().setModelPath(view.path);
  };

  return {
    modelsOpen: false,
    modelsFocus: null,
    hardware: null,
    catalog: null,
    localModels: null,
    downloads: [],
    fitEstimates: {},
    downloadsToUse: [],
    levelModels: null,
    onboardingDismissed: false,
    onboardingEngaged: false,

    openModels(focus = null) {
      set({ modelsOpen: true, modelsFocus: focus });
      void get().loadModelsInfo();
    },
    closeModels() {
      set({ modelsOpen: false, modelsFocus: null });
    },
    async loadModelsInfo() {
      // Free memory and the files on disk change between visits: read them fresh every time. Each
      // part shows as it arrives (probing the GPU can take a moment the first time).
      await Promise.all([
        request("models:hardware", {}, report).then((hardware) => hardware && set({ hardware })),
        get().catalog ? undefined : request("models:catalog", {}, report).then((catalog) => catalog && set({ catalog })),
        request("models:downloads", {}, report).then((d) => d?.downloads.forEach((view) => get().receiveDownload(view))),
        get().loadLocalModels(),
        get().loadLevelModels(),
        get().appSettings ? undefined : get().loadAppSettings(),
      ]);
    },
    async loadLocalModels() {
      const localModels = await request("models:list", {}, report);
      if (localModels) set({ localModels });
    },
    async checkFit(path) {
      set((s) => ({ fitEstimates: { ...s.fitEstimates, [path]: "checking" } }));
      const estimate = await request("models:estimate", { path }, report);
      set((s) => {
        const fitEstimates = { ...s.fitEstimates };
        if (estimate) fitEstimates[path] = estimate;
        else delete fitEstimates[path];
        return { fitEstimates };
      });
    },
    async startDownload(catalogId, opts = {}) {
      const view = await request("models:download", { catalogId }, report);
      if (!view) return false;
      if (opts.use) set((s) => ({ downloadsToUse: [...s.downloadsToUse, view.id] }));
      get().receiveDownload(view);
      return true;
    },
    async controlDownload(id, action) {
      const view = await request("models:download-control", { id, action }, report);
      if (view) get().receiveDownload(view);
      if (action === "cancel") set((s) => ({ downloadsToUse: s.downloadsToUse.filter((d) => d !== id) }));
    },
    receiveDownload(view) {
      const before = get().downloads.find((d) => d.id === view.id);
      set((s) => ({ downloads: mergeDownload(s.downloads, view) }));
      if (view.state === "done" && before?.state !== "done") void get().loadLocalModels();
      loadIfChosen(view);
    },
    async loadLevelModels() {
      const levels = await request("models:levels", {}, report);
      if (levels) set({ levelModels: levels.models });
    },
    receiveLevelModel(status) {
      set((s) => {
        const list = s.levelModels ?? [];
        const at = list.findIndex((m) => m.path === status.path);
        if (status.levels.length === 0) return { levelModels: list.filter((m) => m.path !== status.path) };
        return { levelModels: at === -1 ? [...list, status] : list.map((m, i) => (i === at ? status : m)) };
      });
    },
    async pickModelFile() {
      const picked = await request("model:pick-file", {}, report);
      if (!picked) return "failed";
      if (!picked.supported) return "unsupported";
      if (!picked.path) return "cancelled";
      return (await get().setModelPath(picked.path)) ? "picked" : "failed";
    },
    async setLevelModel(level, path) {
      const saved = await get().updateAppSettings({ levelModel: { level, path } });
      if (saved) await get().loadLevelModels();
      return saved;
    },
    async applyRemedy(remedy) {
      const model = get().model;
      switch (remedy) {
        case "retry": {
          // The same file and settings again: nothing is saved (a --model path stays this run's only).
          const status = await request("model:reload", {}, report);
          if (status) get().receiveModel(status);
          if (status?.state === "error" && status.message && !get().onboardingEngaged) get().reportError(status.message);
          return;
        }
        case "cpu-only":
          await get().updateAppSettings({ gpuLayers: "off" });
          return;
        case "smaller-model":
          get().openModels("catalog");
          return;
        case "fewer-gpu-layers": {
          if (!get().appSettings) await get().loadAppSettings();
          const path = model?.modelPath;
          // What the failed load tried: the estimate for the saved settings says how many layers.
          const estimate = path ? await request("models:estimate", { path }, () => undefined) : undefined;
          const layers = fewerGpuLayers(get().appSettings?.gpuLayers ?? null, estimate ?? null, model?.loaded?.gpuLayers ?? null);
          if (await get().updateAppSettings({ gpuLayers: layers })) get().notify(`Loading again with ${layers} GPU layer${layers === 1 ? "" : "s"}.`);
          return;
        }
      }
    },
    dismissOnboarding() {
      set({ onboardingDismissed: true, onboardingEngaged: false });
    },
    reopenOnboarding() {
      set({ onboardingDismissed: false });
      void get().loadModelsInfo();
    },
    setOnboardingEngaged(onboardingEngaged) {
      set({ onboardingEngaged });
    },
  };
};
