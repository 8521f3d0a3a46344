/**
 * Arrow-key navigation in the outline, as a pure function of the visible rows (WAI-ARIA tree view
 * pattern): Up/Down move, Right expands then enters, Left collapses then goes to the parent,
 * Home/End jump. Ghost rows (not yet written) are skipped. Tested in treeNavigation.test.ts.
 */
import type { NodeRow, TreeRow } from "./flattenTree";

export type TreeCommand = { select: string } | { expand: string } | { collapse: string } | null;

export function treeKeyCommand(rows: TreeRow[], selectedId: string | null, key: string): TreeCommand {
  const nodes = rows.filter((r): r is NodeRow => r.kind === "node");
  if (nodes.length === 0) return null;
  const i = nodes.findIndex((r) => r.id === selectedId);
  const current = nodes[i];
  if (!current) return key.startsWith("Arrow") || key === "Home" || key === "End" ? { select: nodes[0]!.id } : null;
  switch (key) {
    case "ArrowDown":
      return nodes[i + 1] ? { select: nodes[i + 1]!.id } : null;
    case "ArrowUp":
      return nodes[i - 1] ? { select: nodes[i - 1]!.id } : null;
    case "Home":
      return { select: nodes[0]!.id };
    case "End":
      return { select: nodes[nodes.length - 1]!.id };
    case "ArrowRight": {
      if (!current.hasChildren) return null;
      if (!current.expanded) return { expand: current.id };
      const next = nodes[i + 1];
      return next && next.depth > current.depth ? { select: next.id } : null;
    }
    case "ArrowLeft": {
      if (current.hasChildren && current.expanded) return { collapse: current.id };
      for (let j = i - 1; j >= 0; j--) if (nodes[j]!.depth < current.depth) return { select: nodes[j]!.id };
      return null;
    }
    default:
      return null;
  }
}
