/**
 * Prompt assembly for alts: "write ONE alternative version of this node" (same level, same place in
 * the story), and step 1 of the "one unusual thing" mode: "name one surprising element".
 *
 * Must hold: like assemble.ts, the prompt's size is bounded by a token budget that does not grow with
 * the story: the bible, the chain of ancestors (at most three), the node's two neighbours, the node's
 * current text, the writer's angle and the unusual element, each clipped to its own share.
 */
import { getNode, type Form, type Level, type Project, type StoryNode } from "../story/model";
import { bibleSection, clip, describe, estimateTokens, heading, neighbours, PROMPT_BUDGET, type AssembledPrompt } from "./assemble";
import { itemSchema } from "./outputSchema";
import { LEVEL_GUIDE, ROLE } from "./templates";

export interface AltPromptOptions {
  /** The writer's steer for this batch ("darker", "make the landlord the butt of the joke"). */
  angle?: string;
  /** "One unusual thing" mode, step 2: the surprising element to build the alt around. */
  unusualElement?: string;
}

/** Longest unusual element (characters), as the step-1 schema allows. */
export const UNUSUAL_ELEMENT_MAX = 80;

/** The step-1 schema: `{ "element": "…" }`. */
export const UNUSUAL_ELEMENT_SCHEMA = {
  type: "object",
  properties: { element: { type: "string", maxLength: UNUSUAL_ELEMENT_MAX } },
} as const;

/** An upper bound on `estimatedTokens` of any alt prompt, whatever the story's size. */
export const ALT_PROMPT_TOKEN_CEILING =
  PROMPT_BUDGET.bible +
  4 * PROMPT_BUDGET.ancestor + // three ancestors and the node's current text
  2 * PROMPT_BUDGET.neighbour +
  PROMPT_BUDGET.angle +
  Math.ceil(UNUSUAL_ELEMENT_MAX / 4) +
  400; // role, level guide, task sentence, labels

const PREMISE_GUIDE = "A premise says in a few sentences who the story is about, what they want, what stands in the way, and what makes it this story and no other.";

const NOUN: Record<Level, string> = { premise: "premise", beat: "outline beat", scene: "scene", line: "line" };

/** The prompt for ONE alternative version of `nodeId`. */
export function assembleAltPrompt(project: Project, nodeId: string, opts: AltPromptOptions = {}): AssembledPrompt {
  const node = getNode(project, nodeId);
  const form = project.settings.form;
  const parts = contextParts(project, node, opts.angle);
  const element = opts.unusualElement?.trim();
  if (element) parts.push(`UNUSUAL ELEMENT: build it around this one surprising element: ${clip(element, Math.ceil(UNUSUAL_ELEMENT_MAX / 4))}`);
  const noun = NOUN[node.level];
  const where = node.level === "premise" ? "" : " It takes the same place in the story: it follows what comes before and leads into what comes after.";
  const straight = element ? " Apart from that element, write it straight and plainly." : "";
  parts.push(`Write ONE alternative version of this ${noun}: a different take than the current one.${where}${straight} Answer as JSON: ${shape(node.level, form)}`);
  return finish(systemFor(node.level, form), parts);
}

/** Step 1 of "one unusual thing": asks for one surprising, specific element for an alt of `nodeId`. */
export function unusualElementPrompt(project: Project, nodeId: string, opts: { angle?: string } = {}): AssembledPrompt {
  const node = getNode(project, nodeId);
  const parts = contextParts(project, node, opts.angle);
  parts.push(
    `Name ONE surprising, specific element (an object, a habit, a place, a coincidence, a reversal) that an unusual new version of this ${NOUN[node.level]} could be built around. ` +
      `A few words, not a sentence. Answer as JSON: {"element":"..."}`,
  );
  return finish(systemFor(node.level, project.settings.form), parts);
}

/** The JSON schema of one alt of a node at `level`. */
export function altOutputSchema(level: Level, form: Form): object {
  return itemSchema(level, form);
}

/** The element from a finished step-1 output, or null. */
export function parseUnusualElement(raw: string): string | null {
  try {
    const el = (JSON.parse(raw) as { element?: unknown } | null)?.element;
    return typeof el === "string" && el.trim() ? el.trim() : null;
  } catch {
    return null;
  }
}

function contextParts(project: Project, node: StoryNode, angle: string | undefined): string[] {
  const parts: string[] = [];
  const bible = bibleSection(project);
  if (bible) parts.push(bible);
  if (node.level === "premise") {
    parts.push(`BRAINDUMP (the premise as it stands; write a different take on it)\n${clip(node.text, PROMPT_BUDGET.ancestor) || "(empty)"}`);
  } else {
    // Ancestors from the premise down to the parent: at most premise, beat, scene.
    const chain: StoryNode[] = [];
    for (let cur = node.parentId ? project.nodes[node.parentId] : undefined; cur; cur = cur.parentId ? project.nodes[cur.parentId] : undefined) chain.unshift(cur);
    for (const a of chain) parts.push(`${heading(project, a)}\n${clip(describe(a), PROMPT_BUDGET.ancestor)}`);
    const [prev, next] = neighbours(project, node);
    if (prev) parts.push(`(The ${node.level} before: ${clip(describe(prev), PROMPT_BUDGET.neighbour)})`);
    if (next) parts.push(`(The ${node.level} after: ${clip(describe(next), PROMPT_BUDGET.neighbour)})`);
    parts.push(`${heading(project, node)}, AS IT STANDS (write a different take than this)\n${clip(describe(node), PROMPT_BUDGET.ancestor) || "(empty)"}`);
  }
  if (angle?.trim()) parts.push(`ANGLE: ${clip(angle, PROMPT_BUDGET.angle)}`);
  return parts;
}

function systemFor(level: Level, form: Form): string {
  return `${ROLE}\n\n${level === "premise" ? PREMISE_GUIDE : LEVEL_GUIDE[level](form)}`;
}

function shape(level: Level, form: Form): string {
  if (level === "premise") return '{"text":"..."}';
  if (level === "line") return form === "screenplay" ? '{"speaker":"...","text":"..."}' : '{"text":"..."}';
  return '{"title":"...","text":"..."}';
}

function finish(system: string, parts: string[]): AssembledPrompt {
  const user = parts.join("\n\n");
  return { system, user, estimatedTokens: estimateTokens(system) + estimateTokens(user) };
}
