import { describe, expect, it } from "vitest";
import { numberText, readNumber } from "./numberText";

const unit = { min: 0, max: 1, step: 0.01, integer: false };
const count = { min: 1, max: 64, step: 1, integer: true };

describe("readNumber", () => {
  it("reads numbers inside the range, ends included, around spaces", () => {
    expect(readNumber("0.5", unit)).toEqual({ ok: true, value: 0.5 });
    expect(readNumber(" 1 ", unit)).toEqual({ ok: true, value: 1 });
    expect(readNumber("0", unit)).toEqual({ ok: true, value: 0 });
    expect(readNumber(".25", unit)).toEqual({ ok: true, value: 0.25 });
    expect(readNumber("64", count)).toEqual({ ok: true, value: 64 });
  });
  it("says what is wrong with the rest", () => {
    expect(readNumber("", unit)).toEqual({ ok: false, error: "Enter a number" });
    expect(readNumber("  ", count)).toEqual({ ok: false, error: "Enter a number" });
    expect(readNumber("abc", unit)).toEqual({ ok: false, error: "Enter a number" });
    expect(readNumber("Infinity", unit)).toEqual({ ok: false, error: "Enter a number" });
    expect(readNumber("1.01", unit)).toEqual({ ok: false, error: "Must be between 0 and 1" });
    expect(readNumber("-0.1", unit)).toEqual({ ok: false, error: "Must be between 0 and 1" });
    expect(readNumber("2.5", count)).toEqual({ ok: false, error: "Must be a whole number from 1 to 64" });
    expect(readNumber("65", count)).toEqual({ ok: false, error: "Must be a whole number from 1 to 64" });
  });
  it("shows stored numbers plainly", () => {
    expect(numberText(0.9)).toBe("0.9");
    expect(numberText(0.05)).toBe("0.05");
    expect(numberText(300)).toBe("300");
  });
});
