/**
 * "Style filter" in the settings dialog: the project's mode, copyright-term profile and lists, saved
 * together as one undoable `setFilterSettings` operation; then a box to try any text against them,
 * and the project's audit log of what the filter did.
 */
import { useId, useState, type FormEvent } from "react";
import { filterSettingsOf, FILTER_LIMITS } from "../../../shared/filter/filterSettings";
import { FILTER_MODES, JURISDICTIONS, type FilterMode, type FilterSettings, type Jurisdiction } from "../../../shared/filter/types";
import { useAppStore } from "../../stores/useAppStore";
import { MOD_KEY } from "../help/shortcuts";
import { FilterAuditLog } from "./FilterAuditLog";
import { FilterListEditor } from "./FilterListEditor";
import { readFilterForm, type FilterForm } from "./filterForm";
import { JURISDICTION_LABELS, MODE_HINTS, MODE_LABELS } from "./filterWords";
import { TryPrompt } from "./TryPrompt";
import "./filter.css";

export function StyleFilterSettings() {
  const settings = useAppStore((s) => (s.projectState ? filterSettingsOf(s.projectState.project) : null));
  const id = useId();
  if (!settings) return null;
  return (
    <section className="settings-section" aria-labelledby={id} data-testid="settings.filter">
      <div className="settings-section-head">
        <h3 id={id} className="settings-section-title">
          Style filter
        </h3>
        <span className="muted small">Checks every prompt before it reaches the model</span>
      </div>
      <FilterSettingsForm settings={settings} />
      <TryPrompt />
      <FilterAuditLog />
    </section>
  );
}

function FilterSettingsForm({ settings }: { settings: FilterSettings }) {
  const save = useAppStore((s) => s.saveFilterSettings);
  // Compared by value: every push of the project (a save-state change too) brings a new object,
  // and that must not throw away what the writer is typing.
  const key = JSON.stringify(settings);
  const [shown, setShown] = useState(key);
  const [form, setForm] = useState<FilterForm>(settings);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const modeId = useId();
  const termsId = useId();
  // The settings changed in main (this save, an undo, a choice in the filter dialog): show them.
  if (shown !== key) {
    setShown(key);
    setForm(settings);
  }
  const { errors, needsAck, change } = readFilterForm(form, settings);
  const edit = (next: Partial<FilterForm>) => {
    setForm((f) => ({ ...f, ...next }));
    setSaved(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!change || busy) return;
    setBusy(true);
    const ok = await save(change);
    setBusy(false);
    setSaved(ok);
  };

  return (
    <form className="filter-settings" onSubmit={submit} noValidate>
      <div className="filter-settings-row">
        <label className="field" htmlFor={modeId}>
          <span className="field-label">Mode</span>
          <select
            id={modeId}
            className="input"
            value={form.mode}
            onChange={(e) => edit({ mode: e.target.value as FilterMode, offAcknowledged: settings.mode === "off" && settings.offAcknowledged })}
            data-testid="settings.filter.mode"
          >
            {FILTER_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={termsId}>
          <span className="field-label">Copyright term</span>
          <select
            id={termsId}
            className="input"
            value={form.jurisdiction}
            onChange={(e) => edit({ jurisdiction: e.target.value as Jurisdiction })}
            data-testid="settings.filter.jurisdiction"
          >
            {JURISDICTIONS.map((j) => (
              <option key={j} value={j}>
                {JURISDICTION_LABELS[j]}
              </option>
            ))}
          </select>
        </label>
        <p className="field-hint filter-mode-hint">{MODE_HINTS[form.mode]}</p>
      </div>
      {form.mode === "off" ? (
        <label className="filter-ack" data-testid="settings.filter.off">
          <input type="checkbox" checked={form.offAcknowledged} onChange={(e) => edit({ offAcknowledged: e.target.checked })} data-testid="settings.filter.off-ack" />
          <span>I understand that with the filter off, prompts that name protected creators are sent to the model as written.</span>
        </label>
      ) : null}

      <FilterListEditor
        listKey="allow"
        title="Allow list"
        hint="Names sent as written in this project, with why (e.g. licensed parody)."
        rows={form.allow}
        columns={[
          { key: "name", label: "Name", placeholder: "Jerry Seinfeld", max: FILTER_LIMITS.name },
          { key: "reason", label: "Reason", placeholder: "licensed parody", max: FILTER_LIMITS.reason },
        ]}
        blank={{ name: "", reason: "" }}
        onChange={(allow) => edit({ allow })}
      />
      <FilterListEditor
        listKey="deny"
        title="Deny list"
        hint="Names never sent in this project, whatever their status."
        rows={form.deny}
        columns={[
          { key: "name", label: "Name", placeholder: "a name", max: FILTER_LIMITS.name },
          { key: "reason", label: "Reason", placeholder: "client asked not to", max: FILTER_LIMITS.reason },
        ]}
        blank={{ name: "", reason: "" }}
        onChange={(deny) => edit({ deny })}
      />
      <FilterListEditor
        listKey="aliases"
        title="Aliases"
        hint="What you type, and whom it means (answers to “which one do you mean?” land here)."
        rows={form.aliases}
        columns={[
          { key: "alias", label: "You type", placeholder: "Swift", max: FILTER_LIMITS.name },
          { key: "name", label: "Means", placeholder: "Jonathan Swift", max: FILTER_LIMITS.name },
        ]}
        blank={{ alias: "", name: "" }}
        onChange={(aliases) => edit({ aliases })}
      />
      <FilterListEditor
        listKey="rewrites"
        title="Rewrite words"
        hint="Your own words for a creator’s style, used instead of the name in Rewrite mode."
        rows={form.rewrites}
        columns={[
          { key: "name", label: "Creator", placeholder: "Quentin Tarantino", max: FILTER_LIMITS.name },
          { key: "text", label: "Words", placeholder: "cool, talky and nonlinear", max: FILTER_LIMITS.rewrite },
        ]}
        blank={{ name: "", text: "" }}
        onChange={(rewrites) => edit({ rewrites })}
      />

      {errors.length ? (
        <ul className="field-errors" role="alert" data-testid="settings.filter.errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <div className="settings-actions">
        <button type="button" className="btn btn-quiet" onClick={() => edit(settings)} disabled={key === JSON.stringify(form)} data-testid="settings.filter.revert">
          Revert
        </button>
        <p className="settings-note muted small" role="status">
          {saved && !change ? `Saved. Undo with ${MOD_KEY}+Z.` : ""}
        </p>
        <span className={!change ? "btn-wrap" : undefined} title={needsAck ? "Tick the acknowledgement to turn the filter off." : undefined}>
          <button type="submit" className="btn btn-primary" disabled={!change || busy} data-testid="settings.filter.save">
            {busy ? "Saving…" : "Save"}
          </button>
        </span>
      </div>
    </form>
  );
}
