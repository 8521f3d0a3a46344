/**
 * The parts of a checked text the writer needs to see: a few lines around each match, never the
 * whole prompt (a prompt carries the bible and every ancestor), with each matched span as its own
 * piece so it can be highlighted and, in the rewrite view, shown as a diff (the words removed, the
 * words put in their place). Pure; tested in matchExcerpts.test.ts.
 *
 * Must hold: offsets are UTF-16 offsets into `original`, as the filter reports them (String.slice).
 */
import type { FilterMatch } from "../../../shared/filter/types";

export interface SpanPart {
  kind: "same" | "removed" | "inserted";
  text: string;
}

export type ExcerptPiece = { kind: "text"; text: string } | { kind: "match"; match: FilterMatch; parts: SpanPart[] };

export interface Excerpt {
  pieces: ExcerptPiece[];
  /** Text was left out before / after this excerpt (the view shows an ellipsis). */
  cutBefore: boolean;
  cutAfter: boolean;
}

/** Non-blank lines of context on each side, and at most this many characters of it. */
export const CONTEXT_LINES = 2;
export const CONTEXT_CHARS = 220;

interface Span {
  match: FilterMatch;
  start: number;
  end: number;
  /** Shown as a diff: the replaced region (which may reach past the span: "like X would"). */
  rewrite: boolean;
}

/** Excerpts around `matches`; with `diff`, each rewrite shows its replaced words struck and the new words inserted. */
export function matchExcerpts(original: string, matches: FilterMatch[], diff = false): Excerpt[] {
  const inText = (a: number, b: number) => a >= 0 && b <= original.length && a <= b;
  const spans: Span[] = matches
    .filter((m) => inText(m.start, m.end) && m.start < m.end)
    .map((match) => {
      const rewrite = diff && match.action === "rewrite" && match.replacement !== undefined && inText(match.replaceStart, match.replaceEnd);
      return rewrite
        ? { match, rewrite, start: Math.min(match.start, match.replaceStart), end: Math.max(match.end, match.replaceEnd) }
        : { match, rewrite, start: match.start, end: match.end };
    })
    .sort((a, b) => a.start - b.start);

  // Overlapping or touching windows become one excerpt, so nearby matches share their context.
  const groups: Array<{ from: number; to: number; spans: Span[] }> = [];
  for (const span of spans) {
    const last = groups[groups.length - 1];
    if (last && span.start < last.spans[last.spans.length - 1]!.end) continue; // nested in the previous span
    const from = contextStart(original, span.start);
    const to = contextEnd(original, span.end);
    if (last && from <= last.to) {
      last.to = Math.max(last.to, to);
      last.spans.push(span);
    } else groups.push({ from, to, spans: [span] });
  }
  return groups.map((g) => excerptOf(original, g.from, g.to, g.spans));
}

function excerptOf(original: string, from: number, to: number, spans: Span[]): Excerpt {
  const pieces: ExcerptPiece[] = [];
  let at = from;
  for (const s of spans) {
    if (s.start > at) pieces.push({ kind: "text", text: original.slice(at, s.start) });
    pieces.push({ kind: "match", match: s.match, parts: partsOf(original, s) });
    at = s.end;
  }
  if (to > at) pieces.push({ kind: "text", text: original.slice(at, to) });
  // Blank lines at the edges are only distance from text left out.
  const first = pieces[0];
  if (first?.kind === "text") first.text = first.text.replace(/^\s*\n/, "");
  const last = pieces[pieces.length - 1];
  if (last?.kind === "text") last.text = last.text.replace(/\n\s*$/, "");
  return {
    pieces: pieces.filter((p) => p.kind === "match" || p.text !== ""),
    cutBefore: original.slice(0, from).trim() !== "",
    cutAfter: original.slice(to).trim() !== "",
  };
}

function partsOf(original: string, s: Span): SpanPart[] {
  if (!s.rewrite) return [{ kind: "same", text: original.slice(s.start, s.end) }];
  const m = s.match;
  const parts: SpanPart[] = [
    { kind: "same", text: original.slice(s.start, m.replaceStart) },
    { kind: "removed", text: original.slice(m.replaceStart, m.replaceEnd) },
    { kind: "inserted", text: m.replacement! },
    { kind: "same", text: original.slice(m.replaceEnd, s.end) },
  ];
  return parts.filter((p) => p.text !== "");
}

/** Where the context before `at` begins: the start of its line and of CONTEXT_LINES non-blank lines above, within CONTEXT_CHARS. */
export function contextStart(text: string, at: number): number {
  let pos = text.lastIndexOf("\n", at - 1) + 1;
  for (let lines = 0; lines < CONTEXT_LINES && pos > 0; ) {
    const end = pos - 1;
    const start = end > 0 ? text.lastIndexOf("\n", end - 1) + 1 : 0;
    if (text.slice(start, end).trim()) lines++;
    pos = start;
  }
  if (at - pos <= CONTEXT_CHARS) return pos;
  // Too long: start mid-line, at a word boundary.
  const cut = at - CONTEXT_CHARS;
  const space = text.indexOf(" ", cut);
  return space >= 0 && space < at ? space + 1 : cut;
}

/** Where the context after `at` ends: the end of its line and of CONTEXT_LINES non-blank lines below, within CONTEXT_CHARS. */
export function contextEnd(text: string, at: number): number {
  const nl = text.indexOf("\n", at);
  let pos = nl < 0 ? text.length : nl;
  for (let lines = 0; lines < CONTEXT_LINES && pos < text.length; ) {
    const next = text.indexOf("\n", pos + 1);
    const end = next < 0 ? text.length : next;
    if (text.slice(pos + 1, end).trim()) lines++;
    pos = end;
  }
  if (pos - at <= CONTEXT_CHARS) return pos;
  const cut = at + CONTEXT_CHARS;
  const space = text.lastIndexOf(" ", cut);
  return space > at ? space : cut;
}
