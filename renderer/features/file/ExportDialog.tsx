/**
 * File ▸ Export…: the format (preset by the menu item), what to export (the whole story or the
 * selected beat or scene), whether to mark the text the model wrote, then Export: the services make
 * the file and it is saved under the name they suggest (a save dialog in Electron, a download in
 * the browser). "Saved" is said only when the save really ended (see saveFeedback.ts).
 */
import { useId, useState, type FormEvent } from "react";
import { GENERATED_MARKS, type ExportFormat } from "../../../shared/export/types";
import { useAppStore } from "../../stores/useAppStore";
import { Modal } from "../../ui/Modal";
import { saveExportedFile } from "../../ui/saveFile";
import { scopeLabel } from "../snapshots/snapshotText";
import { exportChoice, exportableSubtree, exportMenuChoices, exportRequest } from "./exportChoices";
import "./file.css";

export function ExportDialog({ format: initialFormat }: { format: ExportFormat }) {
  const project = useAppStore((s) => s.projectState?.project);
  const selectedId = useAppStore((s) => s.selectedId);
  const busy = useAppStore((s) => s.exportBusy);
  const close = useAppStore((s) => s.closeFileDialog);
  const exportFile = useAppStore((s) => s.exportFile);
  const [format, setFormat] = useState<ExportFormat>(initialFormat);
  const [wantSubtree, setWantSubtree] = useState(false);
  const [mark, setMark] = useState(false);
  const formatId = useId();
  if (!project) return null;
  const choice = exportChoice(format);
  const subtreeId = exportableSubtree(project, selectedId);
  const scoped = choice.scoped && subtreeId !== null && wantSubtree;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = await exportFile(exportRequest(format, scoped ? subtreeId : null, mark), saveExportedFile);
    // What the writer hears about the save comes from exportFile (a browser download) or the shell (Electron).
    if (file) close();
  };

  return (
    <Modal title="Export" onClose={close} testId="export.dialog" className="file-modal">
      <form className="export-form" onSubmit={(e) => void submit(e)} aria-label="Export">
        <div className="field">
          <label className="field-label" htmlFor={formatId}>
            Format
          </label>
          <select id={formatId} className="input" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} data-testid="export.format" data-autofocus>
            {exportMenuChoices(project.settings.form).map((c) => (
              <option key={c.format} value={c.format}>
                {c.name}
              </option>
            ))}
          </select>
          <p className="field-hint" data-testid="export.hint">
            {choice.hint}
            {choice.screenplay && project.settings.form === "prose" ? " Made for screenplays: a prose story comes out as scene headings and action." : ""}
          </p>
        </div>

        <fieldset className="export-scope" disabled={!choice.scoped}>
          <legend className="field-label">What to export</legend>
          <label className="check-row">
            <input type="radio" name="export-scope" checked={!scoped} onChange={() => setWantSubtree(false)} data-testid="export.scope-all" />
            <span>The whole story</span>
          </label>
          <label className={`check-row ${subtreeId ? "" : "is-unavailable"}`}>
            <input type="radio" name="export-scope" checked={scoped} disabled={!subtreeId} onChange={() => setWantSubtree(true)} data-testid="export.scope-subtree" />
            <span>{subtreeId ? `Only ${scopeLabel({ scopeId: subtreeId }, project)}, with everything under it` : "Only the selected beat or scene"}</span>
          </label>
          {!choice.scoped ? (
            <p className="field-hint">The binder always covers the whole story.</p>
          ) : !subtreeId ? (
            <p className="field-hint">Select a beat or scene in the outline to export just that part.</p>
          ) : null}
        </fieldset>

        <label className="check-row">
          <input type="checkbox" checked={mark && choice.markable} disabled={!choice.markable} onChange={(e) => setMark(e.target.checked)} data-testid="export.mark" />
          <span>
            Mark generated text
            <span className="field-hint check-hint">
              {choice.markable
                ? `Adds “${GENERATED_MARKS.generated}” to text the model wrote, “${GENERATED_MARKS.edited}” where you changed it.`
                : format === "binder"
                  ? "Not for the binder: it holds alts, not the story’s text."
                  : "Not for the report: it lists who wrote what already."}
            </span>
          </span>
        </label>

        <div className="dialog-actions">
          <button type="button" className="btn btn-quiet" onClick={close} data-testid="export.cancel">
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="export.submit">
            {busy ? "Exporting…" : "Export"}
          </button>
        </div>
      </form>
    </Modal>
  );
}

