/**
 * What the Alts panel shows for a node's finished alts, in order: the writer's sort, rejected alts
 * held back behind a toggle (hidden, never deleted), and near-duplicates folded under the first of
 * them in that order, so the best-ranked version is the one the writer reads. Pure; tested in
 * altCards.test.ts.
 */
import { groupNearDuplicates } from "../../../shared/alts/nearDuplicates";
import { sortAlts, type AltSortKey } from "../../../shared/alts/sortAlts";
import type { Alt, AltReason } from "../../../shared/story/model";
import { outlineDigest } from "./altKinds";

export interface AltCardGroup {
  /** The card shown: the group's first member in sort order. */
  alt: Alt;
  /** Near-duplicates of it, behind "+N similar". */
  similar: Alt[];
}

export interface AltCardsView {
  groups: AltCardGroup[];
  /** How many rejected alts exist (shown or not). */
  rejectedCount: number;
}

/**
 * The text grouping compares: speaker, title and text together, as the writer reads them. An outline
 * alt compares by its digest (`text`), or by its beats when it has no digest.
 */
export function comparableText(alt: Pick<Alt, "title" | "text" | "speaker" | "outline">): string {
  if (alt.outline) return alt.text.trim() ? alt.text : outlineDigest(alt.outline);
  return [alt.speaker, alt.title, alt.text].filter(Boolean).join(" ");
}

export function altCards(alts: readonly Alt[], sort: AltSortKey, showRejected: boolean): AltCardsView {
  const sorted = sortAlts(alts, sort);
  const kept = sorted.filter((a) => !a.rejected);
  const rejected = sorted.filter((a) => a.rejected);
  const byId = new Map(sorted.map((a) => [a.id, a]));
  const groups: AltCardGroup[] = groupNearDuplicates(kept.map((a) => ({ id: a.id, text: comparableText(a) }))).map((g) => ({
    alt: byId.get(g.representativeId)!,
    similar: g.memberIds.slice(1).map((id) => byId.get(id)!),
  }));
  // Rejected alts, when shown, come last and ungrouped: the writer is looking at each one to restore it.
  if (showRejected) for (const alt of rejected) groups.push({ alt, similar: [] });
  return { groups, rejectedCount: rejected.length };
}

const REASON_WORDS: Record<AltReason, string> = {
  generated: "generated",
  "replaced-by-regeneration": "replaced by regeneration",
  "replaced-by-alt": "replaced by a swap",
  "replaced-by-writer": "replaced by your edit",
};

export function reasonWords(reason: AltReason): string {
  return REASON_WORDS[reason] ?? reason;
}

/**
 * The likelihood bar's fill, 0..1, from a per-token log-probability. Scores of small models sit
 * roughly between -6 (noise) and 0 (certain); the bar maps that span linearly so differences between
 * alts of one batch are visible. Null when unscored.
 */
export function likelihoodFill(score: number | undefined): number | null {
  if (typeof score !== "number" || !Number.isFinite(score)) return null;
  return Math.min(1, Math.max(0, (score + 6) / 6));
}

/** "t 0.80 · top-p 0.90 · min-p 0.05" for a card's meta line. */
export function samplingWords(s: { temperature: number; topP: number; minP: number } | null | undefined): string {
  if (!s) return "";
  return `t ${s.temperature.toFixed(2)} · top-p ${s.topP.toFixed(2)} · min-p ${s.minP.toFixed(2)}`;
}
