/**
 * Undo and redo of the project's history, each saying what it would undo ("Undo Edit beat"), and
 * the toggle of the history panel that lists every operation by name.
 */
import { useCallback, useRef, useState } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { ActionButton } from "../../ui/ActionButton";
import { RedoIcon, UndoIcon } from "../../ui/icons";
import { MOD_KEY } from "../help/shortcuts";
import { HISTORY_PANEL_ID, HistoryPanel } from "./HistoryPanel";

export function HistoryButtons() {
  const undoLabel = useAppStore((s) => topLabel(s.projectState?.project.history.undo));
  const redoLabel = useAppStore((s) => topLabel(s.projectState?.project.history.redo));
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    // Focus was in the panel (or nowhere): give it back to the toggle rather than lose it with the panel.
    const active = document.activeElement;
    if (!active || active === document.body || document.getElementById(HISTORY_PANEL_ID)?.contains(active)) toggleRef.current?.focus();
    setOpen(false);
  }, []);
  return (
    <div className="history-buttons" role="group" aria-label="History">
      <ActionButton
        label={undoLabel ? `Undo ${undoLabel}` : "Undo"}
        icon={<UndoIcon />}
        title={undoLabel ? `Undo “${undoLabel}” (${MOD_KEY}+Z)` : undefined}
        disabled={!undoLabel}
        reason="Nothing to undo"
        variant="quiet"
        testId="history.undo"
        className="history-button"
        onClick={() => void undo()}
      />
      <ActionButton
        label={redoLabel ? `Redo ${redoLabel}` : "Redo"}
        icon={<RedoIcon />}
        title={redoLabel ? `Redo “${redoLabel}” (${MOD_KEY}+Shift+Z)` : undefined}
        disabled={!redoLabel}
        reason="Nothing to redo"
        variant="quiet"
        testId="history.redo"
        className="history-button"
        onClick={() => void redo()}
      />
      <button
        ref={toggleRef}
        type="button"
        className="btn btn-quiet"
        aria-pressed={open}
        aria-controls={open ? HISTORY_PANEL_ID : undefined}
        title="Every operation in this project, by name: go back to any of them"
        data-testid="history.toggle"
        onClick={() => (open ? close() : setOpen(true))}
      >
        History
      </button>
      {open ? <HistoryPanel onClose={close} /> : null}
    </div>
  );
}

function topLabel(stack: Array<{ label: string }> | undefined): string | null {
  return stack && stack.length > 0 ? stack[stack.length - 1]!.label : null;
}
