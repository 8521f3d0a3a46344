import { describe, expect, it } from "vitest";
import type { History, HistoryEntry } from "../../../shared/story/model";
import { historyRows, historySteps, sourceWord, steppingNote } from "./historyList";

const NOW = Date.parse("2024-05-01T12:00:00.000Z");
const entry = (id: string, minutesAgo: number, source: HistoryEntry["source"] = "user"): HistoryEntry => ({
  id,
  label: `Op ${id}`,
  source,
  at: new Date(NOW - minutesAgo * 60_000).toISOString(),
  patch: { before: {}, after: {} },
});
// Done a, b, c (c last); then d and e were undone, e first: redo would bring back d next.
const history: History = { undo: [entry("a", 30), entry("b", 10, "generation"), entry("c", 5, "cascade")], redo: [entry("e", 2), entry("d", 3)] };

describe("historyRows", () => {
  it("lists undone entries above done ones, newest first", () => {
    const { undone, done } = historyRows(history, NOW);
    expect(undone.map((r) => r.id)).toEqual(["e", "d"]);
    expect(done.map((r) => r.id)).toEqual(["c", "b", "a"]);
    expect(undone.every((r) => r.state === "undone" && !r.current)).toBe(true);
    expect(done.map((r) => r.current)).toEqual([true, false, false]);
  });

  it("says who did each one and when", () => {
    const { done } = historyRows(history, NOW);
    expect(done.map((r) => `${r.label} · ${r.sourceWord} · ${r.when}`)).toEqual([
      "Op c · Cascade · 5 minutes ago",
      "Op b · Model · 10 minutes ago",
      "Op a · You · 30 minutes ago",
    ]);
    expect(sourceWord("generation")).toBe("Model");
  });

  it("is empty for a fresh project", () => {
    expect(historyRows({ undo: [], redo: [] }, NOW)).toEqual({ undone: [], done: [] });
  });
});

describe("historySteps", () => {
  it("undoes back to just after a done entry", () => {
    expect(historySteps(history, "c")).toEqual({ direction: "undo", count: 0 });
    expect(historySteps(history, "b")).toEqual({ direction: "undo", count: 1 });
    expect(historySteps(history, "a")).toEqual({ direction: "undo", count: 2 });
  });

  it("redoes up to and including an undone entry", () => {
    expect(historySteps(history, "d")).toEqual({ direction: "redo", count: 1 });
    expect(historySteps(history, "e")).toEqual({ direction: "redo", count: 2 });
  });

  it("undoes everything for the start, and knows nothing of vanished entries", () => {
    expect(historySteps(history, null)).toEqual({ direction: "undo", count: 3 });
    expect(historySteps(history, "gone")).toBeNull();
  });

  it("reaches its target one step at a time", () => {
    // Simulate the panel's loop: recompute after every step, as the store's stacks move.
    let h = history;
    const undo = (x: History): History => ({ undo: x.undo.slice(0, -1), redo: [...x.redo, x.undo[x.undo.length - 1]!] });
    for (let s = historySteps(h, "a"); s && s.count > 0; s = historySteps(h, "a")) h = undo(h);
    expect(h.undo.map((e) => e.id)).toEqual(["a"]);
    expect(h.redo.map((e) => e.id)).toEqual(["e", "d", "c", "b"]);
    expect(historySteps(h, "e")).toEqual({ direction: "redo", count: 4 });
  });
});

describe("steppingNote", () => {
  it("counts the steps", () => {
    expect(steppingNote("undo", 2, 5)).toBe("Undoing 2 of 5…");
    expect(steppingNote("redo", 1, 1)).toBe("Redoing 1 of 1…");
  });
});
