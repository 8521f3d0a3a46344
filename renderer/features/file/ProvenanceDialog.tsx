/**
 * File ▸ Provenance…: who wrote the final text — the writer, the model, or the model and then the
 * writer — as a stacked bar and a table (words and nodes), per level and per model, then the model's
 * nodes with when and how each was generated. Exports the same report as Markdown or CSV.
 */
import { useId, useMemo, useState } from "react";
import { LEVELS } from "../../../shared/story/model";
import { provenanceRows, provenanceSummary, type ProvenanceRow } from "../../../shared/story/provenance";
import { useAppStore } from "../../stores/useAppStore";
import { Modal } from "../../ui/Modal";
import { saveExportedFile } from "../../ui/saveFile";
import { scopeLabel } from "../snapshots/snapshotText";
import { levelName } from "../tree/nodeText";
import { exportableSubtree } from "./exportChoices";
import { ShareBar, ShareTable } from "./ShareTable";
import { samplingText, shareRows, wordCount } from "./provenanceView";
import "./file.css";

/** Generated nodes listed in the dialog; the CSV has them all. */
const LISTED = 200;

export function ProvenanceDialog() {
  const project = useAppStore((s) => s.projectState?.project);
  const selectedId = useAppStore((s) => s.selectedId);
  const close = useAppStore((s) => s.closeFileDialog);
  const exportFile = useAppStore((s) => s.exportFile);
  const busy = useAppStore((s) => s.exportBusy);
  const subtreeId = project ? exportableSubtree(project, selectedId) : null;
  const [scope, setScope] = useState("");
  const scopeId = scope && project?.nodes[scope] ? scope : undefined;
  const summary = useMemo(() => (project ? provenanceSummary(project, scopeId) : null), [project, scopeId]);
  const generated = useMemo(() => (project ? provenanceRows(project, scopeId).filter((r) => r.origin !== "written") : []), [project, scopeId]);
  const scopeFieldId = useId();
  if (!project || !summary) return null;
  const save = (format: "provenance-md" | "provenance-csv") => void exportFile({ format, ...(scopeId ? { nodeId: scopeId } : {}) }, saveExportedFile);

  return (
    <Modal title="Provenance" onClose={close} testId="provenance.dialog" className="file-modal provenance-modal">
      <div className="provenance-bar-row">
        <div className="field">
          <label className="field-label" htmlFor={scopeFieldId}>
            Of
          </label>
          <select id={scopeFieldId} className="input" value={scopeId ?? ""} onChange={(e) => setScope(e.target.value)} data-autofocus data-testid="provenance.scope">
            <option value="">The whole story</option>
            {[...new Set([subtreeId, scope])].filter((id): id is string => Boolean(id && project.nodes[id])).map((id) => (
              <option key={id} value={id}>
                {scopeLabel({ scopeId: id }, project)}
              </option>
            ))}
          </select>
        </div>
        <div className="provenance-exports">
          <button type="button" className="btn" disabled={busy} onClick={() => save("provenance-md")} data-testid="provenance.export-md">
            Export Markdown
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => save("provenance-csv")} data-testid="provenance.export-csv">
            Export CSV
          </button>
        </div>
      </div>

      <section className="provenance-section" aria-labelledby={`${scopeFieldId}-final`}>
        <h3 id={`${scopeFieldId}-final`} className="section-label">
          The final text · {wordCount(summary.words)} in {summary.nodes} {summary.nodes === 1 ? "node" : "nodes"}
        </h3>
        {summary.words === 0 ? <p className="muted small">No words yet: the shares show once there is text.</p> : null}
        <ShareBar rows={shareRows(summary)} />
        <ShareTable rows={shareRows(summary)} testId="provenance.share" />
      </section>

      <section className="provenance-section" aria-label="By level">
        <h3 className="section-label">By level</h3>
        <LevelTable summary={summary} />
      </section>

      <section className="provenance-section" aria-label="By model">
        <h3 className="section-label">By model</h3>
        {summary.byModel.length === 0 ? (
          <p className="muted small">No text from a model here.</p>
        ) : (
          <table className="share-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Words</th>
                <th scope="col">Nodes</th>
                <th scope="col">As generated</th>
                <th scope="col">Edited since</th>
              </tr>
            </thead>
            <tbody>
              {summary.byModel.map((m) => (
                <tr key={m.modelId} data-testid="provenance.model" data-model-id={m.modelId}>
                  <th scope="row" className="mono">
                    {m.modelId}
                  </th>
                  <td>{m.words}</td>
                  <td>{m.nodes}</td>
                  <td>{m.generated}</td>
                  <td>{m.edited}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="provenance-section" aria-label="Generated text">
        <h3 className="section-label">Generated text · {generated.length}</h3>
        <GeneratedList rows={generated} />
      </section>
    </Modal>
  );
}

function LevelTable({ summary }: { summary: ReturnType<typeof provenanceSummary> }) {
  const levels = LEVELS.filter((l) => summary.byLevel[l].nodes > 0);
  return (
    <table className="share-table">
      <thead>
        <tr>
          <th scope="col">Level</th>
          <th scope="col">Words</th>
          <th scope="col">Written</th>
          <th scope="col">Generated</th>
          <th scope="col">Edited</th>
        </tr>
      </thead>
      <tbody>
        {levels.map((level) => {
          const rows = shareRows(summary.byLevel[level]);
          return (
            <tr key={level} data-testid="provenance.level" data-level={level}>
              <th scope="row">{levelName(level)}</th>
              <td>{summary.byLevel[level].words}</td>
              {rows.map((r) => (
                <td key={r.origin}>{summary.byLevel[level].words ? `${r.wordPercent}%` : "—"}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function GeneratedList({ rows }: { rows: ProvenanceRow[] }) {
  const select = useAppStore((s) => s.select);
  const close = useAppStore((s) => s.closeFileDialog);
  if (rows.length === 0) return <p className="muted small">Nothing here was written by a model.</p>;
  return (
    <>
      <ol className="generated-list">
        {rows.slice(0, LISTED).map((r) => (
          <li key={r.nodeId} className="generated-item" data-testid="provenance.generated" data-node-id={r.nodeId} data-origin={r.origin}>
            <button
              type="button"
              className="link generated-where"
              title="Go to this part of the story"
              onClick={() => {
                select(r.nodeId);
                close();
              }}
            >
              {r.label}
            </button>
            <span className={`origin-chip prov-${r.origin}`}>{r.origin === "edited" ? "edited since" : "as generated"}</span>
            <span className="generated-meta">
              {r.modelId ? <span className="mono">{r.modelId}</span> : <span className="muted">model not recorded</span>}
              {r.at ? <time dateTime={r.at}>{new Date(r.at).toLocaleString()}</time> : null}
              {samplingText(r) ? <span>{samplingText(r)}</span> : null}
            </span>
          </li>
        ))}
      </ol>
      {rows.length > LISTED ? <p className="muted small">And {rows.length - LISTED} more: the CSV export lists them all.</p> : null}
    </>
  );
}
