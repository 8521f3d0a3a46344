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
export const INLINE_NOTE = /\[\[(?!\[)([\s\S]+?)\]\]/g;
const PAGE_BREAK = /^={3,}$/;
/** A character cue: `@` forces one; otherwise a name with an upper-case letter and no lower-case one, then an optional (extension) and dual-dialogue `^`. */
const CUE = /^(?:@([^^()\n]+)|([^^()\n\p{Ll}]*\p{Lu}[^^()\n\p{Ll}]*))(\(.*\))?[ *_]*(\^)?$/u;

export function isBlankLine(line: string): boolean {
  return line !== "  " && line.trim() === "";
}

export interface Cue {
  /** The cue as written, without `@` and `^`: the name and any extension ("ANNA (V.O.)"). */
  speaker: string;
  dual: boolean;
}

/** The cue on a line, or null when the line cannot start dialogue. */
export function readCue(line: string): Cue | null {
  const t = line.trim();
  if (/^[!.>~=#[]/.test(t) || /^[0-9 _*]+(\(.*\))?[*_]*\^?$/.test(t)) return null;
  if (SCENE_HEADING.test(t) || TRANSITION.test(t) || /(?:BLACK|OUT)\.$/.test(t)) return null;
  const m = CUE.exec(t);
  if (!m) return null;
  const name = (m[1] ?? m[2] ?? "").trim();
  const speaker = `${name}${m[3] ? ` ${m[3]}` : ""}`.replace(/\s+/g, " ").trim();
  return speaker ? { speaker, dual: Boolean(m[4]) } : null;
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

/** A character cue: the name upper-cased (an extension in parentheses kept as written), forced with `@` when it would not read as a cue. */
export function toCue(speaker: string): string {
  const s = oneLine(speaker).replace(/^@/, "").replace(/\^$/, "").trim();
  const cue = s.replace(/^[^(]*/, (name) => name.toUpperCase());
  const read = readCue(cue);
  return read && !read.dual ? cue : `@${cue}`;
}

/** Whitespace runs (newlines included) as single spaces, trimmed. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** Text usable inside a `[[note]]`: one line, no brackets that would close it early. */
export function noteText(s: string): string {
  return oneLine(s).replace(/\[\[/g, "[ [").replace(/\]\]/g, "] ]");
}
