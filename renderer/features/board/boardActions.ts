/**
 * What the board's keys and menus do through the store: move and keep focus on what moved, open a
 * node in the editor, and step focus between cards and columns with the arrow keys.
 *
 * Focus is found through `data-focus-id` (on each card and each column header): a move re-renders
 * the board, and a card that React moves in the DOM loses focus, so it is put back by id.
 */
import { useAppStore } from "../../stores/useAppStore";
import { requestEditorFocus } from "../editor/editorFocus";
import type { MoveOp } from "./boardMoves";

const FOCUSABLE = "[data-focus-id]";

/** The card or column header that last had focus: a move elsewhere (a global shortcut) remounts it. */
let lastFocusedId: string | null = null;

/** A card or column header took focus: remember it, and select its node (what global shortcuts act on). */
export function onFocusItem(id: string): void {
  lastFocusedId = id;
  const s = useAppStore.getState();
  if (s.selectedId !== id) s.select(id);
}

/**
 * Called when a card or column header mounts: if it had focus before it moved to another column
 * (React remounts it there) and focus went nowhere meanwhile, it takes focus back.
 */
export function reclaimBoardFocus(id: string): void {
  if (lastFocusedId !== id) return;
  const current = document.activeElement;
  if (current && current !== document.body) return;
  document.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(id)}"]`)?.focus();
}

/**
 * Focuses a card or column header by node id once the board has re-rendered. `onlyIfLost`: only when
 * focus went nowhere (a menu closed by Escape), not when the writer clicked something else.
 */
export function focusBoardItem(id: string, onlyIfLost = false): void {
  requestAnimationFrame(() => {
    const current = document.activeElement;
    if (onlyIfLost && current && current !== document.body) return;
    document.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(id)}"]`)?.focus();
  });
}

/** Applies a board move (a no-op for null) and keeps focus on what moved. */
export async function applyBoardMove(op: MoveOp | null): Promise<void> {
  if (!op) return;
  const state = await useAppStore.getState().apply(op);
  if (state) focusBoardItem(op.nodeId);
}

/** Double click or Enter: back to the Write view with the node's text focused. */
export function openInEditor(id: string): void {
  const s = useAppStore.getState();
  s.select(id);
  s.setView("write");
  requestEditorFocus(id);
}

/**
 * Plain arrow keys on a card or a column header: up and down through a column (a header's Down
 * goes to its first card), left and right to the neighbouring column, keeping the row where it can.
 * Returns whether it moved focus.
 */
export function focusNeighbour(from: HTMLElement, key: string): boolean {
  const column = from.closest<HTMLElement>('[data-testid="board.column"]');
  const board = column?.parentElement;
  if (!column || !board) return false;
  const inColumn = (c: Element) => [...c.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const items = inColumn(column);
  const i = items.indexOf(from);
  let target: HTMLElement | undefined;
  if (key === "ArrowUp") target = items[i - 1];
  else if (key === "ArrowDown") target = items[i + 1];
  else if (key === "ArrowLeft" || key === "ArrowRight") {
    const columns = [...board.querySelectorAll<HTMLElement>(':scope > [data-testid="board.column"]')];
    const next = columns[columns.indexOf(column) + (key === "ArrowLeft" ? -1 : 1)];
    const there = next ? inColumn(next) : [];
    target = there[Math.min(i, there.length - 1)];
  }
  if (!target) return false;
  target.focus();
  return true;
}

/** Whether a key event carries only Alt (the board's move keys), or no modifier at all. */
export function modifiers(e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): "alt" | "none" | "other" {
  if (e.ctrlKey || e.metaKey || e.shiftKey) return "other";
  return e.altKey ? "alt" : "none";
}
