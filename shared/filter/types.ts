/**
 * The style-name filter's vocabulary: the project's settings for it, and the decision it returns for
 * a prompt. Pure types; the filter itself is styleFilter.ts.
 */

/** Warn: send as written, tell the writer. Rewrite: replace protected names with neutral traits. Strict: block every protected name. Off: no checks (needs an acknowledgement). */
export const FILTER_MODES = ["warn", "rewrite", "strict", "off"] as const;
export type FilterMode = (typeof FILTER_MODES)[number];

/**
 * How a creator's status is computed from dates.
 * - life+70: public domain when the creator died at least 70 full years before this year (EU, UK, US for recent works…);
 * - life+50: the Berne minimum (still the term in some countries);
 * - us-conservative: public domain only when the creator died at least 95 full years before this year
 *   (US terms run from publication: 95 years covers everything published in a creator's lifetime; works
 *   first published after their death can run longer, so this is a cautious profile, not a legal answer).
 */
export const JURISDICTIONS = ["life+70", "life+50", "us-conservative"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export interface FilterListEntry {
  /** A creator's name as the writer types it. */
  name: string;
  /** Why (e.g. "licensed parody", "client asked not to"). */
  reason: string;
}

export interface FilterAlias {
  /** What the writer types ("Swift", "the Bard"). */
  alias: string;
  /** Whom it means: a name in the creators list, or on the project's lists. */
  name: string;
}

export interface FilterRewriteOverride {
  /** The creator's canonical name. */
  name: string;
  /** The writer's own neutral description, used instead of the shipped traits. */
  text: string;
}

export interface FilterSettings {
  mode: FilterMode;
  jurisdiction: Jurisdiction;
  /** Off only takes effect once the writer acknowledged what it means. */
  offAcknowledged: boolean;
  allow: FilterListEntry[];
  deny: FilterListEntry[];
  aliases: FilterAlias[];
  rewrites: FilterRewriteOverride[];
}

export const DEFAULT_FILTER_SETTINGS: FilterSettings = {
  mode: "rewrite",
  jurisdiction: "life+70",
  offAcknowledged: false,
  allow: [],
  deny: [],
  aliases: [],
  rewrites: [],
};

export type FilterDecisionKind = "allow" | "warn" | "rewrite" | "ask" | "block";

/** How much a decision holds a prompt back: the strictest of a prompt's matches decides. */
export const SEVERITY: Readonly<Record<FilterDecisionKind, number>> = { allow: 0, warn: 1, rewrite: 2, ask: 3, block: 4 };

export function mostSevere(kinds: readonly FilterDecisionKind[]): FilterDecisionKind {
  return kinds.reduce<FilterDecisionKind>((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), "allow");
}

export type CreatorStatus = "public-domain" | "protected";

export interface FilterCandidate {
  name: string;
  status: CreatorStatus;
  /** "died 1745 — public domain (life+70)". */
  reason: string;
}

export interface FilterMatch {
  /** The creator (canonical name), or what the writer typed when it is ambiguous. */
  name: string;
  /** Offsets into the ORIGINAL text (UTF-16 code units, end exclusive) of the whole style request (trigger and name). */
  start: number;
  end: number;
  /** The original text of that span. */
  matched: string;
  /** Offsets of the name alone, inside the original text. */
  nameStart: number;
  nameEnd: number;
  /**
   * The region a rewrite replaces (original offsets): not always [start, end) — "like X would" replaces
   * the "would" too, "pastiche of X" only the name, "X's style" only "X's".
   */
  replaceStart: number;
  replaceEnd: number;
  /** public-domain / protected; "allow-listed" / "deny-listed" when a project list decided; "ambiguous" for ask. */
  status: CreatorStatus | "allow-listed" | "deny-listed" | "ambiguous";
  /** One line for the writer: "Jane Austen, 1775–1817 — public domain (life+70)". */
  reason: string;
  /** What the filter does with this span. */
  action: FilterDecisionKind;
  /** For rewrite: the text that replaces [replaceStart, replaceEnd). */
  replacement?: string;
  /** For ask: whom the name could mean. */
  candidates?: FilterCandidate[];
}

export interface FilterDecision {
  decision: FilterDecisionKind;
  /** The prompt as it would be sent: rewritten when the decision is rewrite, else as given. */
  text: string;
  matches: FilterMatch[];
  mode: FilterMode;
  /** For warn, ask and block: a short, neutral sentence that says why and what the writer can do. */
  message?: string;
}
