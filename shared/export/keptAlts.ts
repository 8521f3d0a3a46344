/**
 * Which alts an export keeps beside a node's current text: the starred ones the writer has not
 * rejected. One rule for every export format (Fountain notes, FDX alternates).
 *
 * The binder (shared/alts/binder.ts) deliberately differs: it lists every starred alt, rejected ones
 * included, since it is the writer's collection, not a script.
 */
import type { Alt, StoryNode } from "../story/model";

/** The node's kept alts, in the node's order: starred and not rejected. */
export function keptAlts(node: Pick<StoryNode, "alts">): Alt[] {
  return node.alts.filter((a) => a.starred && !a.rejected);
}
