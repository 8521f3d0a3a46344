/**
 * Undo and redo over patches. The history lives in the project document, so undo survives a reload
 * and the CLI can undo too.
 *
 * Must hold: undo then redo returns the project to exactly where it was (history stays a stack of
 * exact inverses). A writer's own action clears the redo stack, as everywhere; a generation landing in
 * the background keeps it when they touch different things (callers make sure they do — see
 * `redoTouched`), so what the writer just undid is never thrown away behind their back. Entries with the
 * same key merge — a burst of typing in one node, or one whole cascade — even across entries recorded in
 * between, as long as those touch different things (then the merged entry moves to the top).
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
  const mine = touchedBy(patch);
  const undo = [...project.history.undo];
  const target = opts.key ? mergeTarget(undo, opts.key, mine, at, opts.mergeWithinMs) : -1;
  if (target >= 0) {
    // The entries above the target touch other things, so the merged entry can move to the top and
    // undoing it first is still the exact inverse.
    const [base] = undo.splice(target, 1);
    undo.push({ ...base!, at, patch: composePatches(base!.patch, patch) });
  } else {
    const entry: HistoryEntry = { id: newId("h"), label: opts.label, source: opts.source, at, patch };
    if (opts.key) entry.key = opts.key;
    undo.push(entry);
    if (undo.length > HISTORY_LIMIT) undo.splice(0, undo.length - HISTORY_LIMIT);
  }
  const redoSurvives = opts.source !== "user" && !overlaps(redoTouched(project), mine);
  return { ...project, updatedAt: at, history: { undo, redo: redoSurvives ? project.history.redo : [] } };
}

/** What a patch touches: node ids, plus "#bible", "#title" and "#settings". */
export function touchedBy(patch: Patch): Set<string> {
  const out = new Set(Object.keys(patch.after));
  for (const id of Object.keys(patch.before)) out.add(id);
  if (patch.bibleAfter) out.add("#bible");
  if (patch.titleAfter !== undefined) out.add("#title");
  if (patch.settingsAfter) out.add("#settings");
  return out;
}

/**
 * Everything the redo stack would change back. A background generation must leave these alone to
 * keep redo (and with it what the writer just undid) alive.
 */
export function redoTouched(project: Project): Set<string> {
  const out = new Set<string>();
  for (const e of project.history.redo) for (const t of touchedBy(e.patch)) out.add(t);
  return out;
}

/** Index of the entry a patch with `key` merges into, or -1: the nearest same-key entry, if it commutes. */
function mergeTarget(undo: HistoryEntry[], key: string, mine: Set<string>, at: string, withinMs?: number): number {
  const above = new Set<string>();
  for (let i = undo.length - 1; i >= 0; i--) {
    const e = undo[i]!;
    if (e.key === key) {
      const recent = withinMs === undefined || Date.parse(at) - Date.parse(e.at) <= withinMs;
      return recent && !overlaps(above, mine) && !overlaps(above, touchedBy(e.patch)) ? i : -1;
    }
    for (const t of touchedBy(e.patch)) above.add(t);
  }
  return -1;
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) return true;
  return false;
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
