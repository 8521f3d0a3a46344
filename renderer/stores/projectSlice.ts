/**
 * The open project as main last reported it (main owns it; the renderer never edits it locally),
 * the list of projects for the start screen, and the verbs that change either.
 *
 * Must hold: a state older than the one shown is never applied (events and replies can cross);
 * an equal revision is applied, because main re-sends the same revision when only the save state
 * changes.
 */
import type { MethodInput, ProjectListing, ProjectSaveState, ProjectState } from "../../shared/ipc/contract";
import { request, type ReportError } from "./apiAccess";
import { editJournal, flushPendingEdits, isSettledOutcome } from "./pendingEdits";
import type { SliceCreator } from "./storeTypes";
import { survivingSelection } from "./treeQueries";
import { storedEdit, type FieldEdit } from "./undeliveredEdits";

export type Op = MethodInput<"project:apply">["op"];
export type NewProject = MethodInput<"project:create">;

export interface ProjectSlice {
  projectState: ProjectState | null;
  listing: ProjectListing | null;
  listingLoading: boolean;
  /** An open or create is in flight (buttons show it and ignore double clicks). */
  projectBusy: boolean;

  loadListing(): Promise<void>;
  loadCurrentProject(): Promise<void>;
  createProject(input: NewProject): Promise<boolean>;
  openProject(path: string): Promise<boolean>;
  closeProject(): Promise<void>;
  /** Applies one operation in main; resolves to the new state, or undefined if it failed (reported). */
  apply(op: Op): Promise<ProjectState | undefined>;
  /** `apply` for a field the writer types into: journaled until main confirms it, so a reload keeps it. */
  applyEdit(op: FieldEdit): Promise<ProjectState | undefined>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  receiveProject(state: ProjectState): void;
  /** A save finished (or failed) for a revision: only the save state changes. */
  receiveSave(saved: ProjectSaveState): void;
  receiveClose(): void;
}

/** Whether `next` may replace `current` (see the rule in the header). */
export function isNewerState(current: ProjectState | null, next: ProjectState): boolean {
  if (!current || current.path !== next.path) return true;
  return next.revision >= current.revision;
}

export const createProjectSlice: SliceCreator<ProjectSlice> = (set, get) => {
  const report: ReportError = (e) => get().reportError(e);

  const openWith = async (run: () => Promise<ProjectState | undefined>): Promise<boolean> => {
    if (get().projectBusy) return false;
    set({ projectBusy: true });
    try {
      const state = await run();
      if (!state) return false;
      get().receiveProject(state);
      return true;
    } finally {
      set({ projectBusy: false });
    }
  };

  return {
    projectState: null,
    listing: null,
    listingLoading: false,
    projectBusy: false,

    async loadListing() {
      set({ listingLoading: true });
      const listing = await request("project:list", {}, report);
      set(listing ? { listing, listingLoading: false } : { listingLoading: false });
    },
    async loadCurrentProject() {
      const state = await request("project:get", {}, report);
      if (state) get().receiveProject(state);
      else if (state === null && get().projectState) get().receiveClose();
    },
    createProject(input) {
      return openWith(() => request("project:create", input, report));
    },
    openProject(path) {
      return openWith(() => request("project:open", { path }, report));
    },
    async closeProject() {
      await flushPendingEdits();
      const closed = await request("project:close", {}, report);
      // Main also sends project:did-close; doing it here too keeps the UI right if that event is lost.
      if (closed !== undefined) get().receiveClose();
    },
    async apply(op) {
      const state = await request("project:apply", { op }, report);
      if (state) get().receiveProject(state);
      return state;
    },
    async applyEdit(op) {
      const current = get().projectState;
      // Journaled before the send starts, so a page hide right after still finds it there.
      const settle = current ? editJournal.begin(storedEdit(current, op)) : undefined;
      const state = await get().apply(op);
      settle?.(isSettledOutcome(state, get().connection));
      return state;
    },
    async undo() {
      await flushPendingEdits();
      const state = await request("project:undo", {}, report);
      if (state) get().receiveProject(state);
    },
    async redo() {
      await flushPendingEdits();
      const state = await request("project:redo", {}, report);
      if (state) get().receiveProject(state);
    },
    receiveProject(next) {
      const current = get().projectState;
      if (!isNewerState(current, next)) return;
      const sameProject = current?.path === next.path;
      const previous = sameProject ? current?.project : undefined;
      const selectedId = survivingSelection(previous, next.project, sameProject ? get().selectedId : null);
      // Say so once when autosave starts failing; the save indicator keeps showing it after.
      if (next.save.state === "error" && current?.save.state !== "error") get().reportError(next.save.message);
      set(sameProject ? { projectState: next, selectedId } : { projectState: next, selectedId, collapsed: {} });
    },
    receiveSave(saved) {
      const current = get().projectState;
      // For another project, or another revision (a newer state brings its own save state): not ours.
      if (!current || current.path !== saved.path || current.revision !== saved.revision) return;
      if (saved.save.state === "error" && current.save.state !== "error") get().reportError(saved.save.message);
      set({ projectState: { ...current, save: saved.save } });
    },
    receiveClose() {
      // Both the close reply and the project:did-close event land here; act once.
      if (!get().projectState) return;
      set({ projectState: null, selectedId: null, collapsed: {} });
      void get().loadListing();
    },
  };
};
