/** Ctrl/Cmd+Shift+S opens (or closes) the snapshots dialog, from text fields too. */
import { useEffect } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { shortcutFor } from "../help/shortcuts";

export function useSnapshotsShortcut(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (shortcutFor(e, false) !== "snapshots") return;
      // Also keeps the browser's "Save page as" away.
      e.preventDefault();
      const s = useAppStore.getState();
      // Another dialog keeps the keys while it is open: two modals would fight over Escape and focus.
      if (s.settingsOpen || s.filterPrompt || s.modelsOpen) return;
      if (s.snapshotsOpen && s.snapshotsPath === s.projectState?.path) s.closeSnapshots();
      else s.openSnapshots();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
