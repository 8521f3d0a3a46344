/**
 * Prompt assembly for one generation job ("write the children of this node").
 *
 * Must hold: the prompt's size is bounded by a token budget that does not grow with the story.
 * Only the bible, the chain of ancestors (at most three), the parent's two neighbours and the kept
 * siblings (capped) are included, each clipped to its own share of the budget.
 */
import { childLevel, getNode, type Project, type StoryNode } from "../story/model";
import { systemPrompt, taskPrompt } from "./templates";

export interface AssembledPrompt {
  system: string;
  user: string;
  /** Rough token estimate (characters / 4): what the budget is enforced on, in pure code. */
  estimatedTokens: number;
}

/** Token shares of the budget. Their sum (plus the fixed instructions) is the hard ceiling. */
export const PROMPT_BUDGET = {
  bible: 320,
  ancestor: 220,
  neighbour: 90,
  kept: 70,
  maxKept: 8,
  angle: 60,
} as const;

/** An upper bound on `estimatedTokens` of any assembled prompt, whatever the story's size. */
export const PROMPT_TOKEN_CEILING =
  PROMPT_BUDGET.bible +
  3 * PROMPT_BUDGET.ancestor +
  2 * PROMPT_BUDGET.neighbour +
  PROMPT_BUDGET.maxKept * PROMPT_BUDGET.kept +
  PROMPT_BUDGET.angle +
  400; // role, level guide, task sentence, labels

export function estimateTokens(s: string): number {
  return Math.ceil(s.length / 4);
}

/** Cuts text to about `maxTokens`, at a word boundary, marking the cut. */
export function clip(text: string, maxTokens: number): string {
  const maxChars = maxTokens * 4;
  const t = text.trim();
  if (t.length <= maxChars) return t;
  const cut = t.slice(0, maxChars - 1);
  const sp = cut.lastIndexOf(" ");
  return (sp > maxChars * 0.6 ? cut.slice(0, sp) : cut) + "…";
}

/** Assembles the prompt that asks for `count` new children of `parentId`, with `kept` children shown as fixed. */
export function assembleChildrenPrompt(
  project: Project,
  parentId: string,
  count: number,
  kept: StoryNode[],
): AssembledPrompt {
  const parent = getNode(project, parentId);
  const level = childLevel(parent.level);
  if (!level) throw new Error("Lines have no children to generate");
  const form = project.settings.form;
  const parts: string[] = [];

  const bible = bibleSection(project);
  if (bible) parts.push(bible);

  // Ancestors from the premise down to the parent: at most premise, beat, scene.
  const chain: StoryNode[] = [];
  for (let cur: StoryNode | undefined = parent; cur; cur = cur.parentId ? project.nodes[cur.parentId] : undefined) {
    chain.unshift(cur);
  }
  for (const node of chain) {
    parts.push(`${heading(project, node)}\n${clip(describe(node), PROMPT_BUDGET.ancestor)}`);
  }

  const [prev, next] = neighbours(project, parent);
  if (prev) parts.push(`(The ${parent.level} before: ${clip(describe(prev), PROMPT_BUDGET.neighbour)})`);
  if (next) parts.push(`(The ${parent.level} after: ${clip(describe(next), PROMPT_BUDGET.neighbour)})`);

  const shownKept = kept.slice(0, PROMPT_BUDGET.maxKept);
  if (shownKept.length) {
    const lines = shownKept.map((k) => `- ${clip(describe(k), PROMPT_BUDGET.kept)}`);
    parts.push(`KEPT AS WRITTEN\n${lines.join("\n")}`);
  }
  if (parent.angle?.trim()) parts.push(`ANGLE: ${clip(parent.angle, PROMPT_BUDGET.angle)}`);
  parts.push(taskPrompt(level, form, count, shownKept.length));

  const system = systemPrompt(level, form);
  const user = parts.join("\n\n");
  return { system, user, estimatedTokens: estimateTokens(system) + estimateTokens(user) };
}

/** The bible as one clipped section, or "" when it is empty. */
export function bibleSection(project: Project): string {
  const b = project.bible;
  const bibleText = [
    b.characters.trim() && `Characters: ${b.characters.trim()}`,
    b.setting.trim() && `Setting: ${b.setting.trim()}`,
    b.tone.trim() && `Tone: ${b.tone.trim()}`,
  ]
    .filter(Boolean)
    .join("\n");
  return bibleText ? `STORY BIBLE\n${clip(bibleText, PROMPT_BUDGET.bible)}` : "";
}

/** "PREMISE", or "BEAT 2 OF 6": where a node sits among its siblings. */
export function heading(project: Project, node: StoryNode): string {
  if (node.level === "premise") return "PREMISE";
  const siblings = node.parentId ? (project.nodes[node.parentId]?.childIds ?? []) : [];
  const i = siblings.indexOf(node.id);
  return `${node.level.toUpperCase()} ${i + 1} OF ${siblings.length}`;
}

/** A node's title, speaker and text as one line of context. */
export function describe(node: StoryNode): string {
  const speaker = node.speaker ? `${node.speaker}: ` : "";
  return node.title ? `${node.title}. ${speaker}${node.text}` : `${speaker}${node.text}`;
}

/** The node's previous and next siblings. */
export function neighbours(project: Project, node: StoryNode): [StoryNode | undefined, StoryNode | undefined] {
  if (!node.parentId) return [undefined, undefined];
  const ids = project.nodes[node.parentId]?.childIds ?? [];
  const i = ids.indexOf(node.id);
  const at = (j: number) => (j >= 0 && j < ids.length ? project.nodes[ids[j]!] : undefined);
  return [at(i - 1), at(i + 1)];
}
