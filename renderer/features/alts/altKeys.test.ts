import { describe, expect, it } from "vitest";
import type { KeyLike } from "../help/shortcuts";
import { altKeyAction, movedIndex } from "./altKeys";

const k = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe("altKeyAction", () => {
  it("maps arrows, S, X and Enter; ignores modified keys", () => {
    expect(altKeyAction(k("ArrowLeft"))).toBe("prev");
    expect(altKeyAction(k("ArrowUp"))).toBe("prev");
    expect(altKeyAction(k("ArrowDown"))).toBe("next");
    expect(altKeyAction(k("s"))).toBe("star");
    expect(altKeyAction(k("S"))).toBe("star");
    expect(altKeyAction(k("x"))).toBe("reject");
    expect(altKeyAction(k("Enter"))).toBe("swap");
    expect(altKeyAction(k("s", { ctrlKey: true }))).toBeNull();
    expect(altKeyAction(k("ArrowLeft", { altKey: true }))).toBeNull();
    expect(altKeyAction(k("S", { shiftKey: true }))).toBeNull();
    expect(altKeyAction(k("q"))).toBeNull();
  });
  it("moves within the cards and stops at the ends", () => {
    expect(movedIndex(0, 3, "prev")).toBe(0);
    expect(movedIndex(1, 3, "next")).toBe(2);
    expect(movedIndex(2, 3, "next")).toBe(2);
    expect(movedIndex(1, 3, "first")).toBe(0);
    expect(movedIndex(0, 3, "last")).toBe(2);
    expect(movedIndex(0, 0, "next")).toBe(-1);
  });
});
