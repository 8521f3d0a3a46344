import { describe, expect, it } from "vitest";
import type { Alt } from "../../../shared/story/model";
import { cycleStep, START_POSITION } from "./cycleAlts";

const alt = (text: string, fields: Partial<Alt> = {}): Alt => ({ id: text, title: "", text, origin: "generated", reason: "generated", createdAt: "", ...fields });

/** What the store does: swapAlt, then star the outgoing text that took the alt's place. */
function press(state: { text: string; alts: Alt[]; position: number }, direction: "prev" | "next") {
  const step = cycleStep(state.alts, state.position, direction)!;
  const alts = state.alts.map((a, i) => (i === step.index ? alt(state.text, { starred: true }) : a));
  return { text: state.alts[step.index]!.text, alts, position: step.position };
}

describe("cycleStep", () => {
  const start = { text: "T", alts: [alt("A", { starred: true }), alt("n"), alt("B", { starred: true }), alt("R", { starred: true, rejected: true })], position: START_POSITION };

  it("visits every kept alt going forward, then wraps back to the original", () => {
    const seen: string[] = [];
    let s = start;
    for (let i = 0; i < 4; i++) {
      s = press(s, "next");
      seen.push(s.text);
    }
    expect(seen).toEqual(["A", "B", "T", "A"]);
  });

  it("goes back exactly the way it came", () => {
    const a = press(start, "next");
    const b = press(a, "next");
    expect(b.text).toBe("B");
    expect(press(b, "prev").text).toBe("A");
    expect(press(press(b, "prev"), "prev").text).toBe("T");
  });

  it("skips unstarred and rejected alts; nothing kept means nothing to do", () => {
    expect(cycleStep(start.alts, START_POSITION, "prev")?.altId).toBe("B");
    expect(cycleStep([alt("n"), alt("R", { starred: true, rejected: true })], START_POSITION, "next")).toBeNull();
  });
});
