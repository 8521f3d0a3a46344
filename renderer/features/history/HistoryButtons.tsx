/** Undo and redo of the project's history, each saying what it would undo ("Undo Edit beat"). */
import { useAppStore } from "../../stores/useAppStore";
import { ActionButton } from "../../ui/ActionButton";
import { RedoIcon, UndoIcon } from "../../ui/icons";
import { MOD_KEY } from "../help/shortcuts";

export function HistoryButtons() {
  const undoLabel = useAppStore((s) => topLabel(s.projectState?.project.history.undo));
  const redoLabel = useAppStore((s) => topLabel(s.projectState?.project.history.redo));
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
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
    </div>
  );
}

function topLabel(stack: Array<{ label: string }> | undefined): string | null {
  return stack && stack.length > 0 ? stack[stack.length - 1]!.label : null;
}
