/**
 * The part of a story an export covers: the whole tree, or one node and everything below it, in
 * reading order. Exporters walk this instead of the node map so a subtree export and a whole-story
 * export share one order.
 */
import type { Project, StoryNode } from "../story/model";

export interface ScopedNode {
  node: StoryNode;
  /** 0 for the scope's root. */
  depth: number;
}

/** The nodes under `nodeId` (the root when absent), the node itself first, depth-first in reading order. */
export function nodesInScope(project: Project, nodeId?: string): ScopedNode[] {
  const rootId = nodeId ?? project.rootId;
  if (!Object.hasOwn(project.nodes, rootId)) throw new Error(`No node with id ${rootId} to export.`);
  const out: ScopedNode[] = [];
  const walk = (id: string, depth: number) => {
    const node = Object.hasOwn(project.nodes, id) ? project.nodes[id] : undefined;
    if (!node) return;
    out.push({ node, depth });
    for (const child of node.childIds) walk(child, depth + 1);
  };
  walk(rootId, 0);
  return out;
}
