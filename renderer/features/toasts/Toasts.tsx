/**
 * Messages for the writer in the bottom corner: errors from any call (never swallowed) and calm
 * notes ("Nothing to undo"). Errors stay longer than notes; every one can be closed.
 */
import { useEffect } from "react";
import { useAppStore, type AppState } from "../../stores/useAppStore";
import { CloseIcon } from "../../ui/icons";

const LIFETIME_MS = { error: 12_000, info: 5_000 };

type Toast = AppState["toasts"][number];

export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  return (
    <div className="toasts" role="region" aria-label="Messages">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useAppStore((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [toast.id, toast.kind, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === "error" ? "alert" : "status"} data-testid={`toast.${toast.kind}`}>
      <span className="toast-message">{toast.message}</span>
      <button type="button" className="btn btn-icon btn-quiet btn-small" onClick={() => dismiss(toast.id)} aria-label="Dismiss message" title="Dismiss">
        <CloseIcon size={12} />
      </button>
    </div>
  );
}
