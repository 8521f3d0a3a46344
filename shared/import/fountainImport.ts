/**
 * Fountain import (https://fountain.io/syntax), with our own line-based reader (fountainSyntax.ts):
 *
 * - the title page's `Title:` is the project title (other title-page fields are named in the notes);
 *   the form is "screenplay";
 * - synopses (`= …`) before the first section or scene heading are the premise;
 * - every section (`#`, `##`, … any depth) is a beat; synopses right after it are its summary;
 * - every scene heading (INT./EXT./EST./I/E, or forced with ".") is a scene; synopses right after it
 *   are its card; a scene number `#12#` is dropped;
 * - a dialogue block (cue, parentheticals, dialogue) is one line: speaker = the cue as written without
 *   `@`/`^` ("ANNA (V.O.)"), text = the block's lines (parentheticals kept in place); dual dialogue `^`
 *   becomes consecutive lines; an action paragraph is one line without speaker (a forcing `!` removed);
 *   lyrics (`~`) are read as lines;
 * - skipped, each reported with its line: boneyard `/* … *\/`, notes `[[…]]` (also inside text),
 *   transitions, centred text, page breaks, synopses not right after a section or heading.
 *   The `[[generated]]` marks of our own export are removed quietly (counted in the notes);
 * - content before the first section goes into an untitled beat, text before any scene heading into an
 *   untitled scene (both noted). Sections, synopses and INT./EXT. headings written without a blank line
 *   after them are still read as such.
 *
 * Text input never throws. Empty, binary or unreadable input gives a premise-only project and the note
 * "Nothing in <file> could be read as a beat, scene or line."
 */
import { blockKind, FORCED_HEADING, isBlankLine, NOTE, readCue, SECTION, startsStructure, stripInlineNotes, SYNOPSIS } from "../export/fountainSyntax";
import { GENERATED_MARKS, type ImportOptions, type ImportResult } from "../export/types";
import { ImportBuilder, looksBinary, normalizeText, noteUndecodable, type BeatDraft, type SceneDraft } from "./importBuilder";

const TITLE_PAGE_START = /^\s*(?:title|credit|authors?|source|notes|draft ?date|date|contact|copyright|revisions?)\s*:/i;
/** The marks of `markGenerated` as a note holds them: "generated", "generated, edited". */
const MARKS: readonly string[] = Object.values(GENERATED_MARKS).map((m) => m.slice(1, -1));

interface Block {
  line: number;
  lines: string[];
}

export function importFountain(text: string, opts: ImportOptions): ImportResult {
  const b = new ImportBuilder("fountain", { beat: "section (#)", scene: "scene heading" });
  const fileName = opts.fallbackTitle;
  if (looksBinary(text)) {
    b.skip(1, text, "binary data: this is not a Fountain text file");
    return b.build({ title: "", form: "screenplay", fileName }, opts);
  }
  noteUndecodable(text, b);
  const lines = removeBoneyard(normalizeText(text).split("\n"), b);
  const { title, next } = readTitlePage(lines, b);
  let marks = 0;
  /** Strips inline notes, reporting them (our own generated marks are only counted). */
  const clean = (s: string, line: number): string =>
    stripInlineNotes(s, (all, inner) => {
      if (MARKS.includes(inner.trim())) marks++;
      else b.skip(line, all, "a note: notes are not imported");
    });
  let attach: "premise" | BeatDraft | SceneDraft | null = "premise";
  const synopsis = (s: string, line: number) => {
    if (attach === null) return b.skip(line, s, "a synopsis that does not follow a section or scene heading");
    if (attach === "premise") b.premise = b.premise ? `${b.premise}\n${s}` : s;
    else attach.text = attach.text ? `${attach.text}\n${s}` : s;
  };

  for (const block of splitBlocks(lines, next)) {
    const first = block.lines[0]!.trim();
    const kind = blockKind(block.lines);
    switch (kind) {
      case "section": {
        const [, hashes = "#", name = ""] = SECTION.exec(first) ?? [];
        if (hashes.length > 1) b.noteOnce("depth", `Sections of every depth (# and ## and deeper) were read as beats (first at line ${block.line}).`);
        attach = b.addBeat(name.trim());
        break;
      }
      case "scene": {
        const heading = FORCED_HEADING.exec(first)?.[1] ?? first;
        const numbered = withoutSceneNumber(heading);
        if (numbered !== null) b.noteOnce("scene-number", `Scene numbers (#12#) were dropped from scene headings (first at line ${block.line}).`);
        attach = b.addScene((numbered ?? heading).trim(), block.line);
        break;
      }
      case "synopsis":
        synopsis((SYNOPSIS.exec(first)?.[1] ?? "").trim(), block.line);
        break;
      case "dialogue": {
        const cue = readCue(first)!;
        if (cue.dual) b.noteOnce("dual", `Dual dialogue (^) was read as consecutive lines (first at line ${block.line}).`);
        const body = block.lines.slice(1).map((l) => (l === "  " ? "" : l.trim()));
        b.addLine(clean(body.join("\n"), block.line).trim(), block.line, cue.speaker);
        attach = null;
        break;
      }
      case "action":
      case "lyrics": {
        if (kind === "lyrics") b.noteOnce("lyrics", `Lyrics (~) were read as lines (first at line ${block.line}).`);
        const body = block.lines.map((l) => (l === "  " ? "" : l.replace(kind === "lyrics" ? /^(\s*)~/ : /^(\s*)!(?! )/, "$1").trimEnd()));
        const textOf = clean(body.join("\n"), block.line).trim();
        if (textOf) b.addLine(textOf, block.line);
        attach = null;
        break;
      }
      case "note": {
        const inner = (NOTE.exec(first)?.[1] ?? "").trim();
        if (MARKS.includes(inner)) marks++;
        else b.skip(block.line, first, "a note: notes are not imported");
        break;
      }
      case "transition":
        b.skip(block.line, first, "a transition: Cascade has no transitions");
        attach = null;
        break;
      case "centered":
        b.skip(block.line, block.lines.join(" "), "centred text: Cascade has no centred lines");
        attach = null;
        break;
      case "pagebreak":
        b.skip(block.line, first, "a page break");
        break;
    }
  }
  if (marks) b.note(`${marks} generated mark${marks === 1 ? "" : "s"} ([[generated]]) removed: imported text counts as written.`);
  return b.build({ title, form: "screenplay", fileName }, opts);
}

