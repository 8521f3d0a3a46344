/**
 * The little Markdown syntax Cascade writes and reads back (see markdown.ts for the mapping): which
 * text lines must be escaped with a leading backslash so they are not read as a heading, a quote, a
 * list item, a rule, a fence, a comment or a dialogue line, and how to undo that.
 */

/** `**ANNA:** text` (or `**ANNA**: text`): a line of dialogue. */
export const MD_DIALOGUE = /^\*\*([^*\n]+?)(?::\*\*|\*\*:)(?:[ \t]+|$)/;
/** The mark `markGenerated` adds at the end of a line (after a space or tab; see `withoutGeneratedMark`). */
const MD_MARK_END = /\*\[(?:generated|generated, edited)\]\*$/;

/** The text without the generated mark at its end (and the spaces before it), or null when it has none. Linear. */
export function withoutGeneratedMark(text: string): string | null {
  const m = MD_MARK_END.exec(text);
  if (!m) return null;
  let end = m.index;
  if (end === 0 || !/[ \t]/.test(text[end - 1]!)) return null;
  while (end > 0 && /[ \t]/.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** A thematic break: three or more of one of "-", "*", "_", with spaces or tabs between (a linear check, not a regex). */
export function isRuleLine(line: string, indent = 0): boolean {
  let i = 0;
  while (i < indent && line[i] === " ") i++;
  const c = line[i];
  if (c !== "-" && c !== "*" && c !== "_") return false;
  let n = 0;
  for (; i < line.length; i++) {
    if (line[i] === c) n++;
    else if (line[i] !== " " && line[i] !== "\t") return false;
  }
  return n >= 3;
}
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
  (line: string) => isMixedRule(line),
  /^(?:=+|-+)[ \t]*$/,
  /^(?:```|~~~)/,
  /^<!--/,
  MD_DIALOGUE,
  ESCAPED,
];

/** A line of only "-", "*", "_" (at least three, any mix), spaces and tabs: escaped, as some readers take it for a rule. */
function isMixedRule(line: string): boolean {
  let n = 0;
  for (const c of line) {
    if (c === "-" || c === "*" || c === "_") n++;
    else if (c !== " " && c !== "\t") return false;
  }
  return n >= 3 && line[0] !== " " && line[0] !== "\t";
}

/** A trimmed text line, with a backslash in front when it would otherwise be read as markup. */
export function escapeLine(line: string): string {
  return NEEDS_ESCAPE.some((re) => (typeof re === "function" ? re(line) : re.test(line))) ? `\\${line}` : line;
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
