/**
 * The open project, owned by main: every change goes through here so that it is recorded for undo,
 * autosaved off the typing path, and pushed to the UI with a new revision.
 *
 * Must hold: the file on disk is only ever written by the autosaver (atomic, with backups), and a
 * project that failed to load is never saved over.
 */
import type { ProjectSaveState, ProjectState, SaveState } from "../../shared/ipc/contract";
import type { Patch, Project } from "../../shared/story/model";
import { applyOperation, operationLabel, type Operation } from "../../shared/story/operations";
import { isEmptyPatch } from "../../shared/story/patch";
import { recordPatch, redo, undo, type RecordOptions } from "../../shared/story/history";
import { Autosaver, type AutosaveOptions } from "../storage/autosave";
import { loadProject, saveProject } from "../storage/projectStore";
import { ServiceError } from "./errors";

/** Typing in one node within this window is one undo step. */
const TYPING_MERGE_MS = 4_000;

export interface ProjectSessionOptions {
  /** Autosave timing and the save function (tests inject slow or failing saves). The session sets onSaved/onError itself. */
  autosave?: Omit<AutosaveOptions, "onSaved" | "onError">;
  /**
   * Told when only the save state changed (a save finished or failed). Without it such changes go to
   * `onChange` as a whole state: a long novel is megabytes, so the app's services pass this.
   */
  onSave?: (s: ProjectSaveState) => void;
}

export class ProjectSession {
  private revision = 0;
  private saveState: SaveState = { state: "saved", at: null };
  private readonly autosaver: Autosaver;

  private constructor(
    readonly path: string,
    private project: Project,
    private readonly onChange: (state: ProjectState) => void,
    private readonly opts: ProjectSessionOptions = {},
  ) {
    this.autosaver = new Autosaver(path, () => this.project, {
      ...opts.autosave,
      // A change made during the save is not on disk yet: only report "saved" when nothing is left to save.
      onSaved: () => this.setSave({ state: this.pendingSaveState(), at: new Date().toISOString() }),
      onError: (err: unknown) => this.reportSaveError(err),
    });
  }

  /** Opens an existing project file. Throws ProjectFileError (file untouched) when it can't be read. */
  static async open(path: string, onChange: (s: ProjectState) => void, opts: ProjectSessionOptions = {}): Promise<ProjectSession> {
    const project = await loadProject(path);
    return new ProjectSession(path, project, onChange, opts);
  }

  /**
   * Writes a new project file at once, then opens it. The path is a new file's: anything there is at
   * most the empty placeholder that reserved the name (reserveProjectPath), which the atomic save
   * replaces, so no backup is taken of it.
   */
  static async create(path: string, project: Project, onChange: (s: ProjectState) => void, opts: ProjectSessionOptions = {}): Promise<ProjectSession> {
    await saveProject(path, project, { backup: false });
    return new ProjectSession(path, project, onChange, opts);
  }

  get current(): Project {
    return this.project;
  }

  state(): ProjectState {
    return { path: this.path, revision: this.revision, project: this.project, save: this.saveState };
  }

  /** Applies a writer's operation and records it for undo. */
  apply(op: Operation): ProjectState {
    const { project, patch } = applyOperation(this.project, op);
    if (isEmptyPatch(patch)) return this.state();
    const typing = op.type === "editNode";
    const opts: RecordOptions = { label: operationLabel(this.project, op), source: "user" };
    if (typing) {
      opts.key = `edit:${op.nodeId}`;
      opts.mergeWithinMs = TYPING_MERGE_MS;
    }
    return this.commit(recordPatch(project, patch, opts));
  }

  /** Applies a patch made elsewhere (a generation) to the current project and records it. */
  applyPatch(project: Project, patch: Patch, opts: RecordOptions): ProjectState {
    if (isEmptyPatch(patch)) return this.state();
    return this.commit(recordPatch(project, patch, opts));
  }

  undo(): ProjectState {
    const r = undo(this.project);
    if (!r) throw new ServiceError("nothing-to-do", "Nothing to undo.");
    return this.commit(r.project);
  }

  redo(): ProjectState {
    const r = redo(this.project);
    if (!r) throw new ServiceError("nothing-to-do", "Nothing to redo.");
    return this.commit(r.project);
  }

  async flush(): Promise<void> {
    await this.autosaver.flush();
  }

  /**
   * Saves any pending change and stops autosaving. Rejects when that final save fails: the error is
   * shown as the save state, and the session stays open and usable (autosave keeps running), so the
   * caller should keep it rather than drop unsaved work. Calling close() again retries.
   */
  async close(): Promise<void> {
    try {
      await this.autosaver.dispose();
    } catch (err) {
      this.reportSaveError(err);
      throw err;
    }
  }

  /** What to show after a save finished while more changes may have arrived. */
  private pendingSaveState(): "saved" | "saving" | "dirty" {
    if (this.autosaver.isSaving) return "saving";
    return this.autosaver.isDirty ? "dirty" : "saved";
  }

  private reportSaveError(err: unknown): void {
    this.setSave({ state: "error", at: this.saveState.at, message: `Autosave failed: ${err instanceof Error ? err.message : String(err)}` });
  }

  private commit(project: Project): ProjectState {
    this.project = project;
    this.revision += 1;
    this.saveState = { state: "dirty", at: this.saveState.at };
    this.autosaver.markDirty();
    const s = this.state();
    this.onChange(s);
    return s;
  }

  private setSave(save: SaveState): void {
    this.saveState = save;
    if (this.opts.onSave) this.opts.onSave({ path: this.path, revision: this.revision, save });
    else this.onChange(this.state());
  }
}
