/**
 * The app's keyboard shortcuts: one table that both the key handler and the help popover read, so
 * the documentation cannot drift from the behaviour. Pure; tested in shortcuts.test.ts.
 */
export type ShortcutAction =
  | "undo"
  | "redo"
  | "generate"
  | "regenerateBelow"
  | "lock"
  | "moveUp"
  | "moveDown"
  | "moveToPrevParent"
  | "moveToNextParent"
  | "help"
  | "settings"
  | "alts"
  | "cyclePrev"
  | "cycleNext"
  | "toggleBoard"
  | "snapshots"
  | "models"
  | "export";

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export const IS_MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD_KEY = IS_MAC ? "⌘" : "Ctrl";

/**
 * The action for a key press, or null. `inTextField`: focus is in an input, textarea or the Lexical
 * editor, where undo/redo and arrows belong to the field itself.
 */
export function shortcutFor(e: KeyLike, inTextField: boolean, mac = IS_MAC): ShortcutAction | null {
  const mod = mac ? e.metaKey : e.ctrlKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === "Enter") return e.shiftKey ? "regenerateBelow" : "generate";
    if (key === "l" && !e.shiftKey) return "lock";
    if (key === "," && !e.shiftKey) return "settings";
    if (key === "a" && e.shiftKey) return "alts";
    if (key === "b" && e.shiftKey) return "toggleBoard";
    if (key === "s" && e.shiftKey) return "snapshots";
    if (key === "m" && e.shiftKey) return "models";
    if (key === "e" && e.shiftKey) return "export";
    if (inTextField) return null;
    if (key === "z") return e.shiftKey ? "redo" : "undo";
    if (key === "y" && !e.shiftKey) return "redo";
    return null;
  }
  if (inTextField) return null;
  if (e.altKey && !mod && e.shiftKey) {
    if (key === "ArrowUp") return "moveToPrevParent";
    if (key === "ArrowDown") return "moveToNextParent";
  }
  if (e.altKey && !mod && !e.shiftKey) {
    if (key === "ArrowUp") return "moveUp";
    if (key === "ArrowDown") return "moveDown";
    // Outside text fields only: in text Alt+arrows move by word.
    if (key === "ArrowLeft") return "cyclePrev";
    if (key === "ArrowRight") return "cycleNext";
  }
  if (key === "?" && !mod && !e.altKey) return "help";
  return null;
}

/** What the help popover lists. */
export const SHORTCUT_HELP: Array<{ keys: string; what: string }> = [
  { keys: `${MOD_KEY}+Enter`, what: "Generate what is below the selected node" },
  { keys: `${MOD_KEY}+Shift+Enter`, what: "Regenerate below (rewrite stale generated text)" },
  { keys: `${MOD_KEY}+L`, what: "Lock or unlock the selected node" },
  { keys: `${MOD_KEY}+Z`, what: "Undo (inside a text field: undo typing there)" },
  { keys: `${MOD_KEY}+Shift+Z  or  Ctrl+Y`, what: "Redo" },
  { keys: "↑ ↓", what: "Move through the outline" },
  { keys: "← →", what: "Collapse or expand; go to parent or first child" },
  { keys: "Enter", what: "From the outline, jump into the text" },
  { keys: "Alt+↑  Alt+↓", what: "Move the selected node up or down" },
  { keys: "Alt+Shift+↑  Alt+Shift+↓", what: "Move the selected node to the previous or next parent (a scene to the end of the previous beat, the start of the next)" },
  { keys: "Alt+←  Alt+→", what: "Cycle the selected node through its starred alts in place" },
  { keys: `${MOD_KEY}+Shift+A`, what: "Open or close the Alts panel for the selected node" },
  { keys: `${MOD_KEY}+Shift+B`, what: "Switch between Write and Board" },
  { keys: "Alt+←  Alt+→ (on a card)", what: "Board: move the scene to the end of the previous or next beat" },
  { keys: "Alt+←  Alt+→ (on a beat)", what: "Board: move the beat left or right (focus its header; Alt+↑ Alt+↓ too)" },
  { keys: "Space, arrows, Space", what: "Board: pick up a card or beat, move it, drop it (Esc cancels)" },
  { keys: "Enter (on a card)", what: "Board: open the scene in the editor" },
  { keys: "← → (on an alt)", what: "Alts panel: move between cards" },
  { keys: "S  X  Enter", what: "Alts panel: star, reject (or restore), swap the focused alt in" },
  { keys: "Shift+F10", what: "Actions menu for the selected row" },
  { keys: `${MOD_KEY}+Shift+S`, what: "Snapshots: take one, compare with now, restore" },
  { keys: `${MOD_KEY}+Shift+E`, what: "Export the story (or the selected beat or scene): Markdown, Fountain, FDX, DOCX" },
  { keys: `${MOD_KEY}+,`, what: "Settings: model, performance, generation" },
  { keys: `${MOD_KEY}+Shift+M`, what: "Models: this computer, the models on it, downloads, fit before loading" },
  { keys: "?", what: "Show this help" },
  { keys: "Esc", what: "Close a menu, a dialog or this help" },
];
