/**
 * Final Draft (FDX) export: an XML document of `<FinalDraft DocumentType="Script" Template="No"
 * Version="5">` holding a `<Content>` of `<Paragraph Type="…">` elements with `<Text>` runs, and a
 * `<TitlePage>`. Written from the structure of Final Draft's own files as found in public FDX samples
 * and importers; no official schema is published.
 *
 * The mapping, in reading order:
 * - premise → not in the script: the title page holds the project title and the premise's text.
 * - beat → `Outline 1` paragraph with the beat's title (or "Beat N"), then a `Summary` paragraph per
 *   paragraph of its summary: Final Draft 12's outline elements, which are kept out of the printed
 *   script (an earlier Final Draft shows them as paragraphs of an unknown element).
 * - scene → `Scene Heading` paragraph with the scene's title (or "SCENE N"); the scene card's text goes
 *   in that paragraph's `<SceneProperties><Summary>` — the scene's summary in Final Draft's index cards
 *   and navigator, as Final Draft itself writes it — not into the script.
 * - line with a speaker → `Character` (no second cue when the same speaker goes on speaking), then its
 *   text line by line: a line wholly in parentheses ("(under her breath)") → `Parenthetical`, every
 *   other line → its own `Dialogue` paragraph (at least one). A line without a speaker (action,
 *   prose) → one `Action` paragraph per line of its text. Blank lines are dropped.
 * - `markGenerated` → a trailing `<Text Style="Italic">` run "[generated]" / "[generated, edited]" on
 *   lines the model wrote.
 *
 * Alternate Dialogue: Final Draft 10+ keeps several alternates for one dialogue paragraph and prints
 * only the current one. We could NOT find how an .fdx stores them: no public sample, importer or
 * document we searched shows the element. So this is a structure of our own, shaped like Final
 * Draft's (a child element of the paragraph holding further paragraph text), not a verified one:
 *
 *   <Paragraph Type="Dialogue"><Text>current line</Text>
 *     <Alternates><Alternate Origin="generated"><Text>a kept alt</Text></Alternate></Alternates>
 *   </Paragraph>
 *
 * Only Dialogue paragraphs carry it (Final Draft's alternates are alternate dialogue): a line's kept
 * alts (starred and not rejected: `keptAlts`, the rule every export uses) go on its last Dialogue
 * paragraph; an Action line's alts are not written. The element sits after the paragraph's `<Text>`
 * runs so readers that take a paragraph's direct `<Text>` children read only the current line. It is
 * on by default (alternates were asked for); pass `alternates: false` for a file with standard
 * elements only.
 *
 * Text is escaped (& < > " ') and characters XML 1.0 forbids (control characters other than tab, LF
 * and CR; unpaired surrogates; U+FFFE/U+FFFF) are dropped, with C1 controls. Pure: no DOM, no Node.
 */
import { nodePath } from "../alts/binder";
import type { Alt, Project, StoryNode } from "../story/model";
import { keptAlts } from "./keptAlts";
import { nodesInScope } from "./scope";
import { GENERATED_MARKS, type ExportOptions } from "./types";

export interface FdxOptions extends ExportOptions {
  /** Write each dialogue line's kept alts (starred, not rejected) in an `<Alternates>` element of its Dialogue paragraph (default true). */
  alternates?: boolean;
}

/** The FDX format version we write (the one most FDX samples and writers we found carry). */
export const FDX_VERSION = "5";

/** Paragraph types this exporter writes. */
export const FDX_PARAGRAPH_TYPES = ["Outline 1", "Summary", "Scene Heading", "Action", "Character", "Parenthetical", "Dialogue"] as const;
export type FdxParagraphType = (typeof FDX_PARAGRAPH_TYPES)[number];

