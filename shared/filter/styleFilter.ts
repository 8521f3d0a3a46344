/**
 * The style-name filter: every prompt passes through `check` before it reaches the model. It finds
 * requests to imitate a creator (matcher.ts), computes each creator's status for the day (creatorStatus.ts),
 * applies the project's lists, aliases and mode, and returns a decision with the matched spans:
 * allow, warn (sent as written), rewrite (protected names replaced by neutral traits), ask (ambiguous
 * name) or block.
 */
import { buildCreatorIndex, type CreatorIndex, type IndexAddition, type IndexedCreator } from "./creatorIndex";
import type { CreatorRecord } from "./creatorSchema";
import { creatorLabel, creatorStatus } from "./creatorStatus";
import { findMentions, findStyleRequests, type StyleRequest } from "./matcher";
import { foldedTokens } from "./normalize";
import { leaksCreator, replacementFor } from "./rewrite";
import { mostSevere, type FilterCandidate, type FilterDecision, type FilterDecisionKind, type FilterMatch, type FilterSettings } from "./types";

export interface CheckOptions {
  settings: FilterSettings;
  /** The day of the check ("2026-11-23" or a Date): statuses are computed for its year. */
  today: string | Date;
}

export interface StyleFilter {
  readonly index: CreatorIndex;
  check(text: string, opts: CheckOptions): FilterDecision;
}

const key = (name: string) => foldedTokens(name).join(" ");

export function yearOf(today: string | Date): number {
  if (today instanceof Date) return today.getFullYear();
  const y = Number(/^(\d{4})-\d{2}-\d{2}$/.exec(today)?.[1]);
  if (!Number.isInteger(y)) throw new Error(`Not a date (YYYY-MM-DD): ${today}`);
  return y;
}

/** One match and the creator it was decided for (the rewritten one, when several were candidates). */
interface Decided {
  req: StyleRequest;
  match: FilterMatch;
  creator: IndexedCreator | null;
}

