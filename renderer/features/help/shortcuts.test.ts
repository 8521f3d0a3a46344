import { describe, expect, it } from "vitest";
import { shortcutFor, type KeyLike } from "./shortcuts";

const k = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe("shortcutFor", () => {
  it("maps Ctrl shortcuts off a Mac and Cmd shortcuts on one", () => {
    expect(shortcutFor(k("z", { ctrlKey: true }), false, false)).toBe("undo");
    expect(shortcutFor(k("z", { metaKey: true }), false, false)).toBeNull();
    expect(shortcutFor(k("z", { metaKey: true }), false, true)).toBe("undo");
    expect(shortcutFor(k("Z", { ctrlKey: true, shiftKey: true }), false, false)).toBe("redo");
    expect(shortcutFor(k("y", { ctrlKey: true }), false, false)).toBe("redo");
  });
  it("leaves undo, redo and arrows to text fields", () => {
    expect(shortcutFor(k("z", { ctrlKey: true }), true, false)).toBeNull();
    expect(shortcutFor(k("ArrowUp", { altKey: true }), true, false)).toBeNull();
    expect(shortcutFor(k("?"), true, false)).toBeNull();
  });
  it("generates, cascades and locks from anywhere", () => {
    expect(shortcutFor(k("Enter", { ctrlKey: true }), true, false)).toBe("generate");
    expect(shortcutFor(k("Enter", { ctrlKey: true, shiftKey: true }), true, false)).toBe("regenerateBelow");
    expect(shortcutFor(k("l", { ctrlKey: true }), true, false)).toBe("lock");
  });
  it("opens settings with Ctrl+, (Cmd+, on a Mac), from text fields too", () => {
    expect(shortcutFor(k(",", { ctrlKey: true }), false, false)).toBe("settings");
    expect(shortcutFor(k(",", { ctrlKey: true }), true, false)).toBe("settings");
    expect(shortcutFor(k(",", { metaKey: true }), true, true)).toBe("settings");
    expect(shortcutFor(k(",", { metaKey: true }), false, false)).toBeNull();
    expect(shortcutFor(k(","), false, false)).toBeNull();
    expect(shortcutFor(k(",", { ctrlKey: true, altKey: true }), false, false)).toBeNull();
  });

  it("moves nodes with Alt+arrows and opens help with ?", () => {
    expect(shortcutFor(k("ArrowDown", { altKey: true }), false, false)).toBe("moveDown");
    expect(shortcutFor(k("ArrowUp", { altKey: true, shiftKey: true }), false, false)).toBe("moveToPrevParent");
    expect(shortcutFor(k("ArrowDown", { altKey: true, shiftKey: true }), false, false)).toBe("moveToNextParent");
    expect(shortcutFor(k("ArrowDown", { altKey: true, shiftKey: true }), true, false)).toBeNull();
    expect(shortcutFor(k("?", { shiftKey: true }), false, false)).toBe("help");
    expect(shortcutFor(k("Escape"), false, false)).toBeNull();
  });
  it("opens the Alts panel from anywhere and cycles alts outside text fields", () => {
    expect(shortcutFor(k("A", { ctrlKey: true, shiftKey: true }), true, false)).toBe("alts");
    expect(shortcutFor(k("a", { ctrlKey: true }), false, false)).toBeNull();
    expect(shortcutFor(k("ArrowLeft", { altKey: true }), false, false)).toBe("cyclePrev");
    expect(shortcutFor(k("ArrowRight", { altKey: true }), false, false)).toBe("cycleNext");
    expect(shortcutFor(k("ArrowRight", { altKey: true }), true, false)).toBeNull();
  });
  it("switches between Write and Board with Ctrl+Shift+B, from text fields too", () => {
    expect(shortcutFor(k("B", { ctrlKey: true, shiftKey: true }), false, false)).toBe("toggleBoard");
    expect(shortcutFor(k("B", { ctrlKey: true, shiftKey: true }), true, false)).toBe("toggleBoard");
    expect(shortcutFor(k("B", { metaKey: true, shiftKey: true }), false, true)).toBe("toggleBoard");
    expect(shortcutFor(k("b", { ctrlKey: true }), false, false)).toBeNull();
    expect(shortcutFor(k("B", { ctrlKey: true, shiftKey: true, altKey: true }), false, false)).toBeNull();
  });
  it("opens Models with Ctrl+Shift+M, from text fields too", () => {
    expect(shortcutFor(k("M", { ctrlKey: true, shiftKey: true }), false, false)).toBe("models");
    expect(shortcutFor(k("M", { ctrlKey: true, shiftKey: true }), true, false)).toBe("models");
    expect(shortcutFor(k("M", { metaKey: true, shiftKey: true }), false, true)).toBe("models");
    expect(shortcutFor(k("m", { ctrlKey: true }), false, false)).toBeNull();
  });
  it("opens the export dialog with Ctrl+Shift+E (Cmd on a Mac), from text fields too", () => {
    expect(shortcutFor(k("E", { ctrlKey: true, shiftKey: true }), false, false)).toBe("export");
    expect(shortcutFor(k("E", { ctrlKey: true, shiftKey: true }), true, false)).toBe("export");
    expect(shortcutFor(k("E", { metaKey: true, shiftKey: true }), false, true)).toBe("export");
    expect(shortcutFor(k("e", { ctrlKey: true }), false, false)).toBeNull();
    expect(shortcutFor(k("E", { ctrlKey: true, shiftKey: true, altKey: true }), false, false)).toBeNull();
  });
});
