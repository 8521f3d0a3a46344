/**
 * Typed edits wait up to EDIT_DEBOUNCE_MS before they are sent; without this, quitting, closing
 * the window or reloading in that moment loses them. When the page is hidden or goes away, send
 * them at once: the send starts synchronously (socket or IPC), so it leaves before the page does.
 *
 * If they cannot be sent (no connection), the edit journal already keeps them in sessionStorage,
 * which a reload restores but closing the tab does not: so leaving asks first, but only then.
 * In Electron the connection never drops, so the window never asks.
 */
import { editJournal, editsPersisted, flushPendingEdits } from "../../stores/pendingEdits";
import { shouldConfirmLeave } from "../../stores/restorePlan";
import { useAppStore } from "../../stores/useAppStore";

let reloadingOnPurpose = false;

export function installPageLifecycle(): () => void {
  const flush = (): void => void flushPendingEdits();
  const onVisibility = (): void => {
    if (document.visibilityState === "hidden") flush();
  };
  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    flush();
    // The banner's Reload already told the writer the edits come back; stored, they do.
    if (reloadingOnPurpose && editsPersisted()) return;
    if (!shouldConfirmLeave(editJournal.size, useAppStore.getState().connection)) return;
    event.preventDefault();
    // Older Chromium (and Electron) ask only when returnValue is set to a non-empty value.
    event.returnValue = "Some edits are not saved yet.";
  };
  // A restarted web shell prints a new link; pasted into this tab it differs only in `#token=…`,
  // which browsers treat as an in-page jump. Reload so the new token is used and kept edits return.
  const onHashChange = (): void => {
    if (new URLSearchParams(location.hash.replace(/^#/, "")).has("token")) reloadKeepingEdits();
  };
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("pagehide", flush);
  window.addEventListener("beforeunload", onBeforeUnload);
  window.addEventListener("hashchange", onHashChange);
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("pagehide", flush);
    window.removeEventListener("beforeunload", onBeforeUnload);
    window.removeEventListener("hashchange", onHashChange);
  };
}

/** Reloads without the leave prompt: unsent edits are in sessionStorage and come back after it. */
export function reloadKeepingEdits(): void {
  reloadingOnPurpose = true;
  window.location.reload();
}
