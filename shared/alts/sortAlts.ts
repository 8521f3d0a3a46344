/**
 * Orders for mining a node's alts. Every sort is stable: alts that tie keep their input order.
 *
 * - "stars": starred first;
 * - "score": the model's per-token normalised log-probability, higher (more likely) first; unscored last;
 * - "length": shorter first (title, text and speaker together); short alternates are usually the ones to try;
 * - "recency": newest first by `createdAt`; unparseable times last.
 */
import type { Alt } from "../story/model";

export const ALT_SORT_KEYS = ["stars", "score", "length", "recency"] as const;
export type AltSortKey = (typeof ALT_SORT_KEYS)[number];

export type SortableAlt = Pick<Alt, "title" | "text" | "createdAt"> & Partial<Pick<Alt, "speaker" | "starred" | "score">>;

/** A copy of `alts` in the order of `key` (the input is not changed). */
export function sortAlts<T extends SortableAlt>(alts: readonly T[], key: AltSortKey): T[] {
  const rank = RANKS[key];
  return alts
    .map((alt, index) => ({ alt, index, r: rank(alt) }))
    .sort((a, b) => a.r - b.r || a.index - b.index)
    .map((x) => x.alt);
}

/** Lower rank sorts first; Infinity is "last". */
const RANKS: Record<AltSortKey, (a: SortableAlt) => number> = {
  stars: (a) => (a.starred ? 0 : 1),
  score: (a) => (typeof a.score === "number" && Number.isFinite(a.score) ? -a.score : Infinity),
  length: (a) => a.title.length + a.text.length + (a.speaker?.length ?? 0),
  recency: (a) => {
    const t = Date.parse(a.createdAt);
    return Number.isNaN(t) ? Infinity : -t;
  },
};
