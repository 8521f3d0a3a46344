/**
 * "Model & performance": the model file, threads / GPU layers / context size for every project, and
 * which model writes each level.
 * Saving sends `settings:update`; main reloads the model when something changed (running jobs stop).
 */
import { useId, useState, type FormEvent } from "react";
import type { AppSettingsView } from "../../../shared/ipc/contract";
import { useAppStore } from "../../stores/useAppStore";
import { EngineChoiceField } from "./EngineChoiceField";
import { engineFormFrom, readEngineForm, sameEngineValues, type EngineChoice, type EngineForm } from "./engineForm";
import { LevelModelsSettings } from "../models/LevelModelsSettings";
import { ModelFileField } from "./ModelFileField";

export function EngineSettings() {
  const view = useAppStore((s) => s.appSettings);
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <div className="settings-section-head">
        <h3 id={id} className="settings-section-title">
          Model & performance
        </h3>
        <span className="muted small">For every project</span>
      </div>
      <ModelFileField />
      {view ? <EngineFields view={view} /> : <p className="muted small">Loading the settings…</p>}
      <LevelModelsSettings />
    </section>
  );
}

function EngineFields({ view }: { view: AppSettingsView }) {
  const save = useAppStore((s) => s.saveEngineSettings);
  const busy = useAppStore((s) => s.settingsBusy);
  const hasModel = useAppStore((s) => Boolean(s.model?.modelPath));
  const [shown, setShown] = useState(view);
  const [form, setForm] = useState<EngineForm>(() => engineFormFrom(view));
  // Main answered with new settings (a save): show them.
  if (shown !== view) {
    setShown(view);
    setForm(engineFormFrom(view));
  }
  const { values, errors } = readEngineForm(form);
  const changed = values !== null && !sameEngineValues(values, view);
  const set = (key: keyof EngineForm) => (next: EngineChoice) => setForm((f) => ({ ...f, [key]: next }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (values && changed) await save(values);
  };

  return (
    <form className="engine-form" onSubmit={submit} noValidate>
      <EngineChoiceField
        setting="threads"
        label="Threads"
        hint="Auto leaves one core free for the rest of your computer (and uses at most 8)."
        choice={form.threads}
        error={errors.threads}
        onChange={set("threads")}
        testId="settings.threads"
      />
      <EngineChoiceField
        setting="gpuLayers"
        label="GPU layers"
        hint="Auto puts as many layers on the GPU as its memory holds; Off runs on the CPU only."
        choice={form.gpuLayers}
        error={errors.gpuLayers}
        onChange={set("gpuLayers")}
        testId="settings.gpu-layers"
      />
      <EngineChoiceField
        setting="contextSize"
        label="Context size"
        hint="Auto uses the model's own context length, up to 4,096 tokens."
        choice={form.contextSize}
        error={errors.contextSize}
        onChange={set("contextSize")}
        testId="settings.context-size"
      />
      <div className="settings-actions">
        <p className="settings-note muted small">{changed && hasModel ? "Saving reloads the model; running generations stop." : ""}</p>
        <button type="submit" className="btn btn-primary" disabled={!changed || busy} data-testid="settings.save-engine">
          {busy ? (hasModel ? "Reloading the model…" : "Saving…") : "Save"}
        </button>
      </div>
    </form>
  );
}
