/**
 * Registers a field's debouncer with the pending-edits registry (so generate, undo and reconnect
 * can flush it) and flushes it when the field unmounts. An edit that could not be delivered (the
 * connection was down) stays registered after unmount, so the flush on reconnect still sends it.
 */
import { useEffect } from "react";
import { isSettledOutcome, registerPendingEdit } from "../../stores/pendingEdits";
import { useAppStore } from "../../stores/useAppStore";
import type { Debouncer } from "./debouncer";

export function usePendingEdit<T>(debouncer: Debouncer<T>): void {
  useEffect(() => {
    let mounted = true;
    const unregister = registerPendingEdit(async () => {
      await debouncer.flush();
      if (!mounted && !debouncer.busy) unregister();
    });
    return () => {
      mounted = false;
      void debouncer.flush().then(() => {
        if (!debouncer.busy) unregister();
      });
    };
  }, [debouncer]);
}

/** For a debounced commit: whether the edit is settled (see isSettledOutcome). */
export function isSettled(result: unknown): boolean {
  return isSettledOutcome(result, useAppStore.getState().connection);
}
