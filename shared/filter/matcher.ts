/**
 * Finds style requests in a text: a creator's name next to a style trigger (triggers.ts), or an
 * adjectival form of a name. Returns where each request is in the original text and whom it could
 * name; deciding what to do with it is styleFilter.ts's job.
 */
import { distance } from "fastest-levenshtein";
import type { CreatorIndex, FormKind, IndexedCreator, NameForm } from "./creatorIndex";
import { COMMON_WORDS } from "./commonWords";
import { tokenize, type Token } from "./normalize";
import { ATTRIBUTIVE_LEADS, CONFIRM_VERBS, FORM_NOUNS, LIKE_CONFIRMS, STYLE_WORDS, LIKE_LEADS, LIST_JOINERS, POSSESSIVE_STYLE_NOUNS, PREFIX_TRIGGERS, SUFFIX_TRIGGERS, TITLE_WORDS, type PrefixTrigger, type TriggerKind } from "./triggers";

export interface StyleRequest {
  candidates: IndexedCreator[];
  /** How the name was written: alias / full name / short form; "adjective", "joined" (spaced letters), "fuzzy" (misspelt). */
  form: FormKind | "adjective" | "joined" | "fuzzy";
  kind: TriggerKind;
  /** For verb triggers: the verb phrase a rewrite starts with. */
  verb?: string;
  /** The whole request (trigger and name), original offsets. */
  start: number;
  end: number;
  /** The name alone. */
  nameStart: number;
  nameEnd: number;
  /** What a rewrite replaces. */
  replaceStart: number;
  replaceEnd: number;
  /** The trigger's first letter was a capital (a rewrite keeps it). */
  capital: boolean;
  /** "Tarantino's style": the name stood for a determiner, so the rewrite brings an article. */
  possessive?: boolean;
}

interface NameHit {
  end: number;
  candidates: IndexedCreator[];
  form: StyleRequest["form"];
}

/** What the separator before a token may hold: the end of a sentence; also a clause break (; :); also a comma. */
const SENTENCE_END = /[.!?\n]/;
const CLAUSE_BREAK = /[.!?;:\n]/;
const PHRASE_BREAK = /[.!?;:,\n]/;

const ARTICLES = new Set(["the", "a", "an"]);
/** "in Carver's voice", "capture Seinfeld's rhythm" — not "Carver's voice dropped to a whisper", which is the story. */
const POSSESSIVE_LEADS = new Set(["in", "with", "using", "use", "capture", "channel", "adopt", "borrow", "match", "mimic", "copy", "into", "like", "emulate", "imitate", "want", "give", "of"]);
/** "write it like X": one object word between the verb and "like". */
const LIKE_OBJECTS = new Set(["it", "this", "that", "them", "these", "those", "one", "him", "her", "me", "us"]);

const triggersByFirst = new Map<string, PrefixTrigger[]>();
for (const t of PREFIX_TRIGGERS) {
  const list = triggersByFirst.get(t.tokens[0]!) ?? [];
  list.push(t);
  list.sort((a, b) => b.tokens.length - a.tokens.length);
  triggersByFirst.set(t.tokens[0]!, list);
}
const suffixByToken = new Map(SUFFIX_TRIGGERS.map((s) => [s.token, s]));

