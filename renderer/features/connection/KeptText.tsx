/**
 * Text typed but not saved, made reachable when Cascade cannot put it back by itself: a "Copy text"
 * button, and the text itself under "Show text" for when the clipboard is not available.
 * Feedback is on the button, not a toast: the boot screen shows no toasts.
 */
import { useState } from "react";

export function CopyTextButton({ getText }: { getText: () => string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  const copy = () => {
    // navigator.clipboard needs a secure context; loopback and Electron both are one.
    const write = navigator.clipboard?.writeText(getText()) ?? Promise.reject(new Error("no clipboard"));
    write.then(
      () => setStatus("copied"),
      () => setStatus("failed"),
    );
  };
  return (
    <button type="button" className="btn btn-small" onClick={copy} data-testid="kept.copy">
      {status === "copied" ? "Copied" : status === "failed" ? "Could not copy: select it below" : "Copy text"}
    </button>
  );
}

export function KeptText({ text }: { text: string }) {
  return (
    <details className="kept-text">
      <summary>Show text</summary>
      <pre className="kept-text-body" data-testid="kept.text">
        {text}
      </pre>
    </details>
  );
}
