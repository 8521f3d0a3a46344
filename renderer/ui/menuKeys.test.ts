import { describe, expect, it } from "vitest";
import { menuKeyMove } from "./menuKeys";

describe("menuKeyMove", () => {
  it("steps with the arrows and wraps at both ends", () => {
    expect(menuKeyMove("ArrowDown", 0, 3)).toEqual({ focus: 1 });
    expect(menuKeyMove("ArrowDown", 2, 3)).toEqual({ focus: 0 });
    expect(menuKeyMove("ArrowUp", 0, 3)).toEqual({ focus: 2 });
    expect(menuKeyMove("ArrowUp", -1, 3)).toEqual({ focus: 2 });
    expect(menuKeyMove("ArrowDown", -1, 3)).toEqual({ focus: 0 });
  });
  it("jumps with Home and End, closes with Escape and Tab, ignores other keys", () => {
    expect(menuKeyMove("Home", 2, 3)).toEqual({ focus: 0 });
    expect(menuKeyMove("End", 0, 3)).toEqual({ focus: 2 });
    expect(menuKeyMove("Escape", 1, 3)).toEqual({ close: true });
    expect(menuKeyMove("Tab", 1, 3)).toEqual({ close: true });
    expect(menuKeyMove("a", 1, 3)).toBeNull();
    expect(menuKeyMove("ArrowDown", -1, 0)).toBeNull();
  });
});
