/**
 * Walks the project's history to just after one entry, one undo or redo at a time through the
 * store's own verbs (so each step is the same as pressing Undo), with a note while it goes.
 *
 * Must hold: the way is recomputed from the stacks after every step, not counted once up front:
 * undo flushes pending typing first (a new entry), and a generation may land meanwhile.
 */
import { useCallback, useRef, useState } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { historySteps, steppingNote } from "./historyList";

export interface HistoryStepping {
  /** "Undoing 2 of 5…" while stepping; null otherwise. */
  note: string | null;
  /** Goes to just after the entry with this id (null: before every entry). */
  stepTo: (targetId: string | null) => Promise<void>;
}

export function useHistoryStepping(): HistoryStepping {
  const [note, setNote] = useState<string | null>(null);
  const busy = useRef(false);

  const stepTo = useCallback(async (targetId: string | null) => {
    const history = () => useAppStore.getState().projectState?.project.history;
    const start = history();
    const plan = start ? historySteps(start, targetId) : null;
    if (busy.current || !plan || plan.count === 0) return;
    busy.current = true;
    // A bound, in case entries keep landing as fast as we step.
    const limit = plan.count * 2 + 10;
    try {
      for (let step = 1; step <= limit; step++) {
        const before = history();
        const next = before ? historySteps(before, targetId) : null;
        if (!next || next.count === 0) break;
        setNote(steppingNote(next.direction, step, Math.max(plan.count, step + next.count - 1)));
        const s = useAppStore.getState();
        await (next.direction === "undo" ? s.undo() : s.redo());
        // The step did not happen (disconnected, refused): the store has already said why.
        if (history() === before) break;
      }
    } finally {
      busy.current = false;
      setNote(null);
    }
  }, []);

  return { note, stepTo };
}
