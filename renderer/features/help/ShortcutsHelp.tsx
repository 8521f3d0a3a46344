/** The "?" button in the top bar and the popover listing every keyboard shortcut. */
import { useCallback, useRef } from "react";
import { useDismiss } from "../../ui/useDismiss";
import { SHORTCUT_HELP } from "./shortcuts";

export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => onOpenChange(false), [onOpenChange]);
  useDismiss(ref, open, close);
  return (
    <div className="help" ref={ref}>
      <button
        type="button"
        className="btn btn-icon btn-quiet help-button"
        aria-label="Keyboard shortcuts"
        aria-expanded={open}
        aria-haspopup="dialog"
        title="Keyboard shortcuts (?)"
        onClick={() => onOpenChange(!open)}
        data-testid="help.shortcuts"
      >
        ?
      </button>
      {open ? (
        <div className="popover help-popover" role="dialog" aria-label="Keyboard shortcuts">
          <h2 className="popover-title">Keyboard shortcuts</h2>
          <dl className="shortcut-list">
            {SHORTCUT_HELP.map((s) => (
              <div key={s.keys} className="shortcut-row">
                <dt>
                  <kbd>{s.keys}</kbd>
                </dt>
                <dd>{s.what}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
