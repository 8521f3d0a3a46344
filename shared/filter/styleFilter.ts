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
import type { FilterCandidate, FilterDecision, FilterDecisionKind, FilterMatch, FilterSettings } from "./types";

export interface CheckOptions {
  settings: FilterSettings;
  /** The day of the check ("2026-11-23" or a Date): statuses are computed for its year. */
  today: string | Date;
}

export interface StyleFilter {
  readonly index: CreatorIndex;
  check(text: string, opts: CheckOptions): FilterDecision;
}

const SEVERITY: Record<FilterDecisionKind, number> = { allow: 0, warn: 1, rewrite: 2, ask: 3, block: 4 };
const key = (name: string) => foldedTokens(name).join(" ");

export function yearOf(today: string | Date): number {
  if (today instanceof Date) return today.getFullYear();
  const y = Number(/^(\d{4})-\d{2}-\d{2}$/.exec(today)?.[1]);
  if (!Number.isInteger(y)) throw new Error(`Not a date (YYYY-MM-DD): ${today}`);
  return y;
}

export function createStyleFilter(records: readonly CreatorRecord[]): StyleFilter {
  const index = buildCreatorIndex(records);
  const byFullName = new Map<string, IndexedCreator>();
  for (const c of index.creators) if (!byFullName.has(c.key)) byFullName.set(c.key, c);
  let overlayKey = "";
  let overlay: CreatorIndex | null = null;

  /** The project's aliases and deny-listed names not in the list, as a small extra index. */
  const overlayFor = (s: FilterSettings): CreatorIndex | null => {
    const k = JSON.stringify([s.aliases, s.deny]);
    if (k === overlayKey) return overlay;
    const additions: IndexAddition[] = [];
    for (const d of s.deny) {
      if (!byFullName.has(key(d.name)) && key(d.name)) additions.push({ record: { name: d.name.trim(), type: "person", fields: ["novelist"] }, kind: "full" });
    }
    for (const a of s.aliases) {
      const target = byFullName.get(key(a.name));
      if (target && key(a.alias)) additions.push({ record: { name: a.alias.trim(), type: "person", fields: ["novelist"] }, target, kind: "alias" });
    }
    overlayKey = k;
    overlay = additions.length ? buildCreatorIndex([], additions) : null;
    return overlay;
  };

  return {
    index,
    check(text, { settings, today }) {
      const mode = settings.mode === "off" && !settings.offAcknowledged ? "rewrite" : settings.mode;
      if (mode === "off") return { decision: "allow", text, matches: [], mode };
      const year = yearOf(today);
      const extra = overlayFor(settings);
      const requests = findStyleRequests(text, extra ? [index, extra] : [index]);
      const allow = new Map(settings.allow.map((e) => [key(e.name), e.reason]));
      const deny = new Map(settings.deny.map((e) => [key(e.name), e.reason]));
      const overrides = new Map(settings.rewrites.map((r) => [key(r.name), r.text.trim()]));
      const listed = (c: IndexedCreator, list: Map<string, string>) => (list.size ? (list.get(c.key) ?? null) : null);

      const matches: FilterMatch[] = requests.map((req) => {
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
          return { ...base, name: denied.record.name, status: "deny-listed", reason: `On this project's deny list: ${listed(denied, deny) || "no reason given"}`, action: "block" };
        }
        const cands = req.candidates.filter((c) => listed(c, allow) === null);
        if (cands.length === 0) {
          const c = req.candidates[0]!;
          return { ...base, name: c.record.name, status: "allow-listed", reason: `On this project's allow list: ${listed(c, allow) || "no reason given"}`, action: "allow" };
        }
        const verdicts = cands.map((c) => ({ c, v: creatorStatus(c.record, year, settings.jurisdiction) }));
        const described = (c: IndexedCreator, reason: string) => `${creatorLabel(c.record)} — ${reason}`;
        const fuzzyWords = req.form === "fuzzy" ? ` (read “${typed}” as ${cands.map((c) => c.record.name).join(" or ")})` : "";
        const prot = verdicts.filter((x) => x.v.status === "protected");
        if (prot.length === 0) {
          return { ...base, name: cands.length === 1 ? cands[0]!.record.name : typed, status: "public-domain", reason: verdicts.map((x) => described(x.c, x.v.reason)).join("; ") + fuzzyWords, action: "allow" };
        }
        if (verdicts.length > 1 && (mode === "rewrite" || prot.length < verdicts.length)) {
          const candidates: FilterCandidate[] = verdicts.map((x) => ({ name: x.c.record.name, status: x.v.status, reason: described(x.c, x.v.reason) }));
          return { ...base, name: typed, status: "ambiguous", reason: `“${typed}” could mean ${candidates.map((c) => c.reason).join("; or ")}`, action: "ask", candidates };
        }
        const one = prot[0]!;
        const reason = described(one.c, one.v.reason) + fuzzyWords;
        const m = { ...base, name: one.c.record.name, status: "protected" as const, reason };
        if (mode === "warn") return { ...m, action: "warn" };
        if (mode === "strict") return { ...m, action: "block" };
        const override = overrides.size ? (overrides.get(one.c.key) ?? null) : null;
        const traits = one.c.record.traits ?? null;
        if (!traits && !override) return { ...m, action: "block" };
        const replacement = replacementFor(req, traits, override, text.slice(req.replaceStart, req.replaceEnd));
        // A rewrite never carries the name, an alias or a signature element: if it would, block instead.
        if (cands.some((c) => leaksCreator(replacement, c))) return { ...m, action: "block" };
        return { ...m, action: "rewrite", replacement };
      });

      // A rewritten creator named again elsewhere in the prompt is replaced there too.
      const rewrittenCreators = [...new Set(requests.filter((_, i) => matches[i]!.action === "rewrite").flatMap((r) => r.candidates))];
      for (const mention of findMentions(text, rewrittenCreators, requests.map((r) => [r.start, r.end] as const))) {
        const c = mention.creator;
        const override = overrides.size ? (overrides.get(c.key) ?? null) : null;
        const req: StyleRequest = { candidates: [c], form: "full", kind: "noun", start: mention.start, end: mention.end, nameStart: mention.start, nameEnd: mention.end, replaceStart: mention.start, replaceEnd: mention.end, capital: false };
        const replacement = replacementFor(req, c.record.traits ?? null, override, text.slice(mention.start, mention.end));
        const source = matches.find((m) => m.name === c.record.name)!;
        requests.push(req);
        matches.push({
          name: c.record.name,
          start: mention.start,
          end: mention.end,
          matched: text.slice(mention.start, mention.end),
          nameStart: mention.start,
          nameEnd: mention.end,
          replaceStart: mention.start,
          replaceEnd: mention.end,
          status: "protected",
          reason: `${source.reason} — named again in the same prompt`,
          action: leaksCreator(replacement, c) ? "block" : "rewrite",
          replacement,
        });
      }

      const decision = matches.reduce<FilterDecisionKind>((d, m) => (SEVERITY[m.action] > SEVERITY[d] ? m.action : d), "allow");
      const out: FilterDecision = { decision, text, matches, mode };
      if (decision === "rewrite") {
        const rewritten = applyRewrites(text, requests, matches);
        out.text = rewritten.text;
        // Re-scan around each replacement: what is sent must not still ask for a protected creator's style.
        const strict = { settings: { ...settings, mode: "strict" as const }, today };
        if (rewritten.windows.some(([a, b]) => this.check(out.text.slice(a, b), strict).decision !== "allow")) {
          out.decision = "block";
          out.text = text;
        }
      }
      const message = messageFor(out.decision, matches);
      if (message) out.message = message;
      return out;
    },
  };
}

/** Context kept on each side of a replacement when it is re-scanned. */
const RESCAN_MARGIN = 80;

/** The text with every rewrite applied, and the windows around the replacements (in the new text) to re-scan. */
function applyRewrites(text: string, requests: StyleRequest[], matches: FilterMatch[]): { text: string; windows: Array<[number, number]> } {
  const edits = requests
    .map((r, i) => ({ r, m: matches[i]! }))
    .filter((x) => x.m.action === "rewrite" && x.m.replacement !== undefined)
    .sort((a, b) => a.r.replaceStart - b.r.replaceStart);
  let out = "";
  let from = 0;
  const windows: Array<[number, number]> = [];
  for (const { r, m } of edits) {
    out += text.slice(from, r.replaceStart);
    const at = out.length;
    out += m.replacement!;
    windows.push([Math.max(0, at - RESCAN_MARGIN), at + m.replacement!.length + RESCAN_MARGIN]);
    from = r.replaceEnd;
  }
  out += text.slice(from);
  return { text: out, windows };
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
