/**
 * The creators list as lookup tables over folded tokens, built once at start-up:
 * - names: every full name, alias and pseudonym (and its initials run together: "jk rowling"), and
 *   every short form (surname), keyed by first token, longest first;
 * - joined: each full name without spaces ("stephenking"), for names typed letter by letter;
 * - adjectives: adjectival forms from the list plus derived ones (surname + esque / ian / ean / an);
 * - fuzzy: multi-word names bucketed by the first two letters of their first and last words, for small
 *   misspellings next to a trigger.
 */
import { COMMON_WORDS } from "./commonWords";
import type { CreatorRecord } from "./creatorSchema";
import { foldedTokens } from "./normalize";

export interface IndexedCreator {
  id: number;
  record: CreatorRecord;
  /** The folded name, as project lists are compared ("j k rowling"). */
  key: string;
  /** Every name form as folded token lists, to check that a rewrite leaks none of them. */
  forms: string[][];
  /** Signature elements (titles, characters, catchphrases), folded: computed when first needed (a rewrite). */
  signature(): string[][];
}

/** alias: a project's own alias (wins); full: a whole name; short: a surname or short form. */
export type FormKind = "alias" | "full" | "short";

export interface NameForm {
  tokens: string[];
  kind: FormKind;
  creators: IndexedCreator[];
  /** A short form or one-word name that is also an ordinary word: counts only when capitalized. */
  common: boolean;
}

export interface CreatorIndex {
  creators: IndexedCreator[];
  /** first token → forms starting with it, longest first. */
  byFirst: Map<string, NameForm[]>;
  joined: Map<string, IndexedCreator[]>;
  /** Adjectival forms in the list ("Gilbertian" for W. S. Gilbert). */
  adjectives: Map<string, IndexedCreator[]>;
  /** Adjectives derived from short forms, consulted when the list has none for the word. */
  derivedAdjectives: Map<string, IndexedCreator[]>;
  /** Multi-word full names and long surnames for misspelling lookups, by word count and the 2-letter prefix of the first or last word ("2:st"). */
  fuzzy: Map<string, FuzzyEntry[]>;
}

export interface FuzzyEntry {
  text: string;
  creators: IndexedCreator[];
}

/** Extra names for one check: a project's aliases (to creators of the list) and deny-listed names. */
export interface IndexAddition {
  record: CreatorRecord;
  /** For an alias: the creator of the main list it points to (its record is then not used). */
  target?: IndexedCreator;
  kind: FormKind;
}

const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);

/** The last word that is a surname: "Martin Luther King Jr." → "king". */
function defaultSurname(tokens: string[]): string | null {
  const t = [...tokens];
  while (t.length > 1 && SUFFIXES.has(t[t.length - 1]!)) t.pop();
  return t.length > 1 ? t[t.length - 1]! : null;
}

/** "j k rowling" → "jk rowling": initials are also written run together. */
function initialsJoined(tokens: string[]): string[] | null {
  const out: string[] = [];
  let changed = false;
  let prevSingle = false;
  for (const t of tokens) {
    const single = t.length === 1;
    if (single && prevSingle) {
      out[out.length - 1] += t;
      changed = true;
    } else out.push(t);
    prevSingle = single;
  }
  return changed ? out : null;
}

