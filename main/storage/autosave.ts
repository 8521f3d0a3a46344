/**
 * Saving while the writer works, without them ever pressing Save and without slowing typing.
 *
 * - `markDirty()` only sets timers: the save never runs on the caller's stack (the keystroke path).
 * - Debounced: a save starts `delayMs` after the last change…
 * - …but at most `maxDelayMs` after the first unsaved change, so continuous typing still saves.
 * - Saves are serialized: a change during a save leads to another save after it, never two at once.
 * - A failed save leaves the project dirty; the next change (or flush) tries again.
 * - `dispose()` closes only once its final save succeeded; if it fails, autosave keeps running.
 */
import type { Project } from "../../shared/story/model";
import { saveProject } from "./projectStore";

export interface AutosaveInfo {
  path: string;
  /** When the save finished. */
  at: Date;
}

export interface AutosaveOptions {
  /** Quiet time after the last change before saving (default 800 ms). */
  delayMs?: number;
  /** Longest a change may stay unsaved while changes keep coming (default 3000 ms). */
  maxDelayMs?: number;
  onSaved?: (info: AutosaveInfo) => void;
  /** Background save failures (flush and dispose reject instead, since their caller is waiting). */
  onError?: (err: unknown) => void;
  /** The save itself; defaults to saveProject. Injectable for tests and for callers that add options. */
  save?: (path: string, project: Project) => Promise<void>;
}

export class Autosaver {
  onSaved: ((info: AutosaveInfo) => void) | undefined;
  onError: ((err: unknown) => void) | undefined;

  private readonly delayMs: number;
  private readonly maxDelayMs: number;
  private readonly save: (path: string, project: Project) => Promise<void>;
  private dirty = false;
  private disposed = false;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private maxTimer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;

  /**
   * `getProject` is called when a save starts (not when the change is marked), so each save
   * writes the latest state.
   */
  constructor(
    readonly path: string,
    private readonly getProject: () => Project,
    options: AutosaveOptions = {},
  ) {
    this.delayMs = Math.max(0, options.delayMs ?? 800);
    this.maxDelayMs = Math.max(this.delayMs, options.maxDelayMs ?? 3000);
    this.save = options.save ?? ((p, project) => saveProject(p, project));
    this.onSaved = options.onSaved;
    this.onError = options.onError;
  }

  /** Whether there are changes not yet on disk (including ones a running save does not cover). */
  get isDirty(): boolean {
    return this.dirty;
  }

  /** Whether a save is running right now. */
  get isSaving(): boolean {
    return this.inFlight !== null;
  }

  /**
   * Records that the project changed and schedules a save. Cheap and synchronous: safe to call
   * on every keystroke. After dispose() the change cannot be saved here; that is reported via onError.
   */
  markDirty(): void {
    if (this.disposed) {
      this.onError?.(new Error(`A change to ${this.path} was made after its autosaver was closed; it was not saved by autosave.`));
      return;
    }
    this.dirty = true;
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => this.saveInBackground(), this.delayMs);
    // Only the first unsaved change starts the deadline; later ones must not push it back.
    this.maxTimer ??= setTimeout(() => this.saveInBackground(), this.maxDelayMs);
  }

  /** Saves now if there are unsaved changes (waiting for a running save first). Rejects if the save fails. */
  async flush(): Promise<void> {
    await this.saveNow();
  }

  /**
   * Stops autosaving after saving any pending change (including changes made while that save runs).
   * Rejects if the final save fails; the autosaver then stays alive (still dirty, and the next change
   * schedules saves again), so a caller that keeps the project open keeps autosave. Call again to retry.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    // Loop: a change made during a save is not covered by it, and the autosaver is not closed yet.
    do await this.saveNow();
    while (this.dirty);
    // No await since the loop's last check: nothing can be marked between it and closing.
    this.disposed = true;
    this.clearTimers();
  }

  private saveInBackground(): void {
    this.saveNow().catch((err: unknown) => this.onError?.(err));
  }

  private clearTimers(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    if (this.maxTimer) clearTimeout(this.maxTimer);
    this.debounceTimer = null;
    this.maxTimer = null;
  }

  private async saveNow(): Promise<void> {
    // Serialize: wait out any running save. Loop because another waiter may start one first.
    while (this.inFlight) await this.inFlight.catch(() => {});
    if (!this.dirty) return;

    // From here to `this.inFlight = …` there is no await, so no other caller can slip in.
    this.clearTimers();
    this.dirty = false;
    const run = (async () => {
      await Promise.resolve(); // getProject() and the save's synchronous part never run on a markDirty/flush caller's stack
      await this.save(this.path, this.getProject());
    })();
    this.inFlight = run;
    try {
      await run;
    } catch (err) {
      // The changes this save carried are still not on disk. No timer is set: retry on the next change or flush,
      // rather than hammering a full or read-only disk.
      this.dirty = true;
      throw err;
    } finally {
      this.inFlight = null;
    }
    this.onSaved?.({ path: this.path, at: new Date() });
  }
}
