/**
 * The app's one bound store, built from one slice per concept. Components subscribe with narrow
 * selectors (`useAppStore((s) => s.selectedId)`) and call actions, which are verbs living with
 * their state. The API is injected once by boot (`initApi`), never imported by components.
 */
import { create } from "zustand";
import { createAltsSlice } from "./altsSlice";
import { createFileSlice } from "./fileSlice";
import { createFilterSlice } from "./filterSlice";
import { createJobsSlice } from "./jobsSlice";
import { createModelSlice } from "./modelSlice";
import { createModelsSlice } from "./modelsSlice";
import { createProjectSlice } from "./projectSlice";
import { createSettingsSlice } from "./settingsSlice";
import { createSnapshotsSlice } from "./snapshotsSlice";
import type { AppState } from "./storeTypes";
import { createUiSlice } from "./uiSlice";

export type { AppState } from "./storeTypes";
export { initApi } from "./apiAccess";

export const useAppStore = create<AppState>()((...a) => ({
  ...createProjectSlice(...a),
  ...createJobsSlice(...a),
  ...createAltsSlice(...a),
  ...createFilterSlice(...a),
  ...createFileSlice(...a),
  ...createModelSlice(...a),
  ...createModelsSlice(...a),
  ...createSettingsSlice(...a),
  ...createSnapshotsSlice(...a),
  ...createUiSlice(...a),
}));
