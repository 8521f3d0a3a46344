/**
 * The project's style-filter audit log (every decision other than allow, newest first), read from
 * main when the writer opens it. It lives in a file beside the project; its path is shown.
 */
import { useState } from "react";
import type { FilterAuditEntry } from "../../../shared/ipc/contract";
import { useAppStore } from "../../stores/useAppStore";
import { auditRow } from "./filterWords";

export function FilterAuditLog() {
  const load = useAppStore((s) => s.loadFilterAudit);
  const [log, setLog] = useState<{ entries: FilterAuditEntry[]; path: string } | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const refresh = async () => {
    setBusy(true);
    const next = await load();
    setBusy(false);
    if (next) setLog(next);
  };
  const toggle = () => {
    setOpen(!open);
    if (!open) void refresh();
  };
  const rows = log?.entries.map((e, i) => auditRow(e, i)) ?? [];
  return (
    <div className="filter-audit">
      <div className="settings-actions">
        <button type="button" className="btn" aria-expanded={open} onClick={toggle} data-testid="settings.filter.audit-open">
          {open ? "Hide audit log" : "Audit log"}
        </button>
        {open ? (
          <button type="button" className="btn btn-quiet" onClick={() => void refresh()} disabled={busy} data-testid="settings.filter.audit-refresh">
            Refresh
          </button>
        ) : null}
      </div>
      {open ? (
        <div className="filter-audit-body" data-testid="settings.filter.audit">
          {!log ? (
            <p className="muted small">Loading…</p>
          ) : rows.length === 0 ? (
            <p className="muted small">Nothing logged yet: rewrites, warnings and stopped prompts are listed here.</p>
          ) : (
            <div className="filter-audit-scroll">
              <table className="filter-audit-table">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Decision</th>
                    <th scope="col">Names</th>
                    <th scope="col">Matched</th>
                    <th scope="col">Replaced with</th>
                    <th scope="col">Count</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key} data-testid="settings.filter.audit-entry" data-decision={r.kind}>
                      <td className="nowrap">{r.when}</td>
                      <td>{r.decision}</td>
                      <td>{r.names}</td>
                      <td>{r.matched}</td>
                      <td>{r.replacement || "—"}</td>
                      <td className="num">{r.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {log ? <p className="field-hint filter-audit-path">Saved in {log.path}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
