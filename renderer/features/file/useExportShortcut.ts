/** Ctrl/Cmd+Shift+E opens the export dialog (with the format last used, else the form's own), from text fields too. */
import { useEffect } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { shortcutFor } from "../help/shortcuts";
import { defaultExportFormat } from "./exportChoices";

export function useExportShortcut(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (shortcutFor(e, false) !== "export") return;
      e.preventDefault();
      const s = useAppStore.getState();
      // Another dialog keeps the keys while it is open: two modals would fight over Escape and focus.
      if (!s.projectState || s.settingsOpen || s.filterPrompt || s.modelsOpen || s.snapshotsOpen || s.importReport) return;
      if (s.fileDialog?.kind === "export") return s.closeFileDialog();
      if (s.fileDialog) return;
      s.openExport(s.lastExportFormat ?? defaultExportFormat(s.projectState.project.settings.form));
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
