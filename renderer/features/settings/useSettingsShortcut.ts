/** Ctrl/Cmd+, opens the settings dialog from any screen, even from inside a text field. */
import { useEffect } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { shortcutFor } from "../help/shortcuts";

export function useSettingsShortcut(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (shortcutFor(e, false) !== "settings") return;
      e.preventDefault();
      // The filter dialog keeps the keys while it waits: two modals would fight over Escape and focus.
      if (useAppStore.getState().filterPrompt || useAppStore.getState().modelsOpen) return;
      useAppStore.getState().openSettings();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
