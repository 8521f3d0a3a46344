/**
 * A modal dialog over the whole window: a titled panel on a dimmed backdrop, focus kept inside
 * (useFocusTrap), closed by Escape or its close button. Clicks on the backdrop do not close it, so
 * a stray click never throws away what the writer typed.
 */
import { useId, useRef, type ReactNode } from "react";
import { CloseIcon } from "./icons";
import { useFocusTrap } from "./useFocusTrap";

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  className?: string;
}

export function Modal({ title, onClose, children, testId, className }: ModalProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useFocusTrap(ref, onClose);
  return (
    <div className="modal-backdrop">
      <div ref={ref} className={`modal ${className ?? ""}`} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} data-testid={testId}>
        <header className="modal-head">
          <h2 id={titleId} className="modal-title">
            {title}
          </h2>
          <button type="button" className="btn btn-icon btn-quiet" aria-label="Close" title="Close (Esc)" onClick={onClose} data-testid={testId ? `${testId}.close` : undefined}>
            <CloseIcon />
          </button>
        </header>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  );
}
