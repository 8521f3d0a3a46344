/**
 * A premise has two kinds of alts: other premises (plain text) and *outlines*, each a whole
 * alternative list of beats (`Alt.outline`, with `text` a digest). The Alts panel shows one kind at a
 * time on the premise, behind a "Premises | Outlines" switch; other levels have only plain alts.
 * Pure; tested in altKinds.test.ts.
 */
import type { GeneratedItem } from "../../../shared/prompts/outputSchema";
import type { Alt } from "../../../shared/story/model";

export const ALTS_KINDS = ["premises", "outlines"] as const;
export type AltsKind = (typeof ALTS_KINDS)[number];

/** How many outlines a batch asks for by default (each is long: fewer than plain alts). */
export const OUTLINE_COUNT_DEFAULT = 5;

export function isOutlineAlt(alt: Pick<Alt, "outline">): boolean {
  return Array.isArray(alt.outline);
}

/** The alts of one kind, in their stored order. "premises" means every alt without an outline. */
export function altsOfKind<T extends Pick<Alt, "outline">>(alts: readonly T[], kind: AltsKind): T[] {
  const outlines = kind === "outlines";
  return alts.filter((a) => isOutlineAlt(a) === outlines);
}

/** The lines of a numbered beat list, as the cards show them. Empty beats (still streaming) are kept as "…". */
export interface BeatLine {
  n: number;
  title: string;
  text: string;
}

export function beatLines(beats: ReadonlyArray<Pick<GeneratedItem, "title" | "text">>): BeatLine[] {
  return beats.map((b, i) => ({ n: i + 1, title: b.title.trim(), text: b.text.trim() }));
}

/** A one-line plain-text digest of beats ("1. Title — text 2. …"), for labels and when an alt has no text. */
export function outlineDigest(beats: ReadonlyArray<Pick<GeneratedItem, "title" | "text">>): string {
  return beatLines(beats)
    .map((b) => `${b.n}. ${[b.title, b.text].filter(Boolean).join(" — ")}`)
    .join(" ");
}

/** Whether a running alt job writes an outline: its batch was asked for in outline mode, or its stream already holds several beats. */
export function isOutlineJob(job: { batchId: string | null }, outlineBatches: readonly string[], streamedItems: number): boolean {
  return (job.batchId !== null && outlineBatches.includes(job.batchId)) || streamedItems > 1;
}
