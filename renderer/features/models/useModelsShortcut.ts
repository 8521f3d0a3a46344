/** Ctrl/Cmd+Shift+M opens (or closes) the Models screen from any screen, text fields too. */
import { useEffect } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { shortcutFor } from "../help/shortcuts";

export function useModelsShortcut(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (shortcutFor(e, false) !== "models") return;
      e.preventDefault();
      const s = useAppStore.getState();
      // Another dialog keeps the keys while it is open: two modals would fight over Escape and focus.
      if (s.settingsOpen || s.filterPrompt || s.snapshotsOpen) return;
      if (s.modelsOpen) s.closeModels();
      else s.openModels();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
