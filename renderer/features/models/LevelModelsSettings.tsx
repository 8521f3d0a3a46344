/**
 * "Model for each level" in Settings: which model writes premises, beats, scenes and lines (a
 * larger one for premises and beats, a small fast one for line alts…). Each menu saves at once;
 * "Same as main model" goes back to the main one.
 */
import { useEffect, useId, useState } from "react";
import { LEVELS, type Level } from "../../../shared/story/model";
import { useAppStore } from "../../stores/useAppStore";
import { LEVEL_LABELS } from "../settings/generationForm";
import { levelModelOptions } from "./modelChoices";

export function LevelModelsSettings() {
  const view = useAppStore((s) => s.appSettings);
  const listing = useAppStore((s) => s.localModels);
  const loadLocalModels = useAppStore((s) => s.loadLocalModels);
  const setLevelModel = useAppStore((s) => s.setLevelModel);
  const busy = useAppStore((s) => s.settingsBusy);
  const [saving, setSaving] = useState<Level | null>(null);
  const id = useId();

  useEffect(() => {
    void loadLocalModels();
  }, [loadLocalModels]);

  if (!view) return null;
  const local = listing?.models ?? [];

  const change = async (level: Level, value: string) => {
    setSaving(level);
    await setLevelModel(level, value === "" ? null : value);
    setSaving(null);
  };

  return (
    <fieldset className="level-models" aria-describedby={`${id}-hint`} data-testid="settings.level-models">
      <legend className="field-label">Model for each level</legend>
      <div className="level-models-grid">
        {LEVELS.map((level) => {
          const current = view.levelModels[level];
          return (
            <div key={level} className="level-model-row">
              <label className="level-model-label" htmlFor={`${id}-${level}`}>
                {LEVEL_LABELS[level]}
              </label>
              <select
                id={`${id}-${level}`}
                className="input"
                value={current ?? ""}
                disabled={busy}
                onChange={(e) => void change(level, e.target.value)}
                data-testid={`settings.level-model.${level}`}
              >
                {levelModelOptions(local, current, view.modelPath).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <span className="muted small level-model-note" aria-live="polite">
                {saving === level ? "Saving…" : ""}
              </span>
            </div>
          );
        })}
      </div>
      <p id={`${id}-hint`} className="field-hint">
        For example a larger model for premises and beats, and a small fast one for lines and their alts. The choices are the models on this computer (see
        Models); saved at once.
      </p>
    </fieldset>
  );
}
