/**
 * What happens to a generation once the filter has looked at the prompt it would send, decided in
 * one pure place: allow and warn run at once (with a note where there is something to say), rewrite,
 * ask and block wait for the writer in the filter dialog. Pure; tested in preflight.test.ts.
 */
import type { FilterDecision, FilterMatch } from "../../../shared/filter/types";
import type { MethodInput } from "../../../shared/ipc/contract";
import { childLevel, type Level, type Project } from "../../../shared/story/model";

export type PreviewInput = MethodInput<"filter:preview">;

export type PreflightStep = { run: true; note: string | null } | { run: false };

export function preflightStep(decision: Pick<FilterDecision, "decision" | "matches" | "message">): PreflightStep {
  switch (decision.decision) {
    case "allow":
      return { run: true, note: allowNote(decision.matches) };
    case "warn":
      return { run: true, note: decision.message ?? null };
    default:
      return { run: false };
  }
}

/** One line about names the filter let through: "Jane Austen, 1775–1817 — public domain (life+70)". */
export function allowNote(matches: FilterMatch[]): string | null {
  const lines = new Set<string>();
  for (const m of matches) {
    if (m.action !== "allow") continue;
    if (m.status === "public-domain") lines.add(m.reason);
    else if (m.status === "allow-listed") lines.add(`${m.name} — ${lowerFirst(m.reason)}`);
  }
  return lines.size ? [...lines].join("; ") : null;
}

/**
 * The node whose children prompt stands for a whole-level generation: the first parent of that
 * level in reading order (the prompts of the others differ only in their own text, and main checks
 * each one anyway).
 */
export function firstParentFor(project: Project, level: Exclude<Level, "premise">): string | null {
  const stack = [project.rootId];
  while (stack.length) {
    const node = project.nodes[stack.shift()!];
    if (!node) continue;
    if (childLevel(node.level) === level) return node.id;
    stack.unshift(...node.childIds);
  }
  return null;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
