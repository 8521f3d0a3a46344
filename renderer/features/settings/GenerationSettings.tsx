/**
 * "Generation for this project": sampling per level and how many children to write, as one compact
 * table. Saving applies a single `setProjectSettings` operation, so it is one undo step; none of it
 * makes existing text stale.
 */
import { useId, useState, type FormEvent } from "react";
import { SAMPLING_FIELDS, SAMPLING_RANGES, CHILD_COUNT_RANGE, type NumberRange, type SamplingField } from "../../../shared/story/generationSettings";
import { LEVELS, type ProjectSettings } from "../../../shared/story/model";
import { useAppStore } from "../../stores/useAppStore";
import { MOD_KEY } from "../help/shortcuts";
import { COUNT_LABELS, countKey, defaultGenerationForm, generationFormFrom, LEVEL_LABELS, readGenerationForm, samplingKey, withCount, withSampling } from "./generationForm";

const COLUMN_LABELS: Record<SamplingField, string> = { temperature: "Temperature", topP: "Top-p", minP: "Min-p", maxTokens: "Max tokens per item" };

export function GenerationSettings() {
  const settings = useAppStore((s) => s.projectState?.project.settings);
  const id = useId();
  if (!settings) return null;
  return (
    <section className="settings-section" aria-labelledby={id}>
      <div className="settings-section-head">
        <h3 id={id} className="settings-section-title">
          Generation for this project
        </h3>
        <span className="muted small">Undoable; never marks text as stale</span>
      </div>
      <GenerationTable settings={settings} />
    </section>
  );
}

function GenerationTable({ settings }: { settings: ProjectSettings }) {
  const apply = useAppStore((s) => s.apply);
  // Compared by value: main re-sends the whole project on every change (a generation landing, an
  // autosave), and only a change to these settings (this save, an undo) may replace what is typed.
  const key = JSON.stringify([settings.childCount, settings.sampling]);
  const [shown, setShown] = useState(key);
  const [form, setForm] = useState(() => generationFormFrom(settings));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const errorsId = useId();
  // The settings changed in main (this save, an undo): show them.
  if (shown !== key) {
    setShown(key);
    setForm(generationFormFrom(settings));
  }
  const { errors, change } = readGenerationForm(form, settings);
  const messages = Object.entries(errors);
  const edit = (next: typeof form) => {
    setForm(next);
    setSaved(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!change || busy) return;
    setBusy(true);
    const state = await apply({ type: "setProjectSettings", ...change });
    setBusy(false);
    setSaved(Boolean(state));
  };

  const cell = (key: string, label: string, range: NumberRange, value: string, onChange: (text: string) => void) => (
    <input
      className="input num-input"
      type="number"
      inputMode="decimal"
      min={range.min}
      max={range.max}
      step={range.step}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-label={label}
      aria-invalid={errors[key] ? true : undefined}
      aria-describedby={errors[key] ? errorsId : undefined}
      data-testid={`settings.${key.startsWith("count.") ? key : `sampling.${key}`}`}
    />
  );

  return (
    <form className="generation-form" onSubmit={submit} noValidate>
      <table className="generation-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Level</span>
            </th>
            {SAMPLING_FIELDS.map((field) => (
              <th key={field} scope="col">
                {COLUMN_LABELS[field]}
              </th>
            ))}
            <th scope="col">How many to write</th>
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((level) => (
            <tr key={level}>
              <th scope="row">{LEVEL_LABELS[level]}</th>
              {SAMPLING_FIELDS.map((field) => (
                <td key={field}>
                  {cell(samplingKey(level, field), `${LEVEL_LABELS[level]} ${COLUMN_LABELS[field].toLowerCase()}`, SAMPLING_RANGES[field], form.sampling[level][field], (t) =>
                    edit(withSampling(form, level, field, t)),
                  )}
                </td>
              ))}
              <td>
                {level === "premise" ? (
                  // Premises are written as alts of the premise, never as a fixed count of children.
                  <span className="muted">—</span>
                ) : (
                  <span className="count-cell">
                    {cell(countKey(level), `${LEVEL_LABELS[level]}: how many to write`, CHILD_COUNT_RANGE, form.counts[level], (t) => edit(withCount(form, level, t)))}
                    <span className="muted small">{COUNT_LABELS[level]}</span>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field-hint">
        Higher temperature and top-p write more surprising text; lower, more predictable. Max tokens is per item: asking for 6 beats allows up to 6 times as many.
      </p>
      {messages.length ? (
        <ul id={errorsId} className="field-errors" role="alert">
          {messages.map(([key, message]) => (
            <li key={key}>{message}</li>
          ))}
        </ul>
      ) : null}
      <div className="settings-actions">
        <button type="button" className="btn btn-quiet" onClick={() => edit(defaultGenerationForm())} data-testid="settings.reset-project">
          Reset to defaults
        </button>
        <p className="settings-note muted small" role="status">
          {saved && !change ? `Saved. Undo with ${MOD_KEY}+Z.` : ""}
        </p>
        <button type="submit" className="btn btn-primary" disabled={!change || busy} data-testid="settings.save-project">
          {busy ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
