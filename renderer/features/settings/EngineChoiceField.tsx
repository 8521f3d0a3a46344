/** One engine setting: a menu (Auto, Off, Custom) and, for Custom, the number; a hint and any error below. */
import { useId } from "react";
import { ENGINE_RANGES, type EngineSettingKey } from "../../../shared/ipc/engineSettings";
import { ENGINE_MODES, withMode, type EngineChoice, type EngineMode } from "./engineForm";

const MODE_LABELS: Record<EngineMode, string> = { auto: "Auto", off: "Off", number: "Custom" };

export interface EngineChoiceFieldProps {
  setting: EngineSettingKey;
  label: string;
  /** What Auto (and Off) do, in one short line. */
  hint: string;
  choice: EngineChoice;
  error: string | undefined;
  onChange: (next: EngineChoice) => void;
  testId: string;
}

export function EngineChoiceField({ setting, label, hint, choice, error, onChange, testId }: EngineChoiceFieldProps) {
  const id = useId();
  const range = ENGINE_RANGES[setting];
  const noteId = `${id}-note`;
  return (
    <div className="engine-row" data-testid={testId}>
      <label className="field-label" htmlFor={`${id}-mode`}>
        {label}
      </label>
      <div className="engine-controls">
        <select
          id={`${id}-mode`}
          className="input engine-mode"
          value={choice.mode}
          onChange={(e) => onChange(withMode(setting, choice, e.target.value as EngineMode))}
          aria-describedby={noteId}
          data-testid={`${testId}.mode`}
        >
          {ENGINE_MODES[setting].map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </select>
        {choice.mode === "number" ? (
          <input
            className="input num-input"
            type="number"
            inputMode="numeric"
            min={range.min}
            max={range.max}
            step={range.step}
            value={choice.text}
            onChange={(e) => onChange({ mode: "number", text: e.target.value })}
            aria-label={`${label} (number)`}
            aria-invalid={error ? true : undefined}
            aria-describedby={noteId}
            data-testid={`${testId}.value`}
          />
        ) : null}
      </div>
      <p id={noteId} className={error ? "field-error" : "field-hint"}>
        {error ?? hint}
      </p>
    </div>
  );
}
