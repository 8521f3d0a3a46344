/**
 * A button that can say why it is disabled. Disabled buttons get no pointer events in some engines,
 * so their native tooltip never shows: a disabled button is wrapped in a span that carries the
 * reason as its title instead.
 */
import type { ReactNode } from "react";

export interface ActionButtonProps {
  label: string;
  onClick: () => void;
  icon?: ReactNode;
  /** Show only the icon; the label becomes the accessible name and tooltip. */
  iconOnly?: boolean;
  /** Tooltip while enabled (what it does, its shortcut). */
  title?: string;
  disabled?: boolean;
  /** Tooltip while disabled: why. */
  reason?: string | null;
  variant?: "primary" | "quiet" | "danger" | "default";
  testId?: string;
  pressed?: boolean;
  className?: string;
}

export function ActionButton(props: ActionButtonProps) {
  const { label, onClick, icon, iconOnly, title, disabled, reason, variant = "default", testId, pressed, className } = props;
  const classes = ["btn", `btn-${variant}`, iconOnly ? "btn-icon" : "", className ?? ""].filter(Boolean).join(" ");
  const tip = disabled && reason ? reason : (title ?? (iconOnly ? label : undefined));
  const button = (
    <button
      type="button"
      className={classes}
      onClick={onClick}
      disabled={disabled}
      title={disabled ? undefined : tip}
      aria-label={iconOnly ? label : undefined}
      aria-pressed={pressed}
      data-testid={testId}
    >
      {icon}
      {iconOnly ? null : <span>{label}</span>}
    </button>
  );
  if (!disabled || !tip) return button;
  return (
    <span className="btn-wrap" title={tip}>
      {button}
    </span>
  );
}
