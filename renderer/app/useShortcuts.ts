/**
 * The document-level key handler for the app's shortcuts (see features/help/shortcuts.ts for the
 * table). Shortcuts act on the selected node; inside text fields undo/redo stay with the field
 * (Lexical keeps its own history while the writer types).
 */
import { useEffect } from "react";
import { moveToAdjacentParent, runNodeAction } from "../features/actions/runNodeAction";
import { shortcutFor } from "../features/help/shortcuts";
import { useAppStore } from "../stores/useAppStore";

export function useShortcuts(openHelp: () => void): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented && !(e.ctrlKey || e.metaKey)) return;
      const action = shortcutFor(e, isTextField(e.target));
      // Settings, Models and Export have their own handlers; an open dialog keeps the keys to itself.
      if (!action || action === "settings" || action === "models" || action === "export") return;
      const s = useAppStore.getState();
      if (s.settingsOpen || s.filterPrompt || s.modelsOpen) return;
      // Behind the snapshots dialog only undo and redo reach the story (to take back a restore).
      if (s.snapshotsOpen && action !== "undo" && action !== "redo") return;
      const nodeId = s.selectedId;
      const node = nodeId ? s.projectState?.project.nodes[nodeId] : undefined;
      if (action !== "help" && !s.projectState) return;
      e.preventDefault();
      switch (action) {
        case "undo":
          return void s.undo();
        case "redo":
          return void s.redo();
        case "help":
          return openHelp();
        case "generate":
        case "regenerateBelow":
          if (node && node.level !== "line") return void runNodeAction(action, node.id);
          return;
        case "lock":
          if (node?.parentId) return void runNodeAction("lock", node.id);
          return;
        case "moveUp":
        case "moveDown":
          if (node?.parentId) return void runNodeAction(action, node.id);
          return;
        case "moveToPrevParent":
        case "moveToNextParent":
          if (node?.parentId) return void moveToAdjacentParent(node.id, action === "moveToPrevParent" ? "prev" : "next");
          return;
        case "alts":
          return s.setAltsOpen(!s.altsOpen);
        case "toggleBoard":
          return s.setView(s.view === "board" ? "write" : "board");
        case "cyclePrev":
        case "cycleNext":
          if (node) return void s.cycleAlt(node.id, action === "cyclePrev" ? "prev" : "next");
          return;
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [openHelp]);
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !["button", "checkbox", "radio", "submit", "range"].includes(target.type);
  return target instanceof HTMLSelectElement;
}
