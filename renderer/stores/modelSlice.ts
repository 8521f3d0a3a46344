/** The local model's status (none / loading / ready / error) and the one verb that changes it. */
import type { ModelStatus } from "../../shared/ipc/contract";
import { fileName } from "../features/model/modelGate";
import { request, type ReportError } from "./apiAccess";
import type { SliceCreator } from "./storeTypes";

export interface ModelSlice {
  model: ModelStatus | null;
  /** A set-path call is in flight. */
  modelBusy: boolean;

  loadModelStatus(): Promise<void>;
  setModelPath(path: string): Promise<boolean>;
  receiveModel(status: ModelStatus): void;
}

export const createModelSlice: SliceCreator<ModelSlice> = (set, get) => {
  const report: ReportError = (e) => get().reportError(e);
  /** Every new status lands here: a model chosen from the onboarding says when it is ready. */
  const applyStatus = (model: ModelStatus) => {
    set({ model });
    if (model.state === "ready" && get().onboardingEngaged) {
      set({ onboardingEngaged: false });
      get().notify(`${fileName(model.modelPath) ?? "The model"} is ready. Create a project, or open one, to start writing.`);
    }
  };
  return {
    model: null,
    modelBusy: false,

    async loadModelStatus() {
      const status = await request("model:status", {}, report);
      if (status) applyStatus(status);
    },
    async setModelPath(path) {
      const trimmed = path.trim();
      if (!trimmed) {
        get().reportError("Type the full path of a .gguf model file first.");
        return false;
      }
      set({ modelBusy: true });
      try {
        const status = await request("model:set-path", { path: trimmed }, report);
        if (!status) return false;
        applyStatus(status);
        // The onboarding shows the error where the writer chose the file; elsewhere a toast says it.
        if (status.state === "error" && status.message && !get().onboardingEngaged) get().reportError(status.message);
        return status.state !== "error";
      } finally {
        set({ modelBusy: false });
      }
    },
    receiveModel(model) {
      applyStatus(model);
    },
  };
};
