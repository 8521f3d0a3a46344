/**
 * How nodes are named and summarised on screen: level names, "Beat 3 of 8", the one-line summary a
 * tree row shows. Pure; tested in nodeText.test.ts.
 */
import type { Form, Level } from "../../../shared/story/model";

const LEVEL_NAMES: Record<Level, string> = { premise: "Premise", beat: "Beat", scene: "Scene", line: "Line" };

/** "Beat", "Scene"… */
export function levelName(level: Level): string {
  return LEVEL_NAMES[level];
}

/** A row's short name: "Scene 3" (3rd under its parent); just "Premise" for the root. */
export function rowName(level: Level, number: number): string {
  return level === "premise" ? "Premise" : `${levelName(level)} ${number}`;
}

/** "beats", "scenes"… for buttons like "Generate scenes". */
export function pluralNoun(level: Exclude<Level, "premise">): string {
  return `${level}s`;
}

/** "Beat 3 of 8"; just "Premise" for the root. */
export function positionLabel(level: Level, index: number, count: number): string {
  return level === "premise" ? "Premise" : `${levelName(level)} ${index + 1} of ${count}`;
}

/** The first words of a text on one line, cut at a word boundary with an ellipsis. */
export function firstWords(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/, "")}…`;
}

export interface Summary {
  /** What the row shows. */
  text: string;
  /** True when there is nothing written yet and `text` is a placeholder. */
  empty: boolean;
}

/** A row's one-line summary: the title, else the first words; lines show "SPEAKER: words". */
export function summarize(node: { level: Level; title: string; text: string; speaker?: string | undefined }, form: Form): Summary {
  const title = node.title.trim();
  if (title && node.level !== "line") return { text: firstWords(title), empty: false };
  const body = firstWords(node.text);
  const speaker = node.speaker?.trim();
  if (node.level === "line" && form === "screenplay" && speaker) {
    return { text: body ? `${speaker.toUpperCase()}: ${body}` : speaker.toUpperCase(), empty: false };
  }
  if (body) return { text: body, empty: false };
  return { text: node.level === "premise" ? "No premise yet" : `Empty ${node.level}`, empty: true };
}

/** Words a writer reads for a node's origin. */
export function originLabel(origin: "generated" | "edited" | "written"): string {
  return origin === "generated" ? "Generated" : origin === "edited" ? "Generated, then edited by you" : "Written by you";
}