export function createStyleFilter(records: readonly CreatorRecord[]): StyleFilter {
  const index = buildCreatorIndex(records);

  /** The creators a name on a project list means: any of their full names or short forms ("Tarantino"). */
  const creatorsNamed = (name: string): IndexedCreator[] => {
    const tokens = foldedTokens(name);
    if (tokens.length === 0) return [];
    const joined = tokens.join(" ");
    return (index.byFirst.get(tokens[0]!) ?? []).filter((f) => f.tokens.join(" ") === joined).flatMap((f) => f.creators);
  };

  let overlayKey = "";
  let overlay: CreatorIndex | null = null;
  /** The project's aliases and deny-listed names not in the list, as a small extra index. */
  const overlayFor = (s: FilterSettings): CreatorIndex | null => {
    const k = JSON.stringify([s.aliases, s.deny]);
    if (k === overlayKey) return overlay;
    const additions: IndexAddition[] = [];
    const person = (name: string): CreatorRecord => ({ name: name.trim(), type: "person", fields: ["novelist"] });
    for (const d of s.deny) if (key(d.name) && creatorsNamed(d.name).length === 0) additions.push({ record: person(d.name), kind: "full" });
    for (const a of s.aliases) {
      if (!key(a.alias)) continue;
      const targets = creatorsNamed(a.name);
      // An alias may point at a name on the deny list that the creators list does not have.
      if (targets.length === 0) additions.push({ record: { ...person(a.alias), aliases: [a.name] }, kind: "alias" });
      for (const target of targets.slice(0, 1)) additions.push({ record: person(a.alias), target, kind: "alias" });
    }
    overlayKey = k;
    overlay = additions.length ? buildCreatorIndex([], additions) : null;
    return overlay;
  };

  /** A project list as creator keys → reason; names that match no creator are kept by their own folded text. */
  const listOf = (entries: ReadonlyArray<{ name: string; reason?: string; text?: string }>): Map<string, string> => {
    const out = new Map<string, string>();
    for (const e of entries) {
      const value = (e.reason ?? e.text ?? "").trim();
      const named = creatorsNamed(e.name);
      if (named.length === 0) out.set(key(e.name), value);
      for (const c of named) out.set(c.key, value);
    }
    return out;
  };

  function check(text: string, { settings, today }: CheckOptions): FilterDecision {
    const mode = settings.mode === "off" && !settings.offAcknowledged ? "rewrite" : settings.mode;
    if (mode === "off") return { decision: "allow", text, matches: [], mode };
    const year = yearOf(today);
    const extra = overlayFor(settings);
    const indexes = extra ? [index, extra] : [index];
    const allow = listOf(settings.allow);
    const deny = listOf(settings.deny);
    const overrides = listOf(settings.rewrites);
    const listed = (c: IndexedCreator, list: Map<string, string>) => (list.size ? (list.get(c.key) ?? null) : null);

    const decide = (req: StyleRequest): Decided => {
      const typed = text.slice(req.nameStart, req.nameEnd);
      const base = {
        start: req.start,
        end: req.end,
        matched: text.slice(req.start, req.end),
        nameStart: req.nameStart,
        nameEnd: req.nameEnd,
        replaceStart: req.replaceStart,
        replaceEnd: req.replaceEnd,
      };
      const denied = req.candidates.find((c) => listed(c, deny) !== null);
      if (denied) {
        const reason = `On this project's deny list: ${listed(denied, deny) || "no reason given"}`;
        return { req, creator: denied, match: { ...base, name: denied.record.name, status: "deny-listed", reason, action: "block" } };
      }
      const cands = req.candidates.filter((c) => listed(c, allow) === null);
      if (cands.length === 0) {
        const c = req.candidates[0]!;
        const reason = `On this project's allow list: ${listed(c, allow) || "no reason given"}`;
        return { req, creator: c, match: { ...base, name: c.record.name, status: "allow-listed", reason, action: "allow" } };
      }
      const verdicts = cands.map((c) => ({ c, v: creatorStatus(c.record, year, settings.jurisdiction) }));
      const described = (c: IndexedCreator, reason: string) => `${creatorLabel(c.record)} — ${reason}`;
      const fuzzyWords = req.form === "fuzzy" ? ` (read “${typed}” as ${cands.map((c) => c.record.name).join(" or ")})` : "";
      const prot = verdicts.filter((x) => x.v.status === "protected");
      if (prot.length === 0) {
        const reason = verdicts.map((x) => described(x.c, x.v.reason)).join("; ") + fuzzyWords;
        return { req, creator: cands[0]!, match: { ...base, name: cands.length === 1 ? cands[0]!.record.name : typed, status: "public-domain", reason, action: "allow" } };
      }
      if (verdicts.length > 1 && (mode === "rewrite" || prot.length < verdicts.length)) {
        const candidates: FilterCandidate[] = verdicts.map((x) => ({ name: x.c.record.name, status: x.v.status, reason: described(x.c, x.v.reason) }));
        const reason = `“${typed}” could mean ${candidates.map((c) => c.reason).join("; or ")}`;
        return { req, creator: null, match: { ...base, name: typed, status: "ambiguous", reason, action: "ask", candidates } };
      }
      const one = prot[0]!.c;
      const m = { ...base, name: one.record.name, status: "protected" as const, reason: described(one, prot[0]!.v.reason) + fuzzyWords };
      if (mode === "warn") return { req, creator: one, match: { ...m, action: "warn" } };
      if (mode === "strict") return { req, creator: one, match: { ...m, action: "block" } };
      return { req, creator: one, match: rewriteOf(m, req, one, overrides.get(one.key) ?? null) };
    };

    const rewriteOf = (m: Omit<FilterMatch, "action">, req: StyleRequest, c: IndexedCreator, override: string | null): FilterMatch => {
      const traits = c.record.traits ?? null;
      if (!traits && !override) return { ...m, action: "block" };
      const replacement = replacementFor(req, traits, override, text.slice(req.replaceStart, req.replaceEnd));
      // A rewrite never carries the name, an alias or a signature element: if it would, block instead.
      if (req.candidates.some((x) => leaksCreator(replacement, x))) return { ...m, action: "block" };
      return { ...m, action: "rewrite", replacement };
    };

    const decided = findStyleRequests(text, indexes).map(decide);
    // A rewritten creator named again elsewhere in the prompt is replaced there too.
    const rewritten = [...new Set(decided.filter((d) => d.match.action === "rewrite").map((d) => d.creator!))];
    for (const mention of findMentions(text, rewritten, decided.map((d) => [d.req.start, d.req.end] as const))) {
      const c = mention.creator;
      const source = decided.find((d) => d.creator === c)!;
      const span = { start: mention.start, end: mention.end };
      const req: StyleRequest = { candidates: [c], form: "full", kind: "noun", ...span, nameStart: span.start, nameEnd: span.end, replaceStart: span.start, replaceEnd: span.end, capital: false };
      const m = { ...span, name: c.record.name, matched: text.slice(span.start, span.end), nameStart: span.start, nameEnd: span.end, replaceStart: span.start, replaceEnd: span.end };
      decided.push({ req, creator: c, match: rewriteOf({ ...m, status: "protected", reason: `${source.match.reason} — named again in the same prompt` }, req, c, overrides.get(c.key) ?? null) });
    }

    const matches = decided.map((d) => d.match);
    const out: FilterDecision = { decision: mostSevere(matches.map((m) => m.action)), text, matches, mode };
    if (out.decision === "rewrite") {
      const { text: sent, regions } = applyRewrites(text, decided);
      // Re-scan what would be sent: nothing overlapping a replacement may still ask for a protected style.
      const again = check(sent, { settings: { ...settings, mode: "strict" }, today });
      const leftover = again.matches.find((m) => m.action !== "allow" && regions.some(([a, b]) => m.start < b && m.end > a));
      if (leftover) {
        out.decision = "block";
        matches.push({ ...leftover, start: 0, end: 0, nameStart: 0, nameEnd: 0, replaceStart: 0, replaceEnd: 0, matched: "", reason: `The rewrite itself would name ${leftover.name}: ${leftover.reason}`, action: "block" });
      } else out.text = sent;
    }
    const message = messageFor(out.decision, matches);
    if (message) out.message = message;
    return out;
  }

  return { index, check };
}