export function findStyleRequests(text: string, indexes: readonly CreatorIndex[]): StyleRequest[] {
  const T = tokenize(text);
  const out: StyleRequest[] = [];
  let covered = 0; // tokens before this index belong to a request already found
  let likeChainAt = -1;

  const lookup = <V>(get: (ix: CreatorIndex) => V[] | undefined): V[] => indexes.flatMap((ix) => get(ix) ?? []);

  /** The longest name starting at token `p`. */
  const nameAt = (p: number, opts: { short: boolean; fuzzy: boolean; needCapital?: boolean; lowercase?: boolean }): NameHit | null => {
    const tok = T[p];
    if (!tok) return null;
    let best: NameForm[] = [];
    let bestLen = 0;
    for (const form of lookup((ix) => ix.byFirst.get(tok.text))) {
      const n = form.tokens.length;
      if (n < bestLen) continue;
      if (form.kind === "short" && !opts.short) continue;
      if (!matchesAt(T, p, form.tokens)) continue;
      // A one-word name counts only with its capital: "in the style of block capitals", "the spirit of
      // who we are" and "write like a king" are words, not Lawrence Block, The Who or Stephen King.
      if ((form.common || (n === 1 && !opts.lowercase)) && !tok.capitalized) continue;
      // "King James Bible", "Irving Place": a short form running into another capitalized word names something else.
      if (form.kind === "short" && n === 1 && continuesProperNoun(T, p + 1)) continue;
      // "in the tradition of Black gospel preachers": an ordinary word starting a phrase is that word.
      if (form.common && n === 1 && continuesPhrase(T, p + 1)) continue;
      if (n > bestLen) {
        best = [form];
        bestLen = n;
      } else best.push(form);
    }
    if (best.length) {
      const rank = (k: FormKind) => (k === "alias" ? 0 : k === "full" ? 1 : 2);
      const top = Math.min(...best.map((f) => rank(f.kind)));
      const chosen = best.filter((f) => rank(f.kind) === top);
      // "Stephen Kng": a misspelt two-word name beats the one-word short form its first word happens to be.
      if (opts.fuzzy && bestLen === 1 && chosen[0]!.kind === "short") {
        const near = fuzzyAt(T, p, indexes, [3, 2]);
        if (near) return near;
      }
      return { end: p + bestLen, candidates: unique(chosen.flatMap((f) => f.creators)), form: chosen[0]!.kind };
    }
    const joined = lookup((ix) => ix.joined.get(tok.text));
    if (joined.length) return { end: p + 1, candidates: unique(joined), form: "joined" };
    if (opts.fuzzy) return fuzzyAt(T, p, indexes);
    return null;
  };

  const push = (r: Omit<StyleRequest, "capital">, firstToken: Token) => {
    // Keep a capital where the replaced text opened a sentence (or was a capitalized trigger word).
    out.push({ ...r, capital: firstToken.capitalized && (firstToken === T[0] || SENTENCE_END.test(firstToken.before)) });
  };

  for (let i = 0; i < T.length; i++) {
    if (i < covered) continue;
    const tok = T[i]!;

    // 1. Adjectival forms: "Lynchian", "Tarantinoesque".
    const listed = lookup((ix) => ix.adjectives.get(tok.text));
    const adj = listed.length ? listed : lookup((ix) => ix.derivedAdjectives.get(tok.text));
    if (adj.length) {
      const [s, e] = withArticle(T, i, i + 1);
      push({ candidates: unique(adj), form: "adjective", kind: "attr", start: T[s]!.start, end: tok.end, nameStart: tok.start, nameEnd: tok.end, replaceStart: T[s]!.start, replaceEnd: T[e - 1]!.end }, T[s]!);
      covered = i + 1;
      continue;
    }

    // 2. A trigger, then a name: "in the style of X", "channel X", "pastiche of X".
    const trigger = triggerAt(T, i);
    if (trigger) {
      const after = i + trigger.tokens.length;
      const weakVerb = trigger.fullOnly === true;
      let slot = after;
      if (T[slot] && ARTICLES.has(T[slot]!.text) && T[slot + 1]) slot++;
      // After an article a name has its capital: "in the manner of a police report" is no band.
      const hit = nameAt(slot, { short: !weakVerb, fuzzy: !weakVerb, needCapital: weakVerb || slot !== after }) ?? (slot !== after ? nameAt(after, { short: !weakVerb, fuzzy: false, needCapital: weakVerb }) : null);
      if (hit && (!trigger.weak || likeCounts(T, i, hit.end) || (i === likeChainAt && i > 0))) {
        const nameStart = slot !== after && hit.end > slot ? slot : after;
        // "pastiche of X" keeps "pastiche of"; "write like X" keeps "write" ("write in a … style").
        const likeAt = trigger.tokens.lastIndexOf("like");
        const replaceFrom = trigger.kind === "noun" ? nameStart : likeAt > 0 ? i + likeAt : i;
        // "like Seinfeld would (write)", "like a Sorkin script": those words go with the name in a rewrite.
        const confirm = trailingWords(T, hit.end, trigger.kind);
        push(
          {
            candidates: hit.candidates,
            form: hit.form,
            kind: trigger.kind,
            ...(trigger.verb ? { verb: trigger.verb } : {}),
            start: tok.start,
            end: T[hit.end - 1]!.end,
            nameStart: T[nameStart]!.start,
            nameEnd: T[hit.end - 1]!.end,
            replaceStart: T[replaceFrom]!.start,
            replaceEnd: T[hit.end - 1 + confirm]!.end,
          },
          T[replaceFrom]!,
        );
        covered = hit.end + confirm;
        // "like Wilde for the aristocrats and like Welsh for the servants": a second "like" in the same sentence.
        if (trigger.weak) likeChainAt = nextLikeInSentence(T, covered);
        // "in the style of X and Y": the same trigger covers the list.
        let k = hit.end;
        while (T[k] && (LIST_JOINERS.has(T[k]!.text) || T[k]!.before.includes(",")) ) {
          const at = LIST_JOINERS.has(T[k]!.text) ? k + 1 : k;
          const more = nameAt(at, { short: true, fuzzy: false });
          if (!more) break;
          push(
            { candidates: more.candidates, form: more.form, kind: "noun", start: T[at]!.start, end: T[more.end - 1]!.end, nameStart: T[at]!.start, nameEnd: T[more.end - 1]!.end, replaceStart: T[at]!.start, replaceEnd: T[more.end - 1]!.end },
            T[at]!,
          );
          covered = k = more.end;
        }
        i = covered - 1;
        continue;
      }
    }

    // 3. A name, then what makes it a style: "X-style", "X's voice", "a X joke".
    const prev = T[i - 1];
    if (prev && TITLE_WORDS.has(prev.text) && prev.capitalized && !ARTICLES.has(prev.text)) continue;
    // "tarantino-esque" is unmistakable even in lower case.
    const hit = nameAt(i, { short: true, fuzzy: false, lowercase: T[i + 1]?.text === "esque" });
    if (!hit) continue;
    const last = T[hit.end - 1]!;
    const next = T[hit.end];
    if (!next) continue;
    // A lower-case single word before "style" or a noun is usually just a word ("a lean style"); only "-esque" is unmistakable.
    if (hit.end - i === 1 && !tok.capitalized && next.text !== "esque") continue;
    const suffix = suffixByToken.get(next.text);
    const base = { candidates: hit.candidates, form: hit.form, nameStart: tok.start, nameEnd: last.end };
    if (suffix && (!suffix.hyphen || next.before === "-") && !last.possessive) {
      const [s] = withArticle(T, i, hit.end + 1);
      push({ ...base, kind: "attr", start: T[s]!.start, end: next.end, replaceStart: T[s]!.start, replaceEnd: next.end }, T[s]!);
      covered = hit.end + 1;
    } else if (last.possessive && POSSESSIVE_STYLE_NOUNS.has(next.text) && POSSESSIVE_LEADS.has(prev?.text ?? "")) {
      push({ ...base, kind: "attr", possessive: true, start: tok.start, end: next.end, replaceStart: tok.start, replaceEnd: last.end }, tok);
      covered = hit.end + 1;
    } else if (!last.possessive && FORM_NOUNS.has(next.text) && tok.capitalized && next.before.trim() === "" && !isSentenceStartName(T, i) && attributiveRequest(T, i, hit)) {
      const [s] = withArticle(T, i, hit.end);
      push({ ...base, kind: "attr", start: T[s]!.start, end: next.end, replaceStart: T[s]!.start, replaceEnd: last.end }, T[s]!);
      covered = hit.end + 1;
    } else {
      const styleAt = styleWordAfter(T, hit.end);
      if (styleAt < 0 || !tok.capitalized) continue;
      push({ ...base, kind: "noun", start: tok.start, end: T[styleAt]!.end, replaceStart: tok.start, replaceEnd: last.end }, tok);
      covered = styleAt + 1;
    }
    i = covered - 1;
  }
  return out;
}

