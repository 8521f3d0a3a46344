/**
 * How a block of Fountain text is read: one classifier shared by the exporter (to know when an action
 * paragraph or a character cue must be forced with `!` / `@`) and the importer (to read a file).
 *
 * A block is a run of lines between blank lines (a line of exactly two spaces is not blank: it is an
 * intentional empty line inside dialogue or action). The rules follow https://fountain.io/syntax and
 * the order in which fountain-js tries them, so what we write is read the same way by both (except
 * that a section or synopsis ending in " TO:" stays one here, where fountain-js takes it for a transition).
 */

export type BlockKind = "scene" | "centered" | "transition" | "dialogue" | "section" | "synopsis" | "note" | "lyrics" | "pagebreak" | "action";

/** INT. / EXT. / EST. / INT./EXT. / I/E followed by a space or a dot and more text. */
export const SCENE_HEADING = /^(?:(?:int|i)\.?\/(?:ext|e)|int|ext|est)[. ].+$/i;
/** A forced scene heading: a leading dot (not an ellipsis). */
export const FORCED_HEADING = /^\.(?!\.)(\S.*)$/;
const CENTERED = /^>.+<$/;
const TRANSITION = /^(?:(?:FADE (?:TO BLACK|OUT)|CUT TO BLACK)\.|.+ TO:)$/;
const FORCED_TRANSITION = /^>\s*(.+)$/;
export const SECTION = /^(#+) *(.*)$/;
export const SYNOPSIS = /^=(?!=) ?(.*)$/;
export const NOTE = /^\[\[(?!\[)(.+?)\]\]$/;
const PAGE_BREAK = /^={3,}$/;
const UPPER = /\p{Lu}/u;
/** A capital right after a lower-case letter: capitals that are part of the name ("McCLANE"). */
const INNER_CAPITAL = /\p{Ll}\p{Lu}/u;
const LOWER = /\p{Ll}/u;

export function isBlankLine(line: string): boolean {
  return line !== "  " && line.trim() === "";
}

export interface Cue {
  /** The cue as written, without `@` and `^`: the name and any extension ("ANNA (V.O.)"). */
  speaker: string;
  dual: boolean;
}

/**
 * The cue on a line, or null when the line cannot start dialogue. A cue is a name without `^()`, then
 * an optional (extension), then `*`/`_`/spaces and a dual-dialogue `^`. `@` forces a name of any case
 * (and wins over every other reading); otherwise the name needs an upper-case letter and no lower-case
 * one, and must not read as a scene heading or transition. Character tests only: linear on any input.
 */
export function readCue(line: string): Cue | null {
  const t = line.trim();
  const forced = t.startsWith("@");
  const dual = t.endsWith("^");
  const body = t.slice(forced ? 1 : 0, dual ? -1 : undefined);
  const open = body.indexOf("(");
  let name = body;
  let ext = "";
  if (open >= 0) {
    const close = body.lastIndexOf(")");
    if (close < open || !onlyChars(body, close + 1, body.length, " *_")) return null;
    name = body.slice(0, open);
    ext = body.slice(open, close + 1);
  }
  if (/[()^\n]/.test(name)) return null;
  if (!forced) {
    if (!UPPER.test(name) || LOWER.test(name) || /^[!.>~=#[]/.test(t)) return null;
    if (SCENE_HEADING.test(t) || TRANSITION.test(t) || t.endsWith("BLACK.") || t.endsWith("OUT.")) return null;
  }
  const speaker = `${name.trim()}${ext ? ` ${ext}` : ""}`.replace(/\s+/g, " ").trim();
  return name.trim() ? { speaker, dual } : null;
}

/** Whether s[from, to) holds only characters of `chars`. */
function onlyChars(s: string, from: number, to: number, chars: string): boolean {
  for (let i = from; i < to; i++) if (!chars.includes(s[i]!)) return false;
  return true;
}

/** Each `[[note]]` in `s` (found by indexOf: linear), passed to `found` (the note as written and its text) and removed. */
export function stripInlineNotes(s: string, found: (all: string, inner: string) => void): string {
  let out = "";
  let from = 0;
  let at = s.indexOf("[[");
  while (at >= 0) {
    if (s[at + 2] === "[") {
      at = s.indexOf("[[", at + 1);
      continue;
    }
    const end = s.indexOf("]]", at + 3);
    if (end < 0) break;
    found(s.slice(at, end + 2), s.slice(at + 2, end));
    out += s.slice(from, at);
    from = end + 2;
    at = s.indexOf("[[", from);
  }
  return out + s.slice(from);
}

/** What a block is. `lines` are the block's lines as written (the first one not blank). */
export function blockKind(lines: readonly string[]): BlockKind {
  const first = (lines[0] ?? "").trim();
  if (first.startsWith("!")) return "action";
  const single = lines.length === 1;
  // Marked elements first (the spec's forcing characters win over the "… TO:" transition rule).
  if (single && SECTION.test(first)) return "section";
  if (single && SYNOPSIS.test(first)) return "synopsis";
  if (single && (FORCED_HEADING.test(first) || SCENE_HEADING.test(first))) return "scene";
  if (lines.every((l) => CENTERED.test(l.trim()))) return "centered";
  if (single && (TRANSITION.test(first) || FORCED_TRANSITION.test(first))) return "transition";
  if (!single && readCue(first)) return "dialogue";
  if (single && NOTE.test(first)) return "note";
  if (lines.every((l) => /^\s*~(?! )/.test(l))) return "lyrics";
  if (single && PAGE_BREAK.test(first)) return "pagebreak";
  return "action";
}

/**
 * Whether a block starting with this line is split after it by a lenient reader: a section, a synopsis
 * or an INT./EXT. heading written without the blank line after it. The exporter forces such action.
 */
export function startsStructure(line: string): boolean {
  const t = line.trim();
  return SECTION.test(t) || (SYNOPSIS.test(t) && !PAGE_BREAK.test(t)) || SCENE_HEADING.test(t);
}

/** A scene heading Fountain reads as one: kept when it already is, else forced with a leading dot. */
export function toSceneHeading(title: string, fallback: string): string {
  const t = oneLine(title).replace(/^[\s.]+/, "");
  if (!t) return `.${fallback}`;
  return SCENE_HEADING.test(t) ? t : `.${t}`;
}

/**
 * A character cue, forced with `@` when it would not read as one. A name is upper-cased as cues
 * are by convention, unless its own capitals matter ("McCLANE", kept as written behind `@`). `(`, `)` and `^` are dropped
 * from the name, except for one well-formed (extension) at its end, so the cue reads back here and in
 * fountain-js.
 */
export function toCue(speaker: string): string {
  const s = oneLine(speaker).replace(/^@/, "");
  // The trailing (extensions): each "(…)" without parentheses or "^" inside, peeled off from the end.
  let cut = s.length;
  for (;;) {
    let end = cut;
    while (end > 0 && s[end - 1] === " ") end--;
    const open = s.lastIndexOf("(", end - 1);
    if (end === 0 || s[end - 1] !== ")" || open < 0 || /[)^]/.test(s.slice(open + 1, end - 1))) break;
    cut = open;
  }
  let name = oneLine(s.slice(0, cut).replace(/[()^]/g, " "));
  // Cues are upper case by convention ("Mara" → "MARA"); a name whose own capitals matter
  // (a capital right after a lower-case letter: "McCLANE", "DeShawn") is kept as written.
  if (!INNER_CAPITAL.test(name)) name = name.toUpperCase();
  const cue = oneLine(`${name} ${s.slice(cut)}`);
  const read = name ? readCue(cue) : null;
  return read && !read.dual && read.speaker === cue ? cue : `@${cue}`;
}

/** Whitespace runs (newlines included) as single spaces, trimmed. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** Text usable inside a `[[note]]`: one line, no brackets that would close it early. */
export function noteText(s: string): string {
  return oneLine(s).replace(/\[\[/g, "[ [").replace(/\]\]/g, "] ]");
}
