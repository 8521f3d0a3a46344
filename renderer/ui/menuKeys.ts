/**
 * Where focus goes in an open menu for a key: arrows step and wrap, Home and End jump, Escape and
 * Tab close. Pure; tested in menuKeys.test.ts. `index` is the focused item's (-1: none).
 */
export type MenuMove = { focus: number } | { close: true } | null;

export function menuKeyMove(key: string, index: number, count: number): MenuMove {
  if (count === 0) return key === "Escape" || key === "Tab" ? { close: true } : null;
  switch (key) {
    case "ArrowDown":
      return { focus: index < 0 ? 0 : (index + 1) % count };
    case "ArrowUp":
      return { focus: index < 0 ? count - 1 : (index - 1 + count) % count };
    case "Home":
      return { focus: 0 };
    case "End":
      return { focus: count - 1 };
    case "Escape":
    case "Tab":
      return { close: true };
    default:
      return null;
  }
}
