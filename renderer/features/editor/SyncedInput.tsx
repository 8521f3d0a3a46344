/**
 * A labelled single-line input or textarea bound to main through useSyncedField: the building block
 * of the title, speaker, angle and story-bible fields.
 */
import { useId } from "react";
import { useSyncedField } from "./useSyncedField";

export interface SyncedInputProps {
  label: string;
  value: string;
  commit: (value: string) => Promise<unknown>;
  placeholder?: string;
  hint?: string;
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  testId: string;
  className?: string;
}

export function SyncedInput({ label, value, commit, placeholder, hint, multiline, rows = 3, maxLength, testId, className }: SyncedInputProps) {
  const field = useSyncedField(value, commit);
  const id = useId();
  const common = {
    id,
    value: field.value,
    placeholder,
    maxLength,
    onFocus: field.onFocus,
    onBlur: field.onBlur,
    "data-testid": testId,
    "aria-describedby": hint ? `${id}-hint` : undefined,
  };
  return (
    <div className={`field ${className ?? ""}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {multiline ? (
        <textarea {...common} className="input" rows={rows} onChange={(e) => field.onChange(e.target.value)} />
      ) : (
        <input {...common} className="input" type="text" onChange={(e) => field.onChange(e.target.value)} />
      )}
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
