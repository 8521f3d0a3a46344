/**
 * The history drawer on the right: every operation in the project's undo and redo stacks, by name,
 * newest first, with who did it and when. Undone operations sit greyed above a "Now" marker.
 * Clicking a done operation undoes back to just after it; clicking an undone one redoes up to it.
 * Not modal: the writer keeps working with it open and watches entries arrive. Escape closes it.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { CascadeIcon, CloseIcon, SparkIcon } from "../../ui/icons";
import { historyRows, type HistoryRow, type HistorySource } from "./historyList";
import { useHistoryStepping } from "./useHistoryStepping";
import "./history.css";

export const HISTORY_PANEL_ID = "history-panel";

/** How often "5 minutes ago" is brought up to date while the panel is open. */
const CLOCK_MS = 30_000;

export function HistoryPanel({ onClose }: { onClose: () => void }) {
  const history = useAppStore((s) => s.projectState?.project.history);
  const now = useClock(CLOCK_MS);
  const { undone, done } = useMemo(() => (history ? historyRows(history, now) : { undone: [], done: [] }), [history, now]);
  const { note, stepTo } = useHistoryStepping();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, []);
  useEffect(() => {
    // Bubble phase: a menu or dialog above the panel that takes Escape stops it before it gets here.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      e.preventDefault();
      onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  const entry = (row: HistoryRow) => (
    <li key={row.id}>
      <button
        type="button"
        className={`history-entry is-${row.state} ${row.current ? "is-current" : ""}`}
        data-testid="history.entry"
        data-state={row.state}
        data-label={row.label}
        data-source={row.source}
        data-entry-id={row.id}
        aria-current={row.current ? "step" : undefined}
        disabled={note !== null}
        title={entryTitle(row)}
        onClick={() => void stepTo(row.id)}
      >
        <SourceMark source={row.source} />
        <span className="history-label">{row.label}</span>
        <span className="history-meta" title={new Date(row.at).toLocaleString()}>
          {row.sourceWord} · {row.when}
        </span>
      </button>
    </li>
  );

  return (
    <aside ref={ref} id={HISTORY_PANEL_ID} className="history-panel" aria-label="History" tabIndex={-1} data-testid="history.panel">
      <header className="history-head">
        <h2 className="history-title">History</h2>
        <button type="button" className="btn btn-quiet btn-icon" aria-label="Close history" title="Close (Esc)" onClick={onClose} data-testid="history.close">
          <CloseIcon />
        </button>
      </header>
      <p className="history-hint">Click an operation to go back to just after it; greyed ones are undone and can be redone.</p>
      {note ? (
        <p className="history-note" role="status" data-testid="history.note">
          {note}
        </p>
      ) : null}
      {undone.length === 0 && done.length === 0 ? (
        <p className="history-empty">Nothing yet. Every edit, move and generation will be listed here, newest first.</p>
      ) : (
        <ol className="history-list" aria-label="Operations, newest first" aria-busy={note !== null}>
          {undone.map(entry)}
          <li className="history-now" data-testid="history.now" aria-label="Now: the project as it is">
            <span>Now</span>
          </li>
          {done.map(entry)}
          {done.length > 0 ? (
            <li>
              <button
                type="button"
                className="history-entry is-start"
                data-testid="history.start"
                disabled={note !== null}
                title="Undo every operation listed here"
                onClick={() => void stepTo(null)}
              >
                <span className="history-source" aria-hidden="true" />
                <span className="history-label">Before all of these</span>
              </button>
            </li>
          ) : null}
        </ol>
      )}
    </aside>
  );
}

function entryTitle(row: HistoryRow): string {
  if (row.state === "undone") return `Redo up to “${row.label}”`;
  return row.current ? "The project is as this operation left it" : `Undo back to just after “${row.label}”`;
}

function SourceMark({ source }: { source: HistorySource }) {
  return (
    <span className={`history-source source-${source}`} aria-hidden="true">
      {source === "generation" ? <SparkIcon size={12} /> : source === "cascade" ? <CascadeIcon size={12} /> : null}
    </span>
  );
}

/** The current time, refreshed every `ms`. */
function useClock(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