/** Blanks out `/* … *\/` (keeping line breaks, so line numbers hold) and reports each; an unclosed one is read as text. */
function removeBoneyard(lines: string[], b: ImportBuilder): string[] {
  const text = lines.join("\n");
  const out: string[] = [];
  let from = 0;
  let line = 1;
  for (;;) {
    const start = text.indexOf("/*", from);
    if (start < 0) break;
    line += countNewlines(text, from, start);
    const end = text.indexOf("*/", start + 2);
    if (end < 0) {
      b.note(`Line ${line}: a boneyard "/*" is never closed ("*/"); the text after it was read as usual.`);
      break;
    }
    const inside = text.slice(start, end + 2);
    b.skip(line, inside, "boneyard (/* … */): text set aside by the writer");
    out.push(text.slice(from, start), "\n".repeat(countNewlines(inside, 0, inside.length)));
    line += countNewlines(inside, 0, inside.length);
    from = end + 2;
  }
  out.push(text.slice(from));
  return out.join("").split("\n");
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** The title page at the top, if any: its Title (inline emphasis removed) and the index of the first line after it. */
function readTitlePage(lines: string[], b: ImportBuilder): { title: string; next: number } {
  let i = 0;
  while (i < lines.length && isBlankLine(lines[i]!)) i++;
  if (i >= lines.length || !TITLE_PAGE_START.test(lines[i]!)) {
    b.note("No title page: the title is the file name.");
    return { title: "", next: 0 };
  }
  const fields = new Map<string, string[]>();
  let key = "";
  for (; i < lines.length && !isBlankLine(lines[i]!); i++) {
    const line = lines[i]!;
    // "Key: value" (a key of letters, digits, _ and spaces), or an indented continuation line.
    const colon = line.indexOf(":");
    const name = colon < 0 ? "" : line.slice(0, colon).trim();
    const more = (line.startsWith("   ") || line.startsWith("\t")) && line.trim();
    if (more && key) fields.get(key)!.push(line.trim());
    else if (name && /^[\w ]+$/.test(name)) {
      const value = line.slice(colon + 1).trim();
      fields.set((key = name.toLowerCase()), value ? [value] : []);
    } else break;
  }
  const title = (fields.get("title") ?? []).join(" ").replace(/[*_]+(?=\S)|(?<=\S)[*_]+/g, "").trim();
  const others = [...fields.keys()].filter((k) => k !== "title");
  if (others.length) b.note(`Title page fields not imported: ${others.join(", ")}.`);
  if (!title) b.note("The title page has no Title: the title is the file name.");
  return { title, next: i };
}

/** Paragraphs from line `from` on, with leading sections, synopses and INT./EXT. headings split off their block. */
function splitBlocks(lines: string[], from: number): Block[] {
  const out: Block[] = [];
  let cur: Block | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlankLine(line)) cur = null;
    else if (cur) cur.lines.push(line);
    else out.push((cur = { line: i + 1, lines: [line] }));
  }
  const split: Block[] = [];
  for (const block of out) {
    const ls = block.lines;
    let k = 0;
    while (k < ls.length - 1 && startsStructure(ls[k]!) && !ls[k]!.trim().startsWith("!")) {
      split.push({ line: block.line + k, lines: [ls[k]!] });
      k++;
    }
    split.push({ line: block.line + k, lines: k ? ls.slice(k) : ls });
  }
  return split;
}

/** The heading without a trailing scene number ("INT. HALL #12#" → "INT. HALL"), or null when it has none. */
function withoutSceneNumber(heading: string): string | null {
  const t = heading.trimEnd();
  const open = t.lastIndexOf("#", t.length - 2);
  if (!t.endsWith("#") || open < 0 || !/^[\w.-]+$/.test(t.slice(open + 1, -1))) return null;
  return t.slice(0, open).trimEnd();
}
