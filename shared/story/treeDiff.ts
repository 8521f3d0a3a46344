/**
 * What changed between two versions of a story tree (a snapshot and now): nodes added, removed,
 * moved (to another parent, or reordered among their siblings) and changed (title, text, speaker,
 * lock), with a word diff of each changed text. Nodes keep their ids through every operation, so a
 * move is recognised as a move, not as a delete plus an add. Reordering is judged against the longest
 * run of siblings that kept their order: when one scene moves up, only that scene counts as moved.
 */
import { diffWords } from "diff";
import type { Project, StoryNode } from "./model";

export interface TextPart {
  kind: "same" | "added" | "removed";
  text: string;
}

export interface NodePlace {
  parentId: string | null;
  index: number;
}

export interface TreeDiff {
  added: string[];
  removed: string[];
  moved: Array<{ id: string; from: NodePlace; to: NodePlace }>;
  changed: Array<{ id: string; fields: Array<"title" | "text" | "speaker" | "locked">; title?: TextPart[]; text?: TextPart[] }>;
}

type Tree = Pick<Project, "nodes">;

function placeOf(tree: Tree, n: StoryNode): NodePlace {
  return { parentId: n.parentId, index: n.parentId ? (tree.nodes[n.parentId]?.childIds.indexOf(n.id) ?? -1) : 0 };
}

/** Ids of `after` (order kept) that are not in the longest common subsequence with `before`. */
function reordered(before: string[], after: string[]): Set<string> {
  const a = before.filter((id) => after.includes(id));
  const b = after.filter((id) => before.includes(id));
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      kept.add(a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return new Set(b.filter((id) => !kept.has(id)));
}

export function textParts(before: string, after: string): TextPart[] {
  return diffWords(before, after).map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
}

export function diffTrees(before: Tree, after: Tree): TreeDiff {
  const out: TreeDiff = { added: [], removed: [], moved: [], changed: [] };
  for (const id of Object.keys(before.nodes)) if (!after.nodes[id]) out.removed.push(id);
  const reorderedUnder = new Map<string, Set<string>>();
  for (const n of Object.values(after.nodes)) {
    const old = before.nodes[n.id];
    if (!old) {
      out.added.push(n.id);
      continue;
    }
    const from = placeOf(before, old);
    const to = placeOf(after, n);
    let moved = from.parentId !== to.parentId;
    // Reordering is judged among siblings both trees hold (a subtree's root has its parent in neither).
    const parentBefore = n.parentId ? before.nodes[n.parentId] : undefined;
    const parentAfter = n.parentId ? after.nodes[n.parentId] : undefined;
    if (!moved && parentBefore && parentAfter) {
      let set = reorderedUnder.get(parentAfter.id);
      if (!set) reorderedUnder.set(parentAfter.id, (set = reordered(parentBefore.childIds, parentAfter.childIds)));
      moved = set.has(n.id);
    }
    if (moved) out.moved.push({ id: n.id, from, to });
    const fields: TreeDiff["changed"][number]["fields"] = [];
    if (old.title !== n.title) fields.push("title");
    if (old.text !== n.text) fields.push("text");
    if ((old.speaker ?? "") !== (n.speaker ?? "")) fields.push("speaker");
    if (old.locked !== n.locked) fields.push("locked");
    if (fields.length) {
      out.changed.push({
        id: n.id,
        fields,
        ...(fields.includes("title") ? { title: textParts(old.title, n.title) } : {}),
        ...(fields.includes("text") ? { text: textParts(old.text, n.text) } : {}),
      });
    }
  }
  return out;
}