/** Words after the name a rewrite takes with it: "would (write)" after any trigger, the form noun after "like a X". */
function trailingWords(T: Token[], end: number, kind: TriggerKind): number {
  const next = T[end];
  if (!next || PHRASE_BREAK.test(next.before)) return 0;
  if (LIKE_CONFIRMS.has(next.text)) return T[end + 1] && CONFIRM_VERBS.has(T[end + 1]!.text) && !PHRASE_BREAK.test(T[end + 1]!.before) ? 2 : 1;
  if (kind === "prep" && FORM_NOUNS.has(next.text) && next.before.trim() === "") return 1;
  return 0;
}

/** Words a name may be followed by without being the start of a longer phrase ("in the style of King for once"). */
const AFTER_NAME = new Set("and or but for to about in on with when while if so as at by from of than would might could does did writes wrote".split(" "));

/** The next word carries the phrase on ("Black gospel"): lower case, right after, and not a word that may follow a name. */
function continuesPhrase(T: Token[], k: number): boolean {
  const t = T[k];
  return t !== undefined && !t.capitalized && t.before === " " && !AFTER_NAME.has(t.text) && !FORM_NOUNS.has(t.text) && !STYLE_WORDS.has(t.text);
}

/** The next word is a capitalized word of the same phrase (no punctuation between). */
function continuesProperNoun(T: Token[], k: number): boolean {
  const t = T[k];
  return t !== undefined && t.capitalized && t.before === " " && !FORM_NOUNS.has(t.text) && !STYLE_WORDS.has(t.text);
}

