/**
 * Markdown outline import: reads back what exportMarkdown writes (see markdown.ts for the mapping) and
 * any outline written by hand the same way.
 *
 * - `# Title` is the project title when it is the only `#` heading (else the front matter's `title:`,
 *   else the file name); with several `#` headings there is no title heading: `#` are beats, `##` scenes;
 * - text before the first beat heading is the premise; `##` headings are beats and the paragraphs
 *   under one (before its first scene) its summary; `###` headings are scenes, a block quote right
 *   under one its card, and every paragraph after that a line (`**ANNA:** text` is dialogue: a line
 *   with speaker ANNA); each item of a bullet list under a scene is a line too;
 * - a file without beat or scene headings: its first paragraph is the premise, the others are lines;
 * - a scene heading before any beat heading goes into an untitled beat, a line before any scene heading
 *   into an untitled scene; deeper headings (`####`) are read as lines; all noted with line numbers;
 * - skipped and reported: code blocks, HTML comments; rules (`---`) are dropped silently;
 *   our own `*[generated]*` marks are removed (counted in the notes): imported text counts as written;
 * - the form is "screenplay" when a line has a speaker or a scene title is an INT./EXT. heading.
 *
 * A subtree export reads back as a project with the same title, an empty premise, and the subtree
 * under it (a scene's in an untitled beat, a line's as the premise). Text input never throws; empty or
 * binary input gives a premise-only project and the note "Nothing in <file> could be read as …".
 */
import { SCENE_HEADING } from "../export/fountainSyntax";
import { isRuleLine, MD_DIALOGUE, unescapeEnd, unescapeLine, withoutGeneratedMark } from "../export/markdownSyntax";
import type { ImportOptions, ImportResult } from "../export/types";
import { ImportBuilder, looksBinary, normalizeText, noteUndecodable } from "./importBuilder";

type El =
  | { kind: "heading"; line: number; depth: number; text: string }
  | { kind: "para" | "quote"; line: number; lines: string[] }
  | { kind: "list"; line: number; items: { line: number; lines: string[] }[] };

export function importMarkdown(text: string, opts: ImportOptions): ImportResult {
  const b = new ImportBuilder("md", { beat: "beat heading (##)", scene: "scene heading (###)" });
  const fileName = opts.fallbackTitle;
  if (looksBinary(text)) {
    b.skip(1, text, "binary data: this is not a Markdown text file");
    return b.build({ title: "", form: "prose", fileName }, opts);
  }
  noteUndecodable(text, b);
  const { els, frontTitle } = tokenize(normalizeText(text).split("\n"), b);
  const h1 = els.filter((e) => e.kind === "heading" && e.depth === 1).length;
  const depth = h1 === 1 ? { title: 1, beat: 2, scene: 3 } : h1 > 1 ? { title: 0, beat: 1, scene: 2 } : { title: 0, beat: 2, scene: 3 };
  // No beat or scene headings at all: the first paragraph is the premise and the rest are lines.
  const flat = !els.some((e) => e.kind === "heading" && (e.depth === depth.beat || e.depth === depth.scene));
  if (h1 > 1) b.note("Several # headings: they were read as beats, and ## headings as scenes.");
  let title = "";
  let marks = 0;
  const lineText = (lines: string[]): { text: string; speaker?: string } => {
    const m = MD_DIALOGUE.exec(lines[0]!);
    const rest = lines.slice(1).map(unescapeLine);
    const body = m ? [lines[0]!.slice(m[0].length), ...rest] : [unescapeLine(lines[0]!), ...rest];
    let joined = body.join("\n");
    const unmarked = withoutGeneratedMark(joined);
    if (unmarked !== null) {
      marks++;
      joined = unmarked;
    } else joined = unescapeEnd(joined);
    return m ? { text: joined.trim(), speaker: m[1]!.trim() } : { text: joined.trim() };
  };
  const append = (to: string, part: string) => (to && part ? `${to}\n\n${part}` : to || part);

  for (const el of els) {
    if (el.kind === "heading") {
      if (el.depth === depth.title) {
        if (b.beats.length) b.note(`Line ${el.line}: the title heading comes after the first beat.`);
        title = el.text;
      } else if (el.depth === depth.beat) b.addBeat(el.text);
      else if (el.depth === depth.scene) b.addScene(el.text, el.line);
      else {
        b.noteCount("deep-heading", el.line, (n, first) =>
          n === 1 ? `Line ${first}: a heading deeper than a scene heading was read as a line.` : `${n} headings deeper than a scene heading were read as lines (first at line ${first}).`,
        );
        b.addLine(el.text, el.line);
      }
      continue;
    }
    const scene = b.scene;
    const beat = b.beat;
    const dialogue = el.kind === "para" && MD_DIALOGUE.test(el.lines[0]!);
    if (scene || dialogue || (flat && b.premise)) {
      if (el.kind === "quote" && scene && !scene.lines.length) scene.text = append(scene.text, unescaped(el.lines));
      else if (el.kind === "list") for (const item of el.items) add(b, lineText(item.lines), item.line);
      else {
        if (el.kind === "quote" && scene)
          b.noteCount("late-quote", el.line, (n, first) =>
            n === 1 ? `Line ${first}: a quote after the scene's lines was read as a line.` : `${n} quotes after a scene's lines were read as lines (first at line ${first}).`,
          );
        add(b, lineText(el.lines), el.line);
      }
    } else {
      const raw = el.kind === "list" ? el.items.map((i) => `- ${i.lines.join("\n")}`).join("\n") : unescaped(el.lines);
      if (beat) beat.text = append(beat.text, raw);
      else b.premise = append(b.premise, raw);
    }
  }
  if (!title && frontTitle) title = frontTitle;
  else if (!title) b.note("No # title heading: the title is the file name.");
  if (marks) b.note(`${marks} generated mark${marks === 1 ? "" : "s"} (*[generated]*) removed: imported text counts as written.`);
  const screenplay = b.beats.some((bt) => bt.scenes.some((s) => SCENE_HEADING.test(s.title.trim()) || s.lines.some((l) => l.speaker)));
  return b.build({ title, form: screenplay ? "screenplay" : "prose", fileName }, opts);
}

