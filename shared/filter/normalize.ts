/**
 * Text as the filter reads it: folded for matching, with a map back to the writer's original text so
 * every match can be shown (and rewritten) exactly where it was typed.
 *
 * Folding removes what people (or adversaries) use to slip a name past a plain string match: zero-width
 * and bidi control characters, soft hyphens; accents (NFKD, marks dropped); case; compatibility forms
 * (full-width letters, ligatures); Cyrillic and Greek look-alike letters; and digits or symbols used as
 * letters inside a word ("T@rantino", "K1ng"). Tokens are runs of letters and digits; runs of three or
 * more single letters ("T a r a n t i n o", "T.a.r.a.n.t.i.n.o") are joined into one token, and a
 * possessive "'s" is folded into the word before it.
 */

/** Characters that render as nothing (or only reorder text): dropped before matching. Ranges of code points. */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5],
  [0x180b, 0x180f], // Mongolian variation selectors and vowel separator
  [0x200b, 0x200f], // zero-width space, joiners, LRM/RLM
  [0x202a, 0x202e], // bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // zero-width no-break space (BOM)
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f], // tag characters
];

function invisible(code: number): boolean {
  for (const [lo, hi] of INVISIBLE_RANGES) if (code >= lo && code <= hi) return true;
  return false;
}

/** Look-alike letters from other scripts, folded to the Latin letter they imitate. */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x", ѕ: "s", і: "i", ї: "i", ј: "j", һ: "h", ԁ: "d", ԛ: "q", ԝ: "w", ɡ: "g",
  А: "a", В: "b", Е: "e", Ё: "e", К: "k", М: "m", Н: "h", О: "o", Р: "p", С: "c", Т: "t", У: "y", Х: "x", Ѕ: "s", І: "i", Ї: "i", Ј: "j", Һ: "h",
  // Greek
  α: "a", β: "b", ε: "e", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", γ: "y",
  Α: "a", Β: "b", Ε: "e", Ζ: "z", Η: "h", Ι: "i", Κ: "k", Μ: "m", Ν: "n", Ο: "o", Ρ: "p", Τ: "t", Υ: "y", Χ: "x",
  // Latin letters NFKD leaves alone
  ß: "ss", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", ø: "o", Ø: "o", ł: "l", Ł: "l", đ: "d", Đ: "d", ð: "d", Ð: "d", þ: "th", Þ: "th", ı: "i", ŀ: "l",
  // Quotes and dashes
  "\u2019": "'", "\u2018": "'", "\u02BC": "'", "\u2032": "'", "`": "'", "\u00B4": "'",
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
};

/** Digits and symbols that stand in for letters inside a word. */
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };

const MARK = /\p{M}/u;
/** Printable ASCII that folds by case alone (a backtick folds to an apostrophe; tabs and newlines are fine). */
const ASCII = /^[\t\n\r\x20-\x5f\x61-\x7e]*$/;
const WORD_CHAR = /[a-z0-9]/;

export interface Folded {
  /** The folded text: lower-case ASCII letters and digits, with the original's separators kept as-is (folded). */
  text: string;
  /** For each UTF-16 unit of `text`: the original offset where the character it came from starts (null: offsets not kept). */
  start: number[] | null;
  /** …and where it ends (exclusive). */
  end: number[] | null;
}

/** Folds text for matching; with `offsets`, keeps where each folded character came from. */
export function fold(original: string, offsets = true): Folded {
  // Plain ASCII without offsets (the names folded for the index): only case to fold.
  if (!offsets && ASCII.test(original)) return { text: original.toLowerCase(), start: null, end: null };
  let text = "";
  const start: number[] | null = offsets ? [] : null;
  const end: number[] | null = offsets ? [] : null;
  let i = 0;
  for (const ch of original) {
    const from = i;
    i += ch.length;
    const code = ch.charCodeAt(0);
    if (code < 128 && ch !== "`") {
      // ASCII: nothing to fold but case (the common case, kept cheap).
      text += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      start?.push(from);
      end?.push(i);
      continue;
    }
    if (invisible(ch.codePointAt(0)!)) continue;
    const mapped = CONFUSABLES[ch] ?? ch;
    let out = "";
    for (const c of mapped.normalize("NFKD")) if (!MARK.test(c)) out += c;
    out = out.toLowerCase();
    // One offset per UTF-16 unit of the folded text (an emoji is two).
    for (let u = 0; u < out.length; u++) {
      start?.push(from);
      end?.push(i);
    }
    text += out;
  }
  return { text, start, end };
}

