/**
 * A text field that belongs to the writer while they use it and to main otherwise: typing is sent
 * debounced (and at once on blur or when the field goes away); a change from outside (undo, a
 * regeneration, another window) replaces the field only when it is not focused and nothing typed
 * is still unsent, so the writer's keystrokes are never clobbered.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Debouncer, EDIT_DEBOUNCE_MS } from "./debouncer";
import { isSettled, usePendingEdit } from "./usePendingEdit";

export interface SyncedField {
  value: string;
  onChange: (value: string) => void;
  onFocus: () => void;
  onBlur: () => void;
}

export function useSyncedField(external: string, commit: (value: string) => Promise<unknown>): SyncedField {
  const [value, setValue] = useState(external);
  const focused = useRef(false);
  const commitRef = useRef(commit);
  // Bumped when a send settles, to re-check whether an outside change can now be adopted.
  const [settled, setSettled] = useState(0);
  const [debouncer] = useState(
    () =>
      new Debouncer<string>(
        EDIT_DEBOUNCE_MS,
        (v) => commitRef.current(v).then(isSettled),
        () => setSettled((n) => n + 1),
      ),
  );

  useEffect(() => {
    commitRef.current = commit;
  }, [commit]);

  // Flush on unmount (switching nodes), and let generate / undo / reconnect flush first.
  usePendingEdit(debouncer);

  useEffect(() => {
    if (!focused.current && !debouncer.busy) setValue(external);
  }, [external, settled, debouncer]);

  const onChange = useCallback(
    (v: string) => {
      setValue(v);
      debouncer.schedule(v);
    },
    [debouncer],
  );
  const onFocus = useCallback(() => {
    focused.current = true;
  }, []);
  const onBlur = useCallback(() => {
    focused.current = false;
    void debouncer.flush();
    // Nothing was typed but main changed meanwhile: show main's value now.
    if (!debouncer.busy) setSettled((n) => n + 1);
  }, [debouncer]);

  return { value, onChange, onFocus, onBlur };
}
