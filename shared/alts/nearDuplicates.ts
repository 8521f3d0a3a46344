/**
 * Near-duplicate grouping of alts, so a writer mining 32 alternates does not read the same joke five times.
 *
 * Texts are compared after `normalizeForComparison`: NFKC, lower case, apostrophes dropped inside words
 * ("don't" = "dont"), every other punctuation mark and quote turned into a space, whitespace collapsed.
 * Two texts are near-duplicates when
 * - their normalised texts are identical (any length), or
 * - the longer one has at least `minWords` (8) words, and either
 *   - the character edit distance (Levenshtein) is at most `maxDistanceRatio` (0.15) of the longer
 *     normalised length, or
 *   - the word-set Jaccard similarity is at least `minJaccard` (0.85).
 *
 * Why these thresholds:
 * - Short lines (under 8 words) group only when identical: in a short line one word is often the whole
 *   joke ("I'm not mad" / "I'm not sad"), and a wrongly grouped alt is worse than reading one twice.
 * - 0.15 of the length is about one word in seven (English words average ~5 letters plus a space): a
 *   one-word change, a typo or a changed ending in a long joke stays under it; two jokes that share a
 *   set-up but differ in the punchline (usually a third or more of the text) stay well over it.
 * - Jaccard 0.85 catches the same words reordered ("at the door, Tomas waited" / "Tomas waited at the
 *   door"), which edit distance scores as very different; 0.85 allows at most about one differing word
 *   in thirteen, so it only fires for long texts that share nearly all their words.
 *
 * Grouping is greedy and representative-based, in input order: each alt joins the first group whose
 * representative (its first member) it is a near-duplicate of, else starts a group. Comparing with the
 * representative rather than any member keeps chains (A≈B≈C with A far from C) from drifting.
 * Edit distance is the bit-parallel Myers algorithm of `fastest-levenshtein`, after a length pre-check.
 */
import { distance } from "fastest-levenshtein";

export interface NearDuplicateOptions {
  /** Largest edit distance, as a fraction of the longer normalised text, for a near-duplicate. Default 0.15. */
  maxDistanceRatio?: number;
  /** Smallest word-set Jaccard similarity for a near-duplicate. Default 0.85. */
  minJaccard?: number;
  /** Texts whose longer one has fewer words group only when identical after normalising. Default 8. */
  minWords?: number;
}

export interface AltGroup {
  /** The group's first member in input order. */
  representativeId: string;
  /** Every member, the representative first, in input order. */
  memberIds: string[];
}

export const NEAR_DUPLICATE_DEFAULTS: Required<NearDuplicateOptions> = { maxDistanceRatio: 0.15, minJaccard: 0.85, minWords: 8 };

const APOSTROPHE_IN_WORD = /(?<=[\p{L}\p{N}])['’ʼ](?=[\p{L}\p{N}])/gu;
const PUNCTUATION = /[\p{P}]+/gu;

/** The text as grouping compares it: NFKC, lower case, no punctuation or quotes, single spaces. */
export function normalizeForComparison(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(APOSTROPHE_IN_WORD, "").replace(PUNCTUATION, " ").replace(/\s+/gu, " ").trim();
}

interface Prepared {
  id: string;
  norm: string;
  words: Set<string>;
  wordCount: number;
}

function prepare(alt: { id: string; text: string }): Prepared {
  const norm = normalizeForComparison(alt.text);
  const list = norm ? norm.split(" ") : [];
  return { id: alt.id, norm, words: new Set(list), wordCount: list.length };
}

function near(a: Prepared, b: Prepared, o: Required<NearDuplicateOptions>): boolean {
  if (a.norm === b.norm) return true;
  if (Math.max(a.wordCount, b.wordCount) < o.minWords) return false;
  return jaccard(a.words, b.words) >= o.minJaccard || withinEditRatio(a.norm, b.norm, o.maxDistanceRatio);
}

function withinEditRatio(a: string, b: string, ratio: number): boolean {
  const limit = ratio * Math.max(a.length, b.length);
  // The distance is at least the difference in length: skip the computation when that alone is too much.
  if (Math.abs(a.length - b.length) > limit) return false;
  return distance(a, b) <= limit;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Whether two texts are near-duplicates under the rules above. */
export function areNearDuplicates(a: string, b: string, opts: NearDuplicateOptions = {}): boolean {
  return near(prepare({ id: "a", text: a }), prepare({ id: "b", text: b }), { ...NEAR_DUPLICATE_DEFAULTS, ...opts });
}

/** Groups alts whose texts are near-duplicates; groups (and members) come in input order. Ids should be unique. */
export function groupNearDuplicates(alts: ReadonlyArray<{ id: string; text: string }>, opts: NearDuplicateOptions = {}): AltGroup[] {
  const o = { ...NEAR_DUPLICATE_DEFAULTS, ...opts };
  const groups: Array<{ rep: Prepared; memberIds: string[] }> = [];
  const byNorm = new Map<string, (typeof groups)[number]>();
  for (const alt of alts) {
    const p = prepare(alt);
    const group = byNorm.get(p.norm) ?? groups.find((g) => near(g.rep, p, o));
    if (group) {
      group.memberIds.push(p.id);
      if (!byNorm.has(p.norm)) byNorm.set(p.norm, group);
    } else {
      const g = { rep: p, memberIds: [p.id] };
      groups.push(g);
      byNorm.set(p.norm, g);
    }
  }
  return groups.map((g) => ({ representativeId: g.rep.id, memberIds: g.memberIds }));
}
