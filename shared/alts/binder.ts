/**
 * The binder: every starred alt across the project, grouped by node in reading order (premise, then each
 * beat followed by its scenes and their lines), searchable, exportable to Markdown.
 *
 * Starred is what counts: a starred alt that is also rejected is still in the binder (the writer kept it).
 */
import { subtree, type Alt, type Project, type StoryNode } from "../story/model";

export interface BinderEntry {
  node: StoryNode;
  /** Where the node sits, for a writer: "Premise", "Beat 2", "Beat 2 › Scene 1 › Line 3" (1-based positions). */
  path: string;
  /** The node's starred alts (that match the query), in the node's order. */
  alts: Alt[];
}

const SEP = " › ";

/** The node's position in words: "Beat 2 › Scene 1 › Line 3". */
export function nodePath(project: Project, nodeId: string): string {
  const parts: string[] = [];
  for (let node = project.nodes[nodeId]; node; node = node.parentId ? project.nodes[node.parentId] : undefined) {
    const parent = node.parentId ? project.nodes[node.parentId] : undefined;
    if (!parent) {
      if (parts.length === 0) parts.push("Premise");
      break;
    }
    parts.unshift(`${capitalize(node.level)} ${parent.childIds.indexOf(node.id) + 1}`);
  }
  return parts.join(SEP);
}

/**
 * Every starred alt, grouped by node in reading order, skipping nodes with none. With a query, only alts
 * whose title, text, speaker, tags or note contain every word of it (case-insensitive).
 */
export function collectBinder(project: Project, query = ""): BinderEntry[] {
  const terms = fold(query).split(/\s+/u).filter(Boolean);
  const out: BinderEntry[] = [];
  for (const node of subtree(project, project.rootId)) {
    const alts = node.alts.filter((a) => a.starred && matches(a, terms));
    if (alts.length) out.push({ node, path: nodePath(project, node.id), alts });
  }
  return out;
}

/**
 * The binder as Markdown: a heading for the premise and for every beat and scene that holds starred alts
 * (its own or below), each line as a bold "Line N" with its current text, each starred alt as a list item
 * with its tags and its note.
 */
export function binderMarkdown(project: Project): string {
  const entries = collectBinder(project);
  const out: string[] = [`# ${oneLine(project.title) || "Untitled"}: binder`, ""];
  if (!entries.length) return [...out, "_No starred alts yet._", ""].join("\n");
  const headed = new Set<string>();
  for (const { node, path, alts } of entries) {
    const chain = [...ancestorsAndSelf(project, node)];
    for (const n of chain) {
      if (headed.has(n.id) || n.level === "line") continue;
      headed.add(n.id);
      const depth = n.level === "scene" ? 3 : 2;
      const where = n.level === "premise" ? "Premise" : nodePath(project, n.id).split(SEP).at(-1)!;
      const title = oneLine(n.title);
      out.push(`${"#".repeat(depth)} ${where}${title ? `: ${title}` : ""}`, "");
    }
    if (node.level === "line") {
      const current = oneLine(`${node.speaker ? `${node.speaker}: ` : ""}${node.text}`);
      out.push(`**${path.split(SEP).at(-1)!}**${current ? ` (now: ${current})` : ""}`, "");
    }
    for (const alt of alts) out.push(...altItem(alt), "");
  }
  return out.join("\n");
}

function altItem(alt: Alt): string[] {
  const head = alt.title && alt.text ? `**${oneLine(alt.title)}**: ` : alt.title ? `**${oneLine(alt.title)}**` : "";
  const speaker = alt.speaker ? `${alt.speaker}: ` : "";
  const body = `${speaker}${alt.text}`.trim().split(/\r?\n/u);
  const lines = [`- ${head}${body[0] ?? ""}`, ...body.slice(1).map((l) => (l.trim() ? `  ${l}` : ""))];
  if (alt.tags?.length) lines.push(`  *Tags: ${alt.tags.join(", ")}*`);
  if (alt.note?.trim()) lines.push(...alt.note.trim().split(/\r?\n/u).map((l) => `  > ${l}`));
  return lines;
}

function* ancestorsAndSelf(project: Project, node: StoryNode): Generator<StoryNode> {
  const chain: StoryNode[] = [];
  for (let n: StoryNode | undefined = node; n; n = n.parentId ? project.nodes[n.parentId] : undefined) chain.unshift(n);
  // The premise heading only when the premise itself has starred alts.
  yield* chain.filter((n) => n.level !== "premise" || n === node);
}

function matches(alt: Alt, terms: string[]): boolean {
  if (!terms.length) return true;
  const hay = fold([alt.title, alt.text, alt.speaker ?? "", ...(alt.tags ?? []), alt.note ?? ""].join("\n"));
  return terms.every((t) => hay.includes(t));
}

function fold(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

function oneLine(s: string): string {
  return s.replace(/\s+/gu, " ").trim();
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