/** "a Seinfeld joke", "write some Tarantino dialogue" — not "the new Christopher Nolan movie" or "Chandler novels". */
function attributiveRequest(T: Token[], i: number, hit: NameHit): boolean {
  const lead = T[i - 1];
  if (!lead || !ATTRIBUTIVE_LEADS.has(lead.text)) return false;
  // An ordinary word as a short name ("a Python script") is too weak here.
  return !(hit.end - i === 1 && hit.form === "short" && COMMON_WORDS.has(T[i]!.text));
}

/** "Spielberg is the vibe", "Murakami, that's the style": index of the style word, or -1. */
function styleWordAfter(T: Token[], end: number): number {
  let k = end;
  const skippable = new Set(["is", "was", "that", "thats", "s"]);
  let skipped = 0;
  while (T[k] && skippable.has(T[k]!.text) && skipped < 2 && !CLAUSE_BREAK.test(T[k]!.before)) {
    k++;
    skipped++;
  }
  if (skipped === 0 && !(T[end - 1]?.possessive || /,/.test(T[end]?.before ?? ""))) return -1;
  if (T[k]?.text !== "the" || CLAUSE_BREAK.test(T[k]!.before)) return -1;
  const word = T[k + 1];
  return word && STYLE_WORDS.has(word.text) && !CLAUSE_BREAK.test(word.before) ? k + 1 : -1;
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

function matchesAt(T: Token[], p: number, tokens: string[]): boolean {
  if (p + tokens.length > T.length) return false;
  for (let k = 0; k < tokens.length; k++) {
    const t = T[p + k]!;
    if (t.text !== tokens[k]) return false;
    // A name does not run across a sentence or a line break (a dot after an initial or "Dr" is not an end).
    if (k > 0 && endsSentence(t.before, T[p + k - 1]!)) return false;
    if (k < tokens.length - 1 && t.possessive) return false;
  }
  return true;
}

function endsSentence(before: string, prev: Token): boolean {
  if (/[!?;:\n]/.test(before)) return true;
  return before.includes(".") && prev.text.length > 3 && !prev.joined;
}

/** Index of the next "like" after "and"/"or" in the same sentence, or -1. */
function nextLikeInSentence(T: Token[], from: number): number {
  for (let k = from; k < T.length && k < from + 12; k++) {
    if (k > from && SENTENCE_END.test(T[k]!.before)) return -1;
    if (T[k]!.text === "like" && (T[k - 1]?.text === "and" || T[k - 1]?.text === "or")) return k;
  }
  return -1;
}

function triggerAt(T: Token[], i: number): PrefixTrigger | null {
  for (const t of triggersByFirst.get(T[i]!.text) ?? []) {
    let ok = i + t.tokens.length <= T.length;
    for (let k = 0; ok && k < t.tokens.length; k++) {
      if (T[i + k]!.text !== t.tokens[k]) ok = false;
      else if (k > 0 && CLAUSE_BREAK.test(T[i + k]!.before)) ok = false;
    }
    if (ok) return t;
  }
  return null;
}

/** "like X" is about style after a writing verb or a form noun ("write like X", "a joke like X"), or as "like X would" / "like a X joke". */
function likeCounts(T: Token[], i: number, nameEnd: number): boolean {
  const before = T[i - 1];
  if (before && (LIKE_LEADS.has(before.text) || FORM_NOUNS.has(before.text))) return true;
  if (before && LIKE_OBJECTS.has(before.text) && T[i - 2] && LIKE_LEADS.has(T[i - 2]!.text)) return true;
  const after = T[nameEnd];
  if (after && (LIKE_CONFIRMS.has(after.text) || FORM_NOUNS.has(after.text))) return true;
  return false;
}

/** Extends a span left over "a"/"an" so a rewrite can fix the article ("a Lynchian" → "an eerie"). */
function withArticle(T: Token[], s: number, e: number): [number, number] {
  const prev = T[s - 1];
  if (prev && (prev.text === "a" || prev.text === "an") && T[s]!.before.trim() === "") return [s - 1, e];
  return [s, e];
}

/** A capitalized word opening a sentence is weak evidence of a name: "King scenes need…". Only full names count there. */
function isSentenceStartName(T: Token[], i: number): boolean {
  return i === 0 || SENTENCE_END.test(T[i]!.before);
}

/** A small misspelling of a multi-word name (or a long surname) right after a trigger. */
function fuzzyAt(T: Token[], p: number, indexes: readonly CreatorIndex[], lengths = [3, 2, 1]): NameHit | null {
  for (const k of lengths) {
    if (p + k > T.length) continue;
    const words = T.slice(p, p + k);
    if (words.some((w, n) => n > 0 && PHRASE_BREAK.test(w.before))) continue;
    const text = words.map((w) => w.text).join(" ");
    if (k === 1 && (text.length < 7 || !words[0]!.capitalized)) continue;
    const limit = text.length <= 10 ? 1 : 2;
    const keys = new Set([`${k}:${words[0]!.text.slice(0, 2)}`, `${k}:${words[k - 1]!.text.slice(0, 2)}`]);
    let best: { d: number; creators: IndexedCreator[] } | null = null;
    for (const ix of indexes) {
      for (const key of keys) {
        for (const entry of ix.fuzzy.get(key) ?? []) {
          if (Math.abs(entry.text.length - text.length) > limit) continue;
          const d = distance(entry.text, text);
          if (d === 0 || d > (k === 1 ? 1 : limit)) continue;
          if (!best || d < best.d) best = { d, creators: [...entry.creators] };
          else if (d === best.d) best.creators.push(...entry.creators.filter((c) => !best!.creators.includes(c)));
        }
      }
    }
    if (best) return { end: p + k, candidates: best.creators, form: "fuzzy" };
  }
  return null;
}

export interface Mention {
  creator: IndexedCreator;
  start: number;
  end: number;
}

/**
 * Other places a creator is named in the text (any of their name forms, outside `skip`): once a prompt
 * is rewritten for a creator, the name must not reach the model elsewhere either ("Give it some Mamet:
 * write it like Mamet would").
 */
export function findMentions(text: string, creators: readonly IndexedCreator[], skip: ReadonlyArray<readonly [number, number]>): Mention[] {
  if (creators.length === 0) return [];
  const T = tokenize(text);
  const out: Mention[] = [];
  const inSkip = (t: Token) => skip.some(([a, b]) => t.start < b && t.end > a);
  for (let i = 0; i < T.length; i++) {
    if (inSkip(T[i]!)) continue;
    // "Mr. King, the landlord": someone in the story.
    if (i > 0 && TITLE_WORDS.has(T[i - 1]!.text) && T[i - 1]!.capitalized) continue;
    let found: { creator: IndexedCreator; end: number } | null = null;
    // One word inside a longer capitalized name ("Carole King") is part of that name.
    const inProperNoun = (i > 0 && T[i - 1]!.capitalized && T[i]!.before === " ") || continuesProperNoun(T, i + 1);
    for (const c of creators) {
      for (const form of c.forms) {
        if (form.length === 0 || (found && form.length <= found.end - i)) continue;
        if (!matchesAt(T, i, form)) continue;
        if (form.length === 1 && (!T[i]!.capitalized || inProperNoun)) continue;
        found = { creator: c, end: i + form.length };
      }
    }
    if (found) {
      out.push({ creator: found.creator, start: T[i]!.start, end: T[found.end - 1]!.end });
      i = found.end - 1;
    }
  }
  return out;
}