function add(b: ImportBuilder, line: { text: string; speaker?: string }, at: number): void {
  if (line.text || line.speaker) b.addLine(line.text, at, line.speaker);
}

function unescaped(lines: string[]): string {
  return lines.map(unescapeLine).join("\n").trim();
}

const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const FENCE = /^ {0,3}(```|~~~)/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;

/** Block elements, line by line (a small CommonMark subset: ATX and setext headings, quotes, bullets, fences, comments). */
function tokenize(lines: string[], b: ImportBuilder): { els: El[]; frontTitle: string } {
  const els: El[] = [];
  let cur: El | null = null;
  let frontTitle = "";
  const unclosed = new Set<string>();
  let i = 0;
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((l, k) => k > 0 && /^(?:---|\.\.\.)\s*$/.test(l));
    if (end > 0) {
      const t = lines.slice(1, end).find((l) => /^title\s*:/i.test(l));
      frontTitle = t ? t.replace(/^title\s*:\s*/i, "").replace(/^(["'])(.*)\1$/, "$2").trim() : "";
      b.note(`Front matter (lines 1–${end + 1}): only its title was read.`);
      i = end + 1;
    }
  }
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    const n = i + 1;
    /** The next line from here matching `re` (-1: none; remembered, so unclosed fences and comments cost one scan). */
    const closeAt = (re: RegExp) => {
      if (unclosed.has(re.source)) return -1;
      for (let k = i + 1; k < lines.length; k++) if (re.test(lines[k]!)) return k;
      unclosed.add(re.source);
      return -1;
    };
    if (!line) {
      cur = null;
      continue;
    }
    const fence = FENCE.exec(raw);
    if (fence) {
      const end = closeAt(new RegExp(`^ {0,3}${fence[1]}`));
      if (end > 0) {
        b.skip(n, lines.slice(i + 1, end).join(" ") || line, "a code block");
        i = end;
        cur = null;
        continue;
      }
    }
    if (line.startsWith("<!--") && !cur) {
      const end = line.includes("-->") ? i : closeAt(/-->/);
      if (end >= 0) {
        b.skip(n, lines.slice(i, end + 1).join(" "), "an HTML comment");
        i = end;
        continue;
      }
    }
    const atx = ATX.exec(raw);
    const setext = cur?.kind === "para" ? /^ {0,3}(=+|-+)[ \t]*$/.exec(raw) : null;
    if (atx) {
      els.push({ kind: "heading", line: n, depth: atx[1]!.length, text: withoutClosingHashes(atx[2]!.trim()) });
      cur = null;
    } else if (setext && cur?.kind === "para") {
      els[els.length - 1] = { kind: "heading", line: cur.line, depth: setext[1]!.startsWith("=") ? 1 : 2, text: cur.lines.join(" ") };
      cur = null;
    } else if (isRuleLine(raw, 3)) cur = null;
    else if (QUOTE.test(raw)) {
      const inner = QUOTE.exec(raw)![1]!.trim();
      if (cur?.kind === "quote") cur.lines.push(inner);
      else els.push((cur = { kind: "quote", line: n, lines: [inner] }));
    } else if (BULLET.test(raw)) {
      const item = { line: n, lines: [BULLET.exec(raw)![1]!.trim()] };
      if (cur?.kind === "list") cur.items.push(item);
      else els.push((cur = { kind: "list", line: n, items: [item] }));
    } else if (cur?.kind === "list") cur.items[cur.items.length - 1]!.lines.push(line);
    else if (cur) cur.lines.push(line);
    else els.push((cur = { kind: "para", line: n, lines: [line] }));
  }
  return { els, frontTitle };
}

/** An ATX heading's text without its closing "#"s ("Title ##" → "Title"; "C#" stays). A loop: linear. */
function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  if (end === text.length || (end > 0 && text[end - 1] !== " " && text[end - 1] !== "\t")) return text;
  return text.slice(0, end).trim();
}
