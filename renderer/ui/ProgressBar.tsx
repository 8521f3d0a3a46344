/**
 * A labelled progress bar: role="progressbar" with aria-valuenow while the amount is known, an
 * animated indeterminate bar while it is not (a download before the server says its size).
 */

export interface ProgressBarProps {
  /** In [0, 1]; null when unknown. */
  value: number | null;
  /** The accessible name ("Downloading Llama 3.2 3B"). */
  label: string;
  /** What the bar means in words, read with it ("1.2 GB of 4.9 GB · 3 min left"). */
  valueText?: string;
  paused?: boolean;
  testId?: string;
}

export function ProgressBar({ value, label, valueText, paused, testId }: ProgressBarProps) {
  const known = value !== null;
  const pct = known ? Math.round(Math.min(1, Math.max(0, value)) * 100) : 0;
  return (
    <div
      className={`progress ${known ? "" : "is-indeterminate"} ${paused ? "is-paused" : ""}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={known ? pct : undefined}
      aria-valuetext={valueText ?? (known ? `${pct}%` : undefined)}
      data-testid={testId}
    >
      <div className="progress-fill" style={known ? { width: `${pct}%` } : undefined} />
    </div>
  );
}
