import { describe, expect, it } from "vitest";
import type { FilterMatch } from "../../../shared/filter/types";
import { CONTEXT_CHARS, matchExcerpts, type Excerpt } from "./matchExcerpts";

const SPAN = "in the style of Quentin Tarantino";
const PROMPT = [
  "You are a skilled co-writer developing a story top-down.",
  "",
  "Outline beats are the major turns of the story, in order.",
  "",
  "PREMISE",
  `A heist crew falls apart, told ${SPAN}.`,
  "",
  "Write 6 outline beats.",
  "",
  "Answer as JSON.",
  "",
  "A closing line far below.",
].join("\n");

const at = PROMPT.indexOf(SPAN);
const tarantino: FilterMatch = {
  name: "Quentin Tarantino",
  start: at,
  end: at + SPAN.length,
  matched: SPAN,
  nameStart: at + 16,
  nameEnd: at + SPAN.length,
  replaceStart: at,
  replaceEnd: at + SPAN.length,
  status: "protected",
  reason: "Quentin Tarantino, b. 1963 — living — protected",
  action: "rewrite",
  replacement: "in a stylized, violent and dialogue-heavy style",
};

/** The excerpt as plain text, with [marks], -removed- and +inserted+ words. */
function flat(e: Excerpt): string {
  const body = e.pieces
    .map((p) => (p.kind === "text" ? p.text : `[${p.parts.map((x) => (x.kind === "removed" ? `-${x.text}-` : x.kind === "inserted" ? `+${x.text}+` : x.text)).join("")}]`))
    .join("");
  return `${e.cutBefore ? "…" : ""}${body}${e.cutAfter ? "…" : ""}`;
}

describe("matchExcerpts", () => {
  it("shows a few lines around the match, not the whole prompt, with the span marked", () => {
    const [e, more] = matchExcerpts(PROMPT, [tarantino]);
    expect(more).toBeUndefined();
    expect(flat(e!)).toBe(
      `…Outline beats are the major turns of the story, in order.\n\nPREMISE\nA heist crew falls apart, told [${SPAN}].\n\nWrite 6 outline beats.\n\nAnswer as JSON.…`,
    );
  });

  it("shows a rewrite as the struck span and the inserted words", () => {
    const [e] = matchExcerpts(PROMPT, [tarantino], true);
    expect(flat(e!)).toContain(`told [-${SPAN}-+${tarantino.replacement}+].`);
    // Without the diff (the original, after Undo) the span is only marked.
    expect(flat(matchExcerpts(PROMPT, [tarantino])[0]!)).toContain(`told [${SPAN}].`);
  });

  it("strikes only the replaced part of a span, and reaches past it where the rewrite does", () => {
    // Real filter output: the span is "Seinfeld's voice", the rewrite replaces "Seinfeld's" alone.
    const text = "Tell it in Seinfeld's voice, please.";
    const possessive = { ...tarantino, start: 11, end: 27, matched: "Seinfeld's voice", replaceStart: 11, replaceEnd: 21, replacement: "an observational, precise, finicky" };
    expect(flat(matchExcerpts(text, [possessive], true)[0]!)).toBe("Tell it in [-Seinfeld's-+an observational, precise, finicky+ voice], please.");
    const would = "Write like Jerry Seinfeld would, then stop.";
    const like = { ...tarantino, start: 0, end: 25, matched: "Write like Jerry Seinfeld", replaceStart: 0, replaceEnd: 31, replacement: "Write in a finicky style" };
    expect(flat(matchExcerpts(would, [like], true)[0]!)).toBe("[-Write like Jerry Seinfeld would-+Write in a finicky style+], then stop.");
  });

  it("merges nearby matches into one excerpt and keeps distant ones apart", () => {
    const text = "in the style of Jane Austen and in the style of Quentin Tarantino\n" + "filler line\n".repeat(10) + SPAN;
    const m = (start: number, matched: string): FilterMatch => ({ ...tarantino, start, end: start + matched.length, matched, replaceStart: start, replaceEnd: start + matched.length });
    const austen = m(0, "in the style of Jane Austen");
    const near = m(text.indexOf(SPAN), SPAN);
    const far = m(text.lastIndexOf(SPAN), SPAN);
    const excerpts = matchExcerpts(text, [far, austen, near]);
    expect(excerpts).toHaveLength(2);
    expect(excerpts[0]!.pieces.filter((p) => p.kind === "match")).toHaveLength(2);
    expect(excerpts[0]!.cutBefore).toBe(false);
    expect(excerpts[1]!.cutAfter).toBe(false);
  });

  it("cuts a very long line at a word boundary, within the character budget", () => {
    const words = "word ".repeat(200);
    const text = `${words}${SPAN} ${words}`;
    const start = words.length;
    const [e] = matchExcerpts(text, [{ ...tarantino, start, end: start + SPAN.length }]);
    const shown = flat(e!);
    expect(e!.cutBefore && e!.cutAfter).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(2 * CONTEXT_CHARS + SPAN.length + 4);
    expect(shown).toMatch(/^…word /);
    expect(shown).toMatch(/ word…$/);
  });

  it("counts offsets in UTF-16 code units, as the filter does", () => {
    const text = `😀 “Quoted” ${SPAN}`;
    const start = text.indexOf(SPAN);
    const [e] = matchExcerpts(text, [{ ...tarantino, start, end: start + SPAN.length }]);
    expect(flat(e!)).toBe(`😀 “Quoted” [${SPAN}]`);
  });
});
