/**
 * What the writer can do with a prompt that cannot be sent as written: describe the qualities in
 * their own words (the dialog closes and puts the cursor where the name was typed), or add the name
 * to the project's allow list with a reason (a licence, a parody). After an undone rewrite, the
 * rewrite itself is offered again too.
 */
import { useId, useState, type FormEvent } from "react";
import { filterSettingsOf, FILTER_LIMITS } from "../../../shared/filter/filterSettings";
import type { FilterPrompt } from "../../stores/filterSlice";
import { useAppStore } from "../../stores/useAppStore";
import { requestEditorFocus } from "../editor/editorFocus";
import { ALTS_ANGLE_INPUT_ID, describeTarget } from "./describeTarget";
import { sameName, withEntry } from "./filterForm";

export function WaysForward({ prompt, onRedo }: { prompt: FilterPrompt; onRedo?: () => void }) {
  const close = useAppStore((s) => s.closeFilterPrompt);
  const [allowing, setAllowing] = useState(false);
  // Only a protected creator can be allowed; a deny-listed name is the project's own choice (settings).
  const names = [...new Set(prompt.decision.matches.filter((m) => m.action !== "allow" && m.status === "protected").map((m) => m.name))];

  const describe = () => {
    const s = useAppStore.getState();
    const project = s.projectState?.project;
    const target = project ? describeTarget(project, prompt.preview, prompt.decision.matches) : null;
    close();
    if (!target) return;
    if (target.kind === "node" && s.selectedId !== target.nodeId) s.select(target.nodeId);
    // After the dialog has gone (it hands focus back to where it was when it opened).
    requestAnimationFrame(() => {
      if (target.kind === "angle") document.getElementById(ALTS_ANGLE_INPUT_ID)?.focus();
      else requestEditorFocus(target.nodeId);
    });
  };

  if (allowing) return <AllowForm names={names} onCancel={() => setAllowing(false)} />;
  return (
    <div className="filter-actions">
      <button type="button" className="btn" onClick={describe} data-autofocus data-testid="filter.describe">
        Describe the qualities instead
      </button>
      {names.length ? (
        <button type="button" className="btn" onClick={() => setAllowing(true)} data-testid="filter.allow-open">
          Add to allow list…
        </button>
      ) : null}
      <span className="filter-actions-gap" />
      {onRedo ? (
        <button type="button" className="btn btn-primary" onClick={onRedo} data-testid="filter.redo">
          Use the rewrite
        </button>
      ) : null}
    </div>
  );
}

function AllowForm({ names, onCancel }: { names: string[]; onCancel: () => void }) {
  const settings = useAppStore((s) => (s.projectState ? filterSettingsOf(s.projectState.project) : null));
  const resolve = useAppStore((s) => s.resolveFilterPrompt);
  const busy = useAppStore((s) => s.filterBusy);
  const [name, setName] = useState(names[0] ?? "");
  const [reason, setReason] = useState("");
  const nameId = useId();
  const reasonId = useId();
  const listId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!settings || !name.trim() || busy) return;
    await resolve({ allow: withEntry(settings.allow, { name: name.trim(), reason: reason.trim() }, (a, b) => sameName(a.name, b.name)) });
  };
  return (
    <form className="filter-form" onSubmit={submit}>
      <div className="filter-form-row">
        <label className="field" htmlFor={nameId}>
          <span className="field-label">Name</span>
          <input
            id={nameId}
            className="input"
            value={name}
            list={names.length > 1 ? listId : undefined}
            maxLength={FILTER_LIMITS.name}
            onChange={(e) => setName(e.target.value)}
            data-testid="filter.allow-name"
          />
          {names.length > 1 ? (
            <datalist id={listId}>
              {names.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          ) : null}
        </label>
        <label className="field filter-reason-field" htmlFor={reasonId}>
          <span className="field-label">Reason</span>
          <input
            id={reasonId}
            className="input"
            value={reason}
            maxLength={FILTER_LIMITS.reason}
            placeholder="e.g. licensed parody"
            onChange={(e) => setReason(e.target.value)}
            autoFocus
            data-testid="filter.allow-reason"
          />
        </label>
      </div>
      <p className="field-hint">Allowed names are sent as written in this project. Saved in the project’s filter settings (undoable).</p>
      <div className="filter-actions">
        <button type="button" className="btn btn-quiet" onClick={onCancel} data-testid="filter.allow-cancel">
          Back
        </button>
        <span className="filter-actions-gap" />
        <button type="submit" className="btn btn-primary" disabled={!name.trim() || busy} data-testid="filter.allow-save">
          {busy ? "Checking…" : "Add and check again"}
        </button>
      </div>
    </form>
  );
}