/** The folded form of a name or phrase as plain tokens ("J. K. Rowling" → "j k rowling"). */
export function foldedTokens(s: string): string[] {
  return tokensOf(s, fold(s, false)).map((t) => t.text);
}

export interface Token {
  /** Folded text of the token. */
  text: string;
  /** Offsets in the ORIGINAL text. */
  start: number;
  end: number;
  /** Whether the token's first letter was upper case in the original (names usually are). */
  capitalized: boolean;
  /** A possessive ('s or s') followed it; it is folded away. */
  possessive: boolean;
  /** The (folded) characters between this token and the previous one. */
  before: string;
  /** Several single letters joined ("T a r a n t i n o"). */
  joined: boolean;
}

interface Raw {
  text: string;
  fs: number;
  fe: number;
}

/** Splits folded text into raw word runs, with in-word digits and symbols read as letters. */
function rawRuns(f: Folded): Raw[] {
  const out: Raw[] = [];
  const t = f.text;
  let k = 0;
  while (k < t.length) {
    if (!isWordish(t, k)) {
      k++;
      continue;
    }
    const s = k;
    let word = "";
    while (k < t.length && isWordish(t, k)) {
      const c = t[k]!;
      word += WORD_CHAR.test(c) ? c : (LEET[c] ?? c);
      k++;
    }
    // Digits read as letters only inside a word with at least three letters ("K1ng", "T4rantino"), not in "1990" or "3pm".
    const letters = (word.match(/[a-z]/g)?.length ?? 0) >= 3;
    out.push({ text: letters ? word.replace(/[0-9]/g, (d) => LEET[d] ?? d) : t.slice(s, k), fs: s, fe: k });
  }
  return out;
}

/** An upper-case letter, including those with no lower-case form (mathematical bold 𝐊). */
const UPPER = /^\p{Lu}/u;

const isLetter = (code: number) => code >= 97 && code <= 122;

/** A letter or digit, or @/$ between letters ("T@rantino"). */
function isWordish(t: string, k: number): boolean {
  const code = t.charCodeAt(k);
  if (isLetter(code) || (code >= 48 && code <= 57)) return true;
  if (code === 64 || code === 36) return k > 0 && k + 1 < t.length && isLetter(t.charCodeAt(k - 1)) && isLetter(t.charCodeAt(k + 1));
  return false;
}

/** Tokens of a text with offsets into the original. */
export function tokenize(original: string): Token[] {
  return tokensOf(original, fold(original));
}

function tokensOf(original: string, f: Folded): Token[] {
  // Without offsets (folding names for the index), positions are in the folded text.
  const at = (k: number) => f.start?.[k] ?? k;
  const to = (k: number) => f.end?.[k] ?? k + 1;
  const raws = rawRuns(f);
  const tokens: Token[] = [];
  let prevEnd = 0;
  for (let r = 0; r < raws.length; r++) {
    const raw = raws[r]!;
    const before = f.text.slice(prevEnd, raw.fs);
    prevEnd = raw.fe;
    // A possessive: "'s" after a word, or a bare "'" after a word ending in s.
    const prev = tokens[tokens.length - 1];
    if (prev && raw.text === "s" && before === "'") {
      prev.possessive = true;
      prev.end = to(raw.fe - 1);
      continue;
    }
    const oStart = at(raw.fs);
    const firstOriginal = f.start ? original.slice(oStart, to(raw.fs)) : "";
    // "Dickens' style": a bare apostrophe after a word ending in s, not followed by a letter, is a possessive too.
    const bareApostrophe = raw.text.endsWith("s") && f.text[raw.fe] === "'" && !isWordish(f.text, raw.fe + 1);
    tokens.push({
      text: raw.text,
      start: oStart,
      end: to(bareApostrophe ? raw.fe : raw.fe - 1),
      capitalized: UPPER.test(firstOriginal),
      possessive: bareApostrophe,
      before,
      joined: false,
    });
  }
  return joinSpacedLetters(tokens);
}

/** Joins runs of 3+ single letters separated by one space, dot, hyphen, underscore or asterisk. */
function joinSpacedLetters(tokens: Token[]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (j < tokens.length && tokens[j]!.text.length === 1 && /[a-z]/.test(tokens[j]!.text) && (j === i || /^[ .\-_*]{1,2}$/.test(tokens[j]!.before))) j++;
    if (j - i >= 3) {
      const first = tokens[i]!;
      const last = tokens[j - 1]!;
      out.push({ ...first, text: tokens.slice(i, j).map((t) => t.text).join(""), end: last.end, possessive: last.possessive, joined: true });
      i = j;
    } else {
      out.push(tokens[i]!);
      i++;
    }
  }
  return out;
}
