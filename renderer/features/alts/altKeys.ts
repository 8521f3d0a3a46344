/**
 * Keyboard mining in the Alts panel: arrows move between cards, S stars, X rejects (or restores),
 * Enter swaps the focused card in. Only plain keys on a focused card count: inside the tag or note
 * field the keys belong to the field. Pure; tested in altKeys.test.ts.
 */
import type { KeyLike } from "../help/shortcuts";

export type AltKeyAction = "prev" | "next" | "first" | "last" | "star" | "reject" | "swap";

export function altKeyAction(e: KeyLike): AltKeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case "ArrowLeft":
    case "ArrowUp":
      return "prev";
    case "ArrowRight":
    case "ArrowDown":
      return "next";
    case "Home":
      return "first";
    case "End":
      return "last";
    case "Enter":
      return e.shiftKey ? null : "swap";
  }
  if (e.shiftKey) return null;
  const key = e.key.toLowerCase();
  if (key === "s") return "star";
  if (key === "x") return "reject";
  return null;
}

/** The card index a move lands on; it stops at the ends rather than wrapping (no surprise jumps). */
export function movedIndex(index: number, count: number, action: "prev" | "next" | "first" | "last"): number {
  if (count <= 0) return -1;
  switch (action) {
    case "prev":
      return Math.max(0, index - 1);
    case "next":
      return Math.min(count - 1, index + 1);
    case "first":
      return 0;
    case "last":
      return count - 1;
  }
}