/** The scope of `opts.nodeId` (the whole story by default) as an FDX document. */
export function exportFdx(project: Project, opts: FdxOptions = {}): string {
  const content: string[] = [];
  let premise: StoryNode | undefined;
  // The speaker of the last dialogue paragraph in this scene: their next line needs no new cue.
  let speaking: string | null = null;
  for (const { node } of nodesInScope(project, opts.nodeId)) {
    switch (node.level) {
      case "premise":
        premise = node;
        break;
      case "beat":
        speaking = null;
        content.push(paragraph("Outline 1", [text(oneLine(node.title) || lastPart(project, node))]));
        for (const p of paragraphsOf(node.text)) content.push(paragraph("Summary", [text(p)]));
        break;
      case "scene": {
        speaking = null;
        const summary = paragraphsOf(node.text);
        const props = summary.length ? [`<SceneProperties><Summary>${summary.map((p) => `<Paragraph>${text(p)}</Paragraph>`).join("")}</Summary></SceneProperties>`] : [];
        content.push(paragraph("Scene Heading", [...props, text(oneLine(node.title) || lastPart(project, node).toUpperCase())]));
        break;
      }
      case "line": {
        const speaker = oneLine(node.speaker ?? "");
        if (speaker) {
          if (speaking !== speaker) content.push(paragraph("Character", [text(speaker)]));
          content.push(...dialogue(node, opts));
          speaking = speaker;
        } else {
          const lines = paragraphsOf(node.text);
          if (!lines.length) lines.push("");
          lines.forEach((l, i) => content.push(paragraph("Action", [text(l), ...(i === lines.length - 1 ? mark(node, opts) : [])])));
          speaking = null;
        }
        break;
      }
    }
  }
  const titlePage = [project.title, ...(premise ? paragraphsOf(premise.text) : [])].map((t) => `      <Paragraph Alignment="Center">${text(t)}</Paragraph>`);
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>`,
    `<FinalDraft DocumentType="Script" Template="No" Version="${FDX_VERSION}">`,
    `  <Content>`,
    ...content.map((p) => `    ${p}`),
    `  </Content>`,
    `  <TitlePage>`,
    `    <Content>`,
    ...titlePage,
    `    </Content>`,
    `  </TitlePage>`,
    `</FinalDraft>`,
    "",
  ].join("\n");
}

/** Escapes text for XML element content and attribute values, dropping characters XML 1.0 cannot hold. */
export function escapeXml(s: string): string {
  return stripInvalidXml(s)
    .replace(/&/gu, "&amp;")
    .replace(/</gu, "&lt;")
    .replace(/>/gu, "&gt;")
    .replace(/"/gu, "&quot;")
    .replace(/'/gu, "&apos;");
}

/** Drops C0 controls other than tab/LF/CR, DEL and C1 controls, U+FFFE/U+FFFF and unpaired surrogates. */
export function stripInvalidXml(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu, "");
}

function paragraph(type: FdxParagraphType, children: string[]): string {
  return `<Paragraph Type="${type}">${children.join("")}</Paragraph>`;
}

function text(s: string, style?: string): string {
  return `<Text${style ? ` Style="${style}"` : ""}>${escapeXml(s)}</Text>`;
}

function mark(node: StoryNode, opts: ExportOptions): string[] {
  return opts.markGenerated && node.origin !== "written" ? [text(` ${GENERATED_MARKS[node.origin]}`, "Italic")] : [];
}

/** A dialogue line's paragraphs: parenthetical lines as `Parenthetical`, the rest as `Dialogue`; mark and alternates on the last Dialogue. */
function dialogue(node: StoryNode, opts: FdxOptions): string[] {
  const lines = paragraphsOf(node.text);
  const isParenthetical = (l: string) => /^\(.*\)$/u.test(l);
  let last = lines.length - 1;
  while (last >= 0 && isParenthetical(lines[last]!)) last--;
  const out: string[] = [];
  const closing = [...mark(node, opts), ...(opts.alternates !== false ? alternates(node) : [])];
  lines.forEach((l, i) => {
    if (isParenthetical(l)) out.push(paragraph("Parenthetical", [text(l)]));
    else out.push(paragraph("Dialogue", [text(l), ...(i === last ? closing : [])]));
  });
  // A cue needs its dialogue: an empty line (or parentheticals only) still gets one Dialogue paragraph.
  if (last < 0) out.push(paragraph("Dialogue", [text(""), ...closing]));
  return out;
}

function alternates(node: StoryNode): string[] {
  const kept = keptAlts(node);
  if (!kept.length) return [];
  return [`<Alternates>${kept.map(alternate).join("")}</Alternates>`];
}

function alternate(alt: Alt): string {
  const speaker = oneLine(alt.speaker ?? "");
  const attrs = `Origin="${alt.origin}"${speaker ? ` Character="${escapeXml(speaker)}"` : ""}`;
  return `<Alternate ${attrs}>${text(oneLine(alt.text))}</Alternate>`;
}

/** The node's position as a name: "Beat 2", "Scene 1". */
function lastPart(project: Project, node: StoryNode): string {
  return nodePath(project, node.id).split(" › ").at(-1) ?? "";
}

/** Text as one paragraph: characters XML cannot hold dropped, every run of whitespace made one space. */
function oneLine(s: string): string {
  return stripInvalidXml(s).replace(/\s+/gu, " ").trim();
}

/** Text as paragraphs: split at line breaks, blank ones dropped. */
function paragraphsOf(s: string): string[] {
  return s
    .split(/\r?\n|\r/u)
    .map(oneLine)
    .filter(Boolean);
}
