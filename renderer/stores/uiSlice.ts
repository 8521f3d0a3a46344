/**
 * What the window is showing: selection, the view (write or board), collapsed rows, toasts, the
 * connection to the services, and app facts (versions, folders). Nothing here is saved in the project.
 */
import type { AppInfo, ContractError } from "../../shared/ipc/contract";
import { request } from "./apiAccess";
import { editJournal } from "./pendingEdits";
import type { UnplacedEdit } from "./restorePlan";
import { ancestorIds } from "./treeQueries";
import type { SliceCreator } from "./storeTypes";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "closed";

/** The body of the workspace: the outline beside the editor, or the board of beats and scenes. */
export type WorkspaceView = "write" | "board";

export interface Toast {
  id: number;
  kind: "error" | "info";
  message: string;
}

export interface UiSlice {
  connection: ConnectionState;
  /** Set when the services could not be reached at all; the app shows only this. */
  bootError: string | null;
  /** The first state (project, model, jobs) has loaded: until then the app shows a quiet splash. */
  ready: boolean;
  appInfo: AppInfo | null;
  selectedId: string | null;
  collapsed: Record<string, true>;
  toasts: Toast[];
  /** The writer said "not now" to the no-model banner; the model chip brings it back. */
  modelBannerHidden: boolean;
  /** Text typed before a reload that could not go back into the project: shown until dismissed. */
  unplacedEdits: UnplacedEdit[];
  view: WorkspaceView;

  select(id: string | null): void;
  toggleCollapsed(id: string): void;
  setCollapsed(id: string, collapsed: boolean): void;
  reportError(error: ContractError | string): void;
  notify(message: string): void;
  dismissToast(id: number): void;
  setConnection(state: ConnectionState): void;
  setBootError(message: string): void;
  setReady(): void;
  loadAppInfo(): Promise<void>;
  setModelBannerHidden(hidden: boolean): void;
  showUnplacedEdits(edits: UnplacedEdit[]): void;
  /** The writer has the text (or does not want it): stop keeping it, here and in storage. */
  dismissUnplacedEdits(): void;
  setView(view: WorkspaceView): void;
}

const MAX_TOASTS = 4;
let nextToastId = 1;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => {
  const pushToast = (kind: Toast["kind"], message: string) => {
    set((s) => {
      // The same message twice (a retried action) moves to the end instead of stacking up.
      const rest = s.toasts.filter((t) => t.message !== message);
      return { toasts: [...rest, { id: nextToastId++, kind, message }].slice(-MAX_TOASTS) };
    });
  };
  return {
    connection: "connecting",
    bootError: null,
    ready: false,
    appInfo: null,
    selectedId: null,
    collapsed: {},
    toasts: [],
    modelBannerHidden: false,
    unplacedEdits: [],
    view: "write",

    select(id) {
      const project = get().projectState?.project;
      if (!id || !project?.nodes[id]) {
        set({ selectedId: null });
        return;
      }
      // Reveal the node: a selection hidden inside a collapsed parent would be lost to the writer.
      const collapsed = { ...get().collapsed };
      let changed = false;
      for (const a of ancestorIds(project, id)) {
        if (collapsed[a]) {
          delete collapsed[a];
          changed = true;
        }
      }
      set(changed ? { selectedId: id, collapsed } : { selectedId: id });
    },
    toggleCollapsed(id) {
      get().setCollapsed(id, !get().collapsed[id]);
    },
    setCollapsed(id, isCollapsed) {
      set((s) => {
        if (Boolean(s.collapsed[id]) === isCollapsed) return s;
        const collapsed = { ...s.collapsed };
        if (isCollapsed) collapsed[id] = true;
        else delete collapsed[id];
        return { collapsed };
      });
    },
    reportError(error) {
      if (typeof error === "string") return pushToast("error", error);
      // "Nothing to do" is an answer, not a failure: say it calmly.
      pushToast(error.code === "nothing-to-do" ? "info" : "error", error.message);
    },
    notify(message) {
      pushToast("info", message);
    },
    dismissToast(id) {
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
    setConnection(connection) {
      set({ connection });
    },
    setBootError(bootError) {
      set({ bootError });
    },
    setReady() {
      set({ ready: true });
    },
    async loadAppInfo() {
      const appInfo = await request("app:info", {}, (e) => get().reportError(e));
      if (!appInfo) return;
      set({ appInfo });
      for (const warning of appInfo.warnings) pushToast("info", warning);
    },
    setModelBannerHidden(modelBannerHidden) {
      set({ modelBannerHidden });
    },
    showUnplacedEdits(edits) {
      set((s) => ({ unplacedEdits: [...s.unplacedEdits, ...edits] }));
    },
    dismissUnplacedEdits() {
      editJournal.release(get().unplacedEdits.map((u) => u.edit));
      set({ unplacedEdits: [] });
    },
    setView(view) {
      set({ view });
    },
  };
};
