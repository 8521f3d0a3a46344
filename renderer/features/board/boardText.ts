/**
 * How the board names things: a card's heading and summary, its one status badge, "Beat 2: Title"
 * for menus, "12 lines" under a card. Pure; tested in boardText.test.ts.
 */
import type { Origin, StoryNode } from "../../../shared/story/model";
import type { Freshness } from "../../../shared/story/staleness";
import { firstWords, originLabel } from "../tree/nodeText";

export type BadgeKind = "stale" | "inputs-changed" | "locked" | "edited" | "written" | "fresh";

export interface Badge {
  kind: BadgeKind;
  /** What the badge says: "stale", "inputs changed", "locked"… */
  label: string;
  /** Its tooltip: who wrote the text, and whether regeneration may touch it. */
  title: string;
}

/**
 * The one badge a card shows, most pressing first: stale or inputs changed (the writer has
 * something to decide), then locked, then who wrote it (edited, written), else fresh model output.
 */
export function cardBadge(freshness: Freshness, origin: Origin, locked: boolean): Badge {
  const facts = `${originLabel(origin)}${locked ? " · Locked: regeneration never changes it" : ""}`;
  if (freshness === "stale") return { kind: "stale", label: "stale", title: `Stale: Regenerate below rewrites it. ${facts}` };
  if (freshness === "inputs-changed") return { kind: "inputs-changed", label: "inputs changed", title: `Inputs changed. ${facts}` };
  if (locked) return { kind: "locked", label: "locked", title: facts };
  if (origin === "edited") return { kind: "edited", label: "edited", title: facts };
  if (origin === "written") return { kind: "written", label: "written", title: facts };
  return { kind: "fresh", label: "fresh", title: `Up to date. ${facts}` };
}

type Named = Pick<StoryNode, "title" | "text">;

/** A card's heading: the title, else the first words of the text; null when both are empty. */
export function cardHeading(node: Named): string | null {
  const title = node.title.trim();
  if (title) return firstWords(title, 80);
  return firstWords(node.text, 60) || null;
}

/**
 * The summary under the heading (CSS clips it to three lines; this only bounds the DOM text).
 * Empty when the heading already is the first words of the text.
 */
export function cardSummary(node: Named): string {
  return node.title.trim() ? firstWords(node.text, 320) : "";
}

/** "Beat 2: The heist goes wrong" (menus, column headers' accessible names); "Beat 2" when empty. */
export function beatLabel(number: number, node: Named): string {
  const name = cardHeading(node);
  return name ? `Beat ${number}: ${firstWords(name, 48)}` : `Beat ${number}`;
}

/** "No lines", "1 line", "12 lines". */
export function countLabel(n: number, noun: string): string {
  if (n === 0) return `No ${noun}s`;
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