/** The text with every rewrite applied, and where the replacements are in it. */
function applyRewrites(text: string, decided: Decided[]): { text: string; regions: Array<[number, number]> } {
  const edits = decided.filter((d) => d.match.action === "rewrite" && d.match.replacement !== undefined).sort((a, b) => a.req.replaceStart - b.req.replaceStart);
  let out = "";
  let from = 0;
  const regions: Array<[number, number]> = [];
  for (const { req, match } of edits) {
    out += text.slice(from, req.replaceStart);
    regions.push([out.length, out.length + match.replacement!.length]);
    out += match.replacement!;
    from = req.replaceEnd;
  }
  return { text: out + text.slice(from), regions };
}

function names(matches: FilterMatch[], action: FilterDecisionKind): string {
  return [...new Set(matches.filter((m) => m.action === action).map((m) => m.name))].join(", ");
}

function messageFor(decision: FilterDecisionKind, matches: FilterMatch[]): string | null {
  switch (decision) {
    case "block":
      return (
        `This asks for the style of ${names(matches, "block")}, and Cascade doesn't imitate the style of protected creators. ` +
        "Describe the qualities you want instead (the tone, the rhythm, the kind of humour), or name a public-domain influence."
      );
    case "ask": {
      const m = matches.find((x) => x.action === "ask")!;
      return `“${m.name}” could mean ${m.candidates?.map((c) => `${c.name} (${c.status === "public-domain" ? "public domain" : "protected"})`).join(" or ")}. Say which one you mean.`;
    }
    case "warn":
      return `Sent as written (Warn mode): it asks for the style of ${names(matches, "warn")}, a protected creator.`;
    case "rewrite":
      return `Replaced the style of ${names(matches, "rewrite")} with neutral style traits.`;
    default:
      return null;
  }
}
