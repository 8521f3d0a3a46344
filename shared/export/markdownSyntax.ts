/**
 * The little Markdown syntax Cascade writes and reads back (see markdown.ts for the mapping): which
 * text lines must be escaped with a leading backslash so they are not read as a heading, a quote, a
 * list item, a rule, a fence, a comment or a dialogue line, and how to undo that.
 */

/** `**ANNA:** text` (or `**ANNA**: text`): a line of dialogue. */
export const MD_DIALOGUE = /^\*\*([^*\n]+?)(?::\*\*|\*\*:)(?:[ \t]+|$)/;
/** The mark `markGenerated` adds at the end of a line. */
export const MD_GENERATED_MARK = /[ \t]+\*\[(generated|generated, edited)\]\*$/;
/** A text that itself ends like a mark gets a backslash before its last "*" (one more if it had some). */
const MARK_LIKE_END = /\*\[(?:generated|generated, edited)\]\\*\*$/;

export function escapeEnd(text: string): string {
  return MARK_LIKE_END.test(text) ? `${text.slice(0, -1)}\\*` : text;
}

export function unescapeEnd(text: string): string {
  return MARK_LIKE_END.test(text) && text.endsWith("\\*") ? `${text.slice(0, -2)}*` : text;
}

const ESCAPED = /^\\[#>\-*+`=<_~\\]/;
const NEEDS_ESCAPE = [
  /^#/,
  /^>/,
  /^[-*+](?:[ \t]|$)/,
  /^[-*_](?:[ \t]*[-*_]){2,}[ \t]*$/,
  /^(?:=+|-+)[ \t]*$/,
  /^(?:```|~~~)/,
  /^<!--/,
  MD_DIALOGUE,
  ESCAPED,
];

/** A trimmed text line, with a backslash in front when it would otherwise be read as markup. */
export function escapeLine(line: string): string {
  return NEEDS_ESCAPE.some((re) => re.test(line)) ? `\\${line}` : line;
}

export function unescapeLine(line: string): string {
  return ESCAPED.test(line) ? line.slice(1) : line;
}

/** The text's lines, trimmed, with runs of blank lines made one (and none at either end). */
export function mdLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const l = raw.trim();
    if (l || (out.length && out[out.length - 1] !== "")) out.push(l);
  }
  while (out.length && out[out.length - 1] === "") out.pop();
  return out;
}
