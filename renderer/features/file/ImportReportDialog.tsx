/**
 * After an import: what was read (beats, scenes, lines), what had to be skipped (line, text, why)
 * and anything else worth knowing. Shown over whatever screen is up, until the writer closes it.
 */
import { useAppStore } from "../../stores/useAppStore";
import { Modal } from "../../ui/Modal";
import { importSummary } from "./importFile";
import "./file.css";

export function ImportReportDialog() {
  const imported = useAppStore((s) => s.importReport);
  const dismiss = useAppStore((s) => s.dismissImportReport);
  if (!imported) return null;
  const { report } = imported;
  const summary = importSummary(report);
  return (
    <Modal title={`Imported “${imported.title || imported.fileName}”`} onClose={dismiss} testId="import.report" className="file-modal">
      <p className={`import-headline ${summary.empty ? "is-empty" : ""}`} data-testid="import.summary" data-empty={summary.empty}>
        {summary.headline}
      </p>
      <dl className="import-counts">
        <div>
          <dt>Beats</dt>
          <dd data-testid="import.beats">{report.beats}</dd>
        </div>
        <div>
          <dt>Scenes</dt>
          <dd data-testid="import.scenes">{report.scenes}</dd>
        </div>
        <div>
          <dt>Lines</dt>
          <dd data-testid="import.lines">{report.lines}</dd>
        </div>
      </dl>
      {report.notes.length > 0 ? (
        <ul className="import-notes">
          {report.notes.map((n, i) => (
            <li key={i} data-testid="import.note">
              {n}
            </li>
          ))}
        </ul>
      ) : null}
      {summary.skippedLine ? (
        <section className="import-skipped" aria-label="Skipped">
          <h3 className="section-label">{summary.skippedLine}</h3>
          <table className="share-table skipped-table">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Text</th>
                <th scope="col">Why it was skipped</th>
              </tr>
            </thead>
            <tbody>
              {report.skipped.map((s, i) => (
                <tr key={i} data-testid="import.skipped" data-line={s.line}>
                  <td className="mono">{s.line}</td>
                  <td className="mono skipped-text">{s.text}</td>
                  <td>{s.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p className="muted small" data-testid="import.nothing-skipped">
          Nothing was skipped.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={dismiss} data-autofocus data-testid="import.done">
          Done
        </button>
      </div>
    </Modal>
  );
}
