/**
 * The open project, owned by main: every change goes through here so that it is recorded for undo,
 * autosaved off the typing path, and pushed to the UI with a new revision.
 *
 * Must hold: the file on disk is only ever written by the autosaver (atomic, with backups), and a
 * project that failed to load is never saved over.
 */
import type { ProjectState, SaveState } from "../../shared/ipc/contract";
import type { Patch, Project } from "../../shared/story/model";
import { applyOperation, operationLabel, type Operation } from "../../shared/story/operations";
import { isEmptyPatch } from "../../shared/story/patch";
import { recordPatch, redo, undo, type RecordOptions } from "../../shared/story/history";
import { Autosaver } from "../storage/autosave";
import { loadProject, saveProject } from "../storage/projectStore";
import { ServiceError } from "./errors";

/** Typing in one node within this window is one undo step. */
const TYPING_MERGE_MS = 4_000;

export class ProjectSession {
  private revision = 0;
  private saveState: SaveState = { state: "saved", at: null };
  private readonly autosaver: Autosaver;

  private constructor(
    readonly path: string,
    private project: Project,
    private readonly onChange: (state: ProjectState) => void,
  ) {
    this.autosaver = new Autosaver(path, () => this.project, {
      onSaved: () => this.setSave({ state: "saved", at: new Date().toISOString() }),
      onError: (err: unknown) =>
        this.setSave({ state: "error", at: this.saveState.at, message: `Autosave failed: ${err instanceof Error ? err.message : String(err)}` }),
    });
  }

  /** Opens an existing project file. Throws ProjectFileError (file untouched) when it can't be read. */
  static async open(path: string, onChange: (s: ProjectState) => void): Promise<ProjectSession> {
    const project = await loadProject(path);
    return new ProjectSession(path, project, onChange);
  }

  /** Writes a new project file at once, then opens it. */
  static async create(path: string, project: Project, onChange: (s: ProjectState) => void): Promise<ProjectSession> {
    await saveProject(path, project);
    return new ProjectSession(path, project, onChange);
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

  async close(): Promise<void> {
    await this.autosaver.dispose();
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
    this.onChange(this.state());
  }
}