export function buildCreatorIndex(records: readonly CreatorRecord[], additions: readonly IndexAddition[] = []): CreatorIndex {
  const creators: IndexedCreator[] = [];
  const forms = new Map<string, NameForm>();
  const joined = new Map<string, IndexedCreator[]>();
  const adjectives = new Map<string, IndexedCreator[]>();
  const derivedAdjectives = new Map<string, IndexedCreator[]>();
  const fuzzy = new Map<string, FuzzyEntry[]>();
  const fuzzySeen = new Map<string, FuzzyEntry>();

  const addTo = <K>(map: Map<K, IndexedCreator[]>, key: K, id: IndexedCreator) => {
    const list = map.get(key);
    if (!list) map.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  };
  const addForm = (tokens: string[], kind: FormKind, id: IndexedCreator) => {
    if (tokens.length === 0) return;
    // "The Beatles": the article is optional where the name is used, so index without it.
    if (tokens.length > 1 && tokens[0] === "the") tokens = tokens.slice(1);
    const key = `${kind}:${tokens.join(" ")}`;
    let form = forms.get(key);
    if (!form) {
      form = { tokens, kind, creators: [], common: tokens.length === 1 && COMMON_WORDS.has(tokens[0]!) };
      forms.set(key, form);
    }
    if (!form.creators.includes(id)) form.creators.push(id);
  };

  const add = (record: CreatorRecord, target?: IndexedCreator, kindOfFull: FormKind = "full") => {
    const name = foldedTokens(record.name);
    const id: IndexedCreator = target ?? { id: creators.length, record, key: name.join(" "), forms: [], signature: lazySignature(record) };
    const aliases = (record.aliases ?? []).map(foldedTokens);
    const pseudonyms = (record.pseudonyms ?? []).map(foldedTokens);
    const full = [name, ...aliases, ...pseudonyms].filter((t) => t.length > 0);
    // Short forms come from the name people know, not from birth or pen names: Virginia Woolf is not
    // "Stephen", and Cornell Woolrich (pen name William Irish) is not "Irish".
    const known = [name].filter((t) => t.length > 0);
    // An alias adds only itself: the creator it points to brings their own short forms.
    const shorts = target ? [] : (record.surnames?.length ? record.surnames.map(foldedTokens) : record.type === "person" ? known.map(defaultSurname).filter((s): s is string => s !== null).map((s) => [s]) : []).filter(
      (t) => t.length > 0,
    );
    const all: string[][] = [];
    for (const t of full) {
      addForm(t, kindOfFull, id);
      all.push(t);
      const run = initialsJoined(t);
      if (run) {
        addForm(run, kindOfFull, id);
        all.push(run);
      }
      if (t.length > 1) addTo(joined, t.join(""), id);
      if (t.length > 1 || t[0]!.length >= 7) addFuzzy(fuzzy, fuzzySeen, t, id);
    }
    for (const s of shorts) {
      addForm(s, "short", id);
      all.push(s);
    }
    for (const a of record.adjectives ?? []) {
      const t = foldedTokens(a);
      if (t.length === 1) addTo(adjectives, t[0]!, id);
      all.push(t);
    }
    // Derived adjectives from distinctive one-word short forms: "kubrick" → "kubrickesque". Only "-esque":
    // derived "-ian"/"-an" forms are ordinary words too often ("Russian", "Christian", "human"); the list
    // carries the "-ian" forms in real use ("Lynchian", "Dickensian").
    for (const s of shorts) {
      if (s.length !== 1 || s[0]!.length < 4 || COMMON_WORDS.has(s[0]!)) continue;
      addTo(derivedAdjectives, `${s[0]!}esque`, id);
    }
    if (!target) {
      id.forms.push(...all);
      creators.push(id);
    }
  };
  for (const record of records) add(record);
  for (const a of additions) add(a.record, a.target, a.kind);

  const byFirst = new Map<string, NameForm[]>();
  for (const form of forms.values()) {
    pushTo(byFirst, form.tokens[0]!, form);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { creators, byFirst, joined, adjectives, derivedAdjectives, fuzzy };
}

function lazySignature(record: CreatorRecord): () => string[][] {
  let folded: string[][] | null = null;
  return () => (folded ??= (record.signature ?? []).map(foldedTokens).filter((t) => t.length > 0));
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addFuzzy(fuzzy: CreatorIndex["fuzzy"], seen: Map<string, FuzzyEntry>, tokens: string[], id: IndexedCreator): void {
  const text = tokens.join(" ");
  const existing = seen.get(text);
  if (existing) {
    if (!existing.creators.includes(id)) existing.creators.push(id);
    return;
  }
  const entry: FuzzyEntry = { text, creators: [id] };
  seen.set(text, entry);
  for (const key of new Set([tokens[0]!.slice(0, 2), tokens[tokens.length - 1]!.slice(0, 2)])) pushTo(fuzzy, `${tokens.length}:${key}`, entry);
}
