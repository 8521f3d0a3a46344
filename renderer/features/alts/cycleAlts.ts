/**
 * Cycling a node through its kept (starred, not rejected) alts in place, like Final Draft's
 * Alternate Dialogue. Each step is a `swapAlt`: the alt at index i becomes the text and the text
 * takes its place at index i. The store also stars that outgoing text, so the ring keeps every
 * kept version (a swap moves the star with the alt onto the node, where it would otherwise be lost);
 * it also puts back the tags and note the text had when a cycle brought it in (altsSlice.ts).
 *
 * Where the current text sits in the ring is a half position: after a step forward through index i
 * it is i + 0.5 (the text just left is behind it), after a step back i - 0.5 (it is ahead). So
 * forward then back returns exactly, and going forward visits every kept alt once before wrapping.
 * With no memory (first press) the text counts as before all alts, -0.5. Pure; tested in cycleAlts.test.ts.
 */
import type { Alt } from "../../../shared/story/model";

export interface CycleStep {
  /** The index in node.alts to swap in. */
  index: number;
  altId: string;
  /** The text's ring position after the step. */
  position: number;
}

/** Outline alts (a premise's alternative beat lists) are never cycled in place: they are swapped in as outlines. */
export function isKept(alt: Pick<Alt, "starred" | "rejected" | "outline">): boolean {
  return Boolean(alt.starred) && !alt.rejected && !alt.outline;
}

export function cycleStep(alts: readonly Alt[], position: number, direction: "prev" | "next"): CycleStep | null {
  const kept = alts.map((a, i) => (isKept(a) ? i : -1)).filter((i) => i >= 0);
  if (kept.length === 0) return null;
  const index =
    direction === "next"
      ? (kept.find((i) => i > position) ?? kept[0]!)
      : ([...kept].reverse().find((i) => i < position) ?? kept[kept.length - 1]!);
  return { index, altId: alts[index]!.id, position: direction === "next" ? index + 0.5 : index - 0.5 };
}

export const START_POSITION = -0.5;
