/**
 * The settings dialog: whether it is open, the app-wide engine settings as main last reported them,
 * and the verbs that save them (main reloads the model when they change; a level's model loads
 * when that level is next written). Project generation
 * settings are not here: they live in the project and change through an undoable operation.
 */
import type { AppSettingsView, MethodInput } from "../../shared/ipc/contract";
import { request, type ReportError } from "./apiAccess";
import type { SliceCreator } from "./storeTypes";

export type SettingsUpdate = MethodInput<"settings:update">;
export type EngineSettingsInput = Required<Pick<SettingsUpdate, "threads" | "gpuLayers" | "contextSize">>;

export interface SettingsSlice {
  settingsOpen: boolean;
  appSettings: AppSettingsView | null;
  /** A settings:update call is in flight (it may be reloading the model). */
  settingsBusy: boolean;
  openSettings(): void;
  closeSettings(): void;
  loadAppSettings(): Promise<void>;
  /** Saves threads, GPU layers and context size; resolves to whether main accepted them. */
  saveEngineSettings(input: EngineSettingsInput): Promise<boolean>;
  /** Saves any app settings (GPU layers alone, one level's model…); resolves to whether main accepted them. */
  updateAppSettings(input: SettingsUpdate): Promise<boolean>;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => {
  const report: ReportError = (e) => get().reportError(e);
  return {
    settingsOpen: false,
    appSettings: null,
    settingsBusy: false,
    openSettings() {
      if (get().settingsOpen) return;
      set({ settingsOpen: true });
      void get().loadAppSettings();
    },
    closeSettings() {
      set({ settingsOpen: false });
    },
    async loadAppSettings() {
      const appSettings = await request("settings:get", {}, report);
      if (appSettings) set({ appSettings });
    },
    saveEngineSettings(input) {
      return get().updateAppSettings(input);
    },
    async updateAppSettings(input) {
      if (get().settingsBusy) return false;
      set({ settingsBusy: true });
      try {
        const appSettings = await request("settings:update", input, report);
        if (!appSettings) return false;
        set({ appSettings });
        // A reload that failed leaves the model in the error state; say so where the writer looks.
        const model = get().model;
        if (model?.state === "error" && model.message) get().reportError(model.message);
        return true;
      } finally {
        set({ settingsBusy: false });
      }
    },
  };
};
