/**
 * Fountain export (https://fountain.io/syntax), for screenplay projects first of all:
 *
 *   Title: <project title>            title page
 *   = <premise>                       the premise as synopses before the first section (whole story only)
 *   # <beat title>                    a beat is a section...
 *   = <beat summary>                  ...with its summary as synopses
 *   INT. KITCHEN - NIGHT              a scene's title is its heading (forced with "." when it is not INT./EXT./EST.)
 *   = <scene card>                    the card as synopses
 *   ANNA                              a line with a speaker: a character cue and the dialogue
 *   I know.
 *   Mara shuts the door.              a line without one: action (forced with "!" when it would read as something else)
 *   [[Kept alt: …]]                   every starred (kept, not rejected) alt, as a note after its node
 *
 * An untitled, empty beat or scene that comes first under its parent gets no section or heading (it
 * reads back as the untitled beat or scene an import puts such text in); other untitled scenes are
 * headed ".SCENE <n>".
 *
 * Every element is its own paragraph. A text's line breaks are kept: a blank line becomes a synopsis
 * "=" on its own, or "  " (Fountain's intentional empty line) inside dialogue and action. In a prose
 * project every line is action (prose has no speakers). Empty action lines are left out.
 * With `markGenerated`, a generated or edited line ends with a note `[[generated]]` / `[[generated, edited]]`.
 *
 * Fountain has no escapes for these, so they do not survive a round trip: `[[…]]` in a text (a note),
 * `/* … *\/` across texts (boneyard), a scene title ending in a scene number `#12#`.
 */
import type { Alt, Project, StoryNode } from "../story/model";
import { nodesInScope } from "./scope";
import { keptAlts } from "./keptAlts";
import { blockKind, noteText, oneLine, startsStructure, toCue, toSceneHeading } from "./fountainSyntax";
import { GENERATED_MARKS, type ExportOptions } from "./types";

export function exportFountain(project: Project, opts: ExportOptions = {}): string {
  const screenplay = project.settings.form === "screenplay";
  const blocks: string[] = [`Title: ${oneLine(project.title) || "Untitled"}`];
  let sceneNumber = 0;
  for (const { node } of nodesInScope(project, opts.nodeId)) {
    switch (node.level) {
      case "premise":
        blocks.push(...synopses(node.text));
        break;
      case "beat":
        if (!unmarked(project, node)) blocks.push(`# ${oneLine(node.title)}`.trimEnd(), ...synopses(node.text));
        break;
      case "scene":
        sceneNumber++;
        if (!unmarked(project, node)) blocks.push(toSceneHeading(node.title, `SCENE ${sceneNumber}`), ...synopses(node.text));
        break;
      case "line": {
        const block = lineBlock(node, screenplay, opts.markGenerated === true);
        if (block) blocks.push(block);
        break;
      }
    }
    blocks.push(...keptAltNotes(node));
  }
  return `${blocks.join("\n\n")}\n`;
}

/**
 * An untitled beat or scene with no text that comes first under its parent is written without a
 * section or heading: that is how the importer reads text before the first section or heading, so
 * an imported script exports again without invented headings.
 */
function unmarked(project: Project, node: StoryNode): boolean {
  const parent = node.parentId ? project.nodes[node.parentId] : undefined;
  return !node.title.trim() && !node.text.trim() && parent?.childIds[0] === node.id;
}

/** Text lines, trimmed at the end, without leading or trailing blank lines. */
function textLines(text: string): string[] {
  const t = text.replace(/\r\n?/g, "\n").trim();
  return t ? t.split("\n").map((l) => l.trimEnd()) : [];
}

/** One synopsis paragraph per line of the text; a blank line is an empty synopsis, so the breaks survive. */
function synopses(text: string): string[] {
  return textLines(text).map((l) => (l ? `= ${l.trim()}` : "="));
}

function lineBlock(node: StoryNode, screenplay: boolean, markGenerated: boolean): string | null {
  const lines = textLines(node.text).map((l) => (l === "" ? "  " : l));
  const mark = markGenerated && node.origin !== "written" ? `[${GENERATED_MARKS[node.origin]}]` : "";
  const speaker = screenplay ? (node.speaker ?? "").trim() : "";
  if (speaker) {
    const body = lines.length ? lines : ["  "];
    if (mark) body[body.length - 1] = `${body[body.length - 1]!.trim()} ${mark}`.trim();
    return [toCue(speaker), ...body].join("\n");
  }
  if (!lines.length) return null;
  if (mark) lines[lines.length - 1] = `${lines[lines.length - 1]!.trim()} ${mark}`.trim();
  // A "!" at the start of any action line is eaten by readers: double it. Then force the block if needed.
  const action = lines.map((l) => (/^\s*!(?! )/.test(l) ? `!${l}` : l));
  if (blockKind(action) !== "action" || startsStructure(action[0]!)) action[0] = `!${action[0]!}`;
  return action.join("\n");
}

function keptAltNotes(node: StoryNode): string[] {
  return keptAlts(node).map((a) => `[[Kept alt: ${noteText(altSummary(a))}]]`);
}

function altSummary(alt: Alt): string {
  const speaker = alt.speaker?.trim() ? `${alt.speaker.trim().toUpperCase()}: ` : "";
  const parts = [alt.title.trim(), `${speaker}${alt.text.trim()}`.trim()].filter(Boolean);
  return parts.join(" — ") || "(empty)";
}
