/**
 * Pushes of the whole project to the UI, coalesced: when many changes land at once (a batch of 32
 * alts, a wide cascade) the UI gets the latest state once per interval instead of one full copy
 * each. Callers of a method still get their state back at once; only the broadcast waits.
 */
import type { EventPayloads, ProjectSaveState, ProjectState } from "../../shared/ipc/contract";

/** How often at most the whole project is pushed to the UI while changes keep landing. */
export const PUSH_INTERVAL_MS = 40;

export interface ProjectPusher {
  /** A new state of the open project: broadcast within PUSH_INTERVAL_MS, coalesced with later ones. */
  project(state: ProjectState): void;
  /** A finished save: a few bytes, or carried by the push still waiting. */
  save(s: ProjectSaveState): void;
  /** Sends a waiting push now. */
  flush(): void;
  /** Drops a waiting push (shutting down). */
  cancel(): void;
}

export function createProjectPusher(deps: {
  /** The open project's path: a push for a project closed or switched away from meanwhile is dropped. */
  openPath: () => string | null;
  emitProject: (state: EventPayloads["project:did-change"]) => void;
  emitSave: (s: EventPayloads["project:did-save"]) => void;
}): ProjectPusher {
  let pending: ProjectState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const latest = pending;
    pending = null;
    if (latest && deps.openPath() === latest.path) deps.emitProject(latest);
  };
  return {
    project(state) {
      pending = state;
      timer ??= setTimeout(flush, PUSH_INTERVAL_MS);
    },
    // A finished save changes only the save state: say that in a few bytes, not with the whole
    // project again. A push still waiting carries it instead, so the UI never sees an older save
    // state after it.
    save(s) {
      if (pending?.path === s.path) pending = { ...pending, save: s.save };
      else if (deps.openPath() === s.path) deps.emitSave(s);
    },
    flush,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
