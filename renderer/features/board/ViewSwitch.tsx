/** The "Write | Board" switch above the workspace body (Ctrl+Shift+B toggles it from anywhere). */
import { useAppStore } from "../../stores/useAppStore";
import type { WorkspaceView } from "../../stores/uiSlice";
import { MOD_KEY } from "../help/shortcuts";
import "./board.css";

const OPTIONS: Array<{ view: WorkspaceView; label: string; title: string }> = [
  { view: "write", label: "Write", title: "Outline and editor" },
  { view: "board", label: "Board", title: "Beats as columns, scenes as cards: drag to restructure" },
];

export function ViewSwitch() {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  return (
    <div className="view-bar">
      <div className="view-switch" role="group" aria-label="View">
        {OPTIONS.map((o) => (
          <button
            key={o.view}
            type="button"
            className={`view-switch-option ${view === o.view ? "is-on" : ""}`}
            aria-pressed={view === o.view}
            title={`${o.title} (${MOD_KEY}+Shift+B switches)`}
            data-testid={`view.${o.view}`}
            onClick={() => setView(o.view)}
          >
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}
