/** The bound store's full shape, so each slice can read the others through `get()`. */
import type { StateCreator } from "zustand";
import type { AltsSlice } from "./altsSlice";
import type { FileSlice } from "./fileSlice";
import type { FilterSlice } from "./filterSlice";
import type { JobsSlice } from "./jobsSlice";
import type { ModelSlice } from "./modelSlice";
import type { ModelsSlice } from "./modelsSlice";
import type { ProjectSlice } from "./projectSlice";
import type { SettingsSlice } from "./settingsSlice";
import type { SnapshotsSlice } from "./snapshotsSlice";
import type { UiSlice } from "./uiSlice";

export type AppState = ProjectSlice & JobsSlice & AltsSlice & FilterSlice & FileSlice & ModelSlice & ModelsSlice & SettingsSlice & SnapshotsSlice & UiSlice;

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
