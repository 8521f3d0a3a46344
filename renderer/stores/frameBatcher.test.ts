import { describe, expect, it } from "vitest";
import { createFrameBatcher } from "./frameBatcher";

describe("createFrameBatcher", () => {
  it("keeps the latest value per key and applies them once per frame", () => {
    const frames: Array<() => void> = [];
    const applied: Array<Record<string, number>> = [];
    const b = createFrameBatcher<number>((m) => applied.push(Object.fromEntries(m)), (run) => frames.push(run));
    b.push("a", 1);
    b.push("b", 1);
    b.push("a", 2);
    expect(applied).toEqual([]);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(applied).toEqual([{ a: 2, b: 1 }]);
    b.push("a", 3);
    expect(frames).toHaveLength(1);
  });

  it("applies at once without a scheduler, and flush applies what is pending", () => {
    const applied: number[] = [];
    const now = createFrameBatcher<number>((m) => applied.push(...m.values()), null);
    now.push("a", 1);
    expect(applied).toEqual([1]);
    const later = createFrameBatcher<number>((m) => applied.push(...m.values()), () => {});
    later.push("a", 5);
    later.flush();
    later.flush();
    expect(applied).toEqual([1, 5]);
  });
});
