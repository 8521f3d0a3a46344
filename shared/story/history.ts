/**
 * Undo and redo over patches. The history lives in the project document, so undo survives a reload
 * and the CLI can undo too.
 *
 * Must hold: undo then redo returns the project to exactly where it was; recording a new entry clears
 * the redo stack; entries with the same key recorded back to back merge, so a burst of typing in one
 * node, or one whole cascade, is one undo step.
 */
import { newId } from "./ids";
import type { HistoryEntry, Patch, Project } from "./model";
import { applyPatch, composePatches, isEmptyPatch } from "./patch";

export const HISTORY_LIMIT = 200;

export interface RecordOptions {
  label: string;
  source: HistoryEntry["source"];
  key?: string;
  /** Merge with the newest entry only if it has the same key and was touched within this many ms. */
  mergeWithinMs?: number;
  at?: string;
}

/** Adds a patch that has already been applied to `project` to its undo stack. */
export function recordPatch(project: Project, patch: Patch, opts: RecordOptions): Project {
  if (isEmptyPatch(patch)) return project;
  const at = opts.at ?? new Date().toISOString();
  const undo = [...project.history.undo];
  const top = undo[undo.length - 1];
  const recent = opts.mergeWithinMs === undefined || (top && Date.parse(at) - Date.parse(top.at) <= opts.mergeWithinMs);
  if (top && opts.key && top.key === opts.key && recent) {
    undo[undo.length - 1] = { ...top, at, patch: composePatches(top.patch, patch) };
  } else {
    const entry: HistoryEntry = { id: newId("h"), label: opts.label, source: opts.source, at, patch };
    if (opts.key) entry.key = opts.key;
    undo.push(entry);
    if (undo.length > HISTORY_LIMIT) undo.splice(0, undo.length - HISTORY_LIMIT);
  }
  return { ...project, updatedAt: at, history: { undo, redo: [] } };
}

/** Undoes the newest entry; returns null when there is nothing to undo. */
export function undo(project: Project): { project: Project; entry: HistoryEntry } | null {
  const entry = project.history.undo[project.history.undo.length - 1];
  if (!entry) return null;
  const restored = applyPatch(project, entry.patch, "backward");
  return {
    entry,
    project: {
      ...restored,
      updatedAt: new Date().toISOString(),
      history: { undo: project.history.undo.slice(0, -1), redo: [...project.history.redo, withoutKey(entry)] },
    },
  };
}

/** Redoes the newest undone entry; returns null when there is nothing to redo. */
export function redo(project: Project): { project: Project; entry: HistoryEntry } | null {
  const entry = project.history.redo[project.history.redo.length - 1];
  if (!entry) return null;
  const replayed = applyPatch(project, entry.patch, "forward");
  return {
    entry,
    project: {
      ...replayed,
      updatedAt: new Date().toISOString(),
      history: { undo: [...project.history.undo, entry], redo: project.history.redo.slice(0, -1) },
    },
  };
}

/** An undone entry must not merge with later typing when redone. */
function withoutKey(entry: HistoryEntry): HistoryEntry {
  const { key: _key, ...rest } = entry;
  return rest;
}
