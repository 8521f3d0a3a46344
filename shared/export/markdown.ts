/**
 * Markdown export. The mapping, which importMarkdown (shared/import/markdownImport.ts) reads back to
 * the same tree:
 *
 *   # <project title>
 *   <premise paragraphs>                  (whole-story export only)
 *   ## <beat title>
 *   <beat summary paragraphs>
 *   ### <scene title>
 *   > <scene card>                        the card is a block quote, so it cannot be taken for a line
 *   <a line of prose or action>           one paragraph per line
 *   **ANNA:** <a line of dialogue>        a line with a speaker
 *
 * Text lines that would read as markup (a leading "#", ">", "- ", "**X:**", a rule...) get a
 * backslash in front (markdownSyntax.ts), and so does the last "*" of a line that itself ends like a
 * generated mark. Leading and trailing spaces of each text line are not kept;
 * inside a line node, blank lines are dropped (a paragraph cannot hold them); empty action lines are
 * left out. With `markGenerated`, a generated or edited line ends with `*[generated]*` /
 * `*[generated, edited]*`. A subtree export keeps the same heading levels under the project title.
 */
import type { Project, StoryNode } from "../story/model";
import { nodesInScope } from "./scope";
import { escapeEnd, escapeLine, mdLines } from "./markdownSyntax";
import { GENERATED_MARKS, type ExportOptions } from "./types";

export function exportMarkdown(project: Project, opts: ExportOptions = {}): string {
  const blocks: string[] = [heading(1, project.title)];
  for (const { node } of nodesInScope(project, opts.nodeId)) {
    switch (node.level) {
      case "premise":
        blocks.push(paragraphs(node.text));
        break;
      case "beat":
        blocks.push(heading(2, node.title), paragraphs(node.text));
        break;
      case "scene":
        blocks.push(heading(3, node.title), quote(node.text));
        break;
      case "line":
        blocks.push(line(node, opts.markGenerated === true));
        break;
    }
  }
  return `${blocks.filter(Boolean).join("\n\n")}\n`;
}

function heading(level: number, title: string): string {
  let t = title.replace(/\s+/g, " ").trim();
  // A trailing "#" would be taken for the heading's closing sequence: add one to be taken instead.
  if (t.endsWith("#")) t += " #";
  return `${"#".repeat(level)} ${t}`.trimEnd();
}

function paragraphs(text: string): string {
  return mdLines(text)
    .map((l) => (l ? escapeLine(l) : ""))
    .join("\n");
}

function quote(text: string): string {
  return mdLines(text)
    .map((l) => (l ? `> ${escapeLine(l)}` : ">"))
    .join("\n");
}

function line(node: StoryNode, markGenerated: boolean): string {
  const lines = mdLines(node.text).filter(Boolean);
  const speaker = (node.speaker ?? "").replace(/[*\n]/g, " ").trim();
  const out = lines.map((l, i) => (i === 0 && speaker ? l : escapeLine(l)));
  if (speaker) out[0] = `**${speaker}:** ${out[0] ?? ""}`.trimEnd();
  if (!out.length) return "";
  out[out.length - 1] = escapeEnd(out[out.length - 1]!);
  if (markGenerated && node.origin !== "written") out[out.length - 1] += ` *${GENERATED_MARKS[node.origin]}*`;
  return out.join("\n");
}
