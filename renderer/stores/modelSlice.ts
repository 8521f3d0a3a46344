/** The local model's status (none / loading / ready / error) and the one verb that changes it. */
import type { ModelStatus } from "../../shared/ipc/contract";
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
  return {
    model: null,
    modelBusy: false,

    async loadModelStatus() {
      const status = await request("model:status", {}, report);
      if (status) set({ model: status });
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
        set({ model: status });
        if (status.state === "error" && status.message) get().reportError(status.message);
        return status.state !== "error";
      } finally {
        set({ modelBusy: false });
      }
    },
    receiveModel(model) {
      set({ model });
    },
  };
};
