/**
 * The history panel's rows and steps, as pure functions of the project's undo and redo stacks
 * (`project.history`, top of each stack last). Tested in historyList.test.ts.
 *
 * The panel reads newest first: undone entries (the redo stack, the one redo would bring back
 * next just above "now"), then done ones (the undo stack, the latest first).
 */
import type { History, HistoryEntry } from "../../../shared/story/model";
import { relativeTime } from "../start/relativeTime";

export type HistorySource = HistoryEntry["source"];

export interface HistoryRow {
  id: string;
  label: string;
  state: "done" | "undone";
  source: HistorySource;
  /** Who did it, in a word: "You", "Model", "Cascade". */
  sourceWord: string;
  /** "5 minutes ago". */
  when: string;
  /** ISO time, for a tooltip. */
  at: string;
  /** The newest done entry: the project is exactly as it left it. */
  current: boolean;
}

const SOURCE_WORDS: Record<HistorySource, string> = { user: "You", generation: "Model", cascade: "Cascade" };

/** Who made a history entry, in a word. */
export function sourceWord(source: HistorySource): string {
  return SOURCE_WORDS[source];
}

/** The panel's rows, newest first: undone ones above "now", done ones below. */
export function historyRows(history: History, now: number = Date.now()): { undone: HistoryRow[]; done: HistoryRow[] } {
  const row = (e: HistoryEntry, state: HistoryRow["state"], current: boolean): HistoryRow => ({
    id: e.id,
    label: e.label,
    state,
    source: e.source,
    sourceWord: sourceWord(e.source),
    when: relativeTime(e.at, now),
    at: e.at,
    current,
  });
  // The redo stack's bottom is the furthest from now, so it is already newest first.
  const undone = history.redo.map((e) => row(e, "undone", false));
  const done = [...history.undo].reverse().map((e, i) => row(e, "done", i === 0));
  return { undone, done };
}

export interface HistorySteps {
  direction: "undo" | "redo";
  count: number;
}

/**
 * How to get to just after entry `targetId`: undo what was done since (a done entry), or redo up to
 * and including it (an undone one). `null` as the target means the start: undo everything. Null
 * when the entry is in neither stack (it merged or was dropped meanwhile).
 */
export function historySteps(history: History, targetId: string | null): HistorySteps | null {
  const done = history.undo.length;
  if (targetId === null) return { direction: "undo", count: done };
  const i = history.undo.findIndex((e) => e.id === targetId);
  if (i >= 0) return { direction: "undo", count: done - 1 - i };
  const j = history.redo.findIndex((e) => e.id === targetId);
  if (j >= 0) return { direction: "redo", count: history.redo.length - j };
  return null;
}

/** The note shown while stepping: "Undoing 2 of 5…". */
export function steppingNote(direction: HistorySteps["direction"], step: number, total: number): string {
  return `${direction === "undo" ? "Undoing" : "Redoing"} ${step} of ${total}…`;
}
