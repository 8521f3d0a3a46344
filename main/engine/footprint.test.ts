/** The hosts' bookkeeping of what their loaded engines hold (the arithmetic, with made-up engines). */
import { describe, expect, it } from "vitest";
import { HeldEngines, sumHeld } from "./footprint";

const MB = 1024 ** 2;

describe("HeldEngines", () => {
  it("sums what each engine holds and forgets an engine once it is disposed", () => {
    const held = new HeldEngines<number>();
    expect(held.total()).toEqual({ vramBytes: 0, ramBytes: 0 });
    held.add(1, { vramBytes: 6000 * MB, ramBytes: 300 * MB });
    held.add(2, { vramBytes: 0, ramBytes: 900 * MB });
    expect(held.total()).toEqual({ vramBytes: 6000 * MB, ramBytes: 1200 * MB });
    held.add(2, { vramBytes: 0, ramBytes: 100 * MB }); // the same engine again replaces, never adds
    expect(held.total()).toEqual({ vramBytes: 6000 * MB, ramBytes: 400 * MB });
    held.delete(1);
    expect(held.total()).toEqual({ vramBytes: 0, ramBytes: 100 * MB });
    held.clear();
    expect(held.total()).toEqual({ vramBytes: 0, ramBytes: 0 });
  });

  it("keeps its own copy, and a negative figure counts as nothing", () => {
    const held = new HeldEngines<string>();
    const memory = { vramBytes: 5, ramBytes: 7 };
    held.add("a", memory);
    memory.ramBytes = 1000;
    expect(held.total()).toEqual({ vramBytes: 5, ramBytes: 7 });
    expect(sumHeld([{ vramBytes: -3, ramBytes: 2 }, { vramBytes: 4, ramBytes: -1 }])).toEqual({ vramBytes: 4, ramBytes: 2 });
  });
});
