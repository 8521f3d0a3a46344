/**
 * DOCX export (the docx library): the story as a manuscript.
 *
 * - Title page: the project title, the premise (when the whole story is exported) and an optional
 *   author line, centred; then a page break.
 * - Each beat is a chapter: a Heading 1 (its title, or "Chapter N") starting a new page. Its summary
 *   is printed only when nothing is written below it yet (it stands in for the chapter).
 * - Scenes are separated by a centred "#" scene break; a titled scene gets a Heading 2. A scene's card
 *   text is printed only when the scene has no lines yet.
 * - Lines are manuscript paragraphs: Times New Roman 12 pt, double spaced, first line indented half an
 *   inch. A screenplay line with a speaker reads "SPEAKER: text". A line's own line breaks (a
 *   parenthetical above the words, verse) are kept as breaks within its paragraph.
 * - Every string handed to the docx library (document properties included) has the characters XML 1.0
 *   forbids dropped first: the library writes them raw, and Word calls such a file damaged.
 * - `markGenerated` adds an italic grey run "[generated]" / "[generated, edited]" after model text.
 */
import { AlignmentType, Document, HeadingLevel, Packer, PageBreak, Paragraph, TextRun } from "docx";
import { nodePath } from "../../shared/alts/binder";
import { stripInvalidXml } from "../../shared/export/fdx";
import { nodesInScope } from "../../shared/export/scope";
import { GENERATED_MARKS, type ExportOptions } from "../../shared/export/types";
import type { Project, StoryNode } from "../../shared/story/model";

export interface DocxOptions extends ExportOptions {
  /** "by …" on the title page; no author line when absent. */
  author?: string;
}

const FONT = "Times New Roman";
/** Half-points: 12 pt. */
const SIZE = 24;
/** Twips (1/20 pt): 240 = single spacing, 480 = double. */
const DOUBLE = 480;
/** Twips: half an inch. */
const INDENT = 720;
/** The colour of the generated-text mark. */
export const MARK_COLOR = "808080";

/** The scope of `opts.nodeId` (the whole story by default) as a .docx file. */
export async function exportDocx(project: Project, opts: DocxOptions = {}): Promise<Uint8Array> {
  const body: Paragraph[] = [];
  let premise: StoryNode | undefined;
  let chapters = 0;
  let scenesInChapter = 0;
  for (const { node } of nodesInScope(project, opts.nodeId)) {
    switch (node.level) {
      case "premise":
        premise = node;
        break;
      case "beat":
        body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: chapters++ > 0, children: [new TextRun(oneLine(node.title) || chapterName(project, node))] }));
        scenesInChapter = 0;
        if (!node.childIds.length) body.push(...prose(node.text));
        break;
      case "scene":
        if (scenesInChapter++ > 0) body.push(sceneBreak());
        if (oneLine(node.title)) body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(oneLine(node.title))] }));
        if (!node.childIds.length) body.push(...prose(node.text));
        break;
      case "line":
        body.push(line(node, opts));
        break;
    }
  }
  const doc = new Document({
    title: stripInvalidXml(project.title),
    ...(opts.author ? { creator: stripInvalidXml(opts.author) } : {}),
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE }, paragraph: { spacing: { line: DOUBLE } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: "000000" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 2880, after: 720, line: DOUBLE } } },
        heading2: { run: { font: FONT, size: SIZE, smallCaps: true, bold: false, italics: false, color: "000000" }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240, line: DOUBLE } } },
      },
    },
    sections: [{ children: [...titlePage(project, premise, opts), ...body] }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

function titlePage(project: Project, premise: StoryNode | undefined, opts: DocxOptions): Paragraph[] {
  const centred = (text: string, extra: { bold?: boolean; italics?: boolean; size?: number } = {}, before = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before, line: DOUBLE }, children: [new TextRun({ text, ...extra })] });
  const out = [centred(oneLine(project.title) || "Untitled", { bold: true, size: 36 }, 4320)];
  for (const p of paragraphsOf(premise?.text ?? "")) out.push(centred(p, { italics: true }));
  if (opts.author?.trim()) out.push(centred(`by ${oneLine(opts.author)}`, {}, 480));
  out.push(new Paragraph({ children: [new PageBreak()] }));
  return out;
}

function line(node: StoryNode, opts: ExportOptions): Paragraph {
  const speaker = oneLine(node.speaker ?? "");
  const texts = textLines(node.text);
  if (speaker) texts[0] = `${speaker}: ${texts[0] ?? ""}`.trim();
  const runs = texts.map((t, i) => new TextRun(i === 0 ? { text: t } : { text: t, break: 1 }));
  if (opts.markGenerated && node.origin !== "written") runs.push(new TextRun({ text: ` ${GENERATED_MARKS[node.origin]}`, italics: true, color: MARK_COLOR }));
  return new Paragraph({ indent: { firstLine: INDENT }, children: runs });
}

function prose(text: string): Paragraph[] {
  return paragraphsOf(text).map((p) => new Paragraph({ indent: { firstLine: INDENT }, children: [new TextRun(p)] }));
}

function sceneBreak(): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun("#")] });
}

/** "Chapter 2" for the second beat of the story. */
function chapterName(project: Project, node: StoryNode): string {
  return nodePath(project, node.id).replace(/^Beat/u, "Chapter");
}

/** Text as one paragraph: characters a .docx (XML 1.0) cannot hold dropped, every run of whitespace made one space. */
function oneLine(s: string): string {
  return stripInvalidXml(s).replace(/\s+/gu, " ").trim();
}

/** A line's text as its lines (characters XML cannot hold dropped, spaces collapsed within each), blank ones at the ends dropped. */
function textLines(s: string): string[] {
  const lines = s.split(/\r?\n|\r/u).map(oneLine);
  while (lines.length && !lines[0]) lines.shift();
  while (lines.length && !lines.at(-1)) lines.pop();
  return lines.length ? lines : [""];
}

function paragraphsOf(s: string): string[] {
  return s
    .split(/\r?\n|\r/u)
    .map(oneLine)
    .filter(Boolean);
}
