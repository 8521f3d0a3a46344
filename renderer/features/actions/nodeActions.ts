/**
 * What can be done to one node, and how each action is labelled, explained and gated — decided in
 * one pure place so the editor toolbar, the tree's context menu and the keyboard agree.
 * Tested in nodeActions.test.ts.
 */
import { childLevel, type Level } from "../../../shared/story/model";
import type { Freshness } from "../../../shared/story/staleness";
import { levelName, pluralNoun } from "../tree/nodeText";

export type NodeActionId =
  | "generate"
  | "regenerateBelow"
  | "lock"
  | "keep"
  | "addChild"
  | "addSibling"
  | "moveUp"
  | "moveDown"
  | "duplicate"
  | "snapshot"
  | "mergeNext"
  | "splitHere"
  | "delete";

export interface NodeActionContext {
  level: Level;
  childCount: number;
  /** Stale generated nodes under this one (what "Regenerate below" would rewrite). */
  staleBelow: number;
  locked: boolean;
  freshness: Freshness;
  canMoveUp: boolean;
  canMoveDown: boolean;
  /** Siblings under the same parent, for merge (with the next) and split (before this one). */
  hasPrevSibling: boolean;
  hasNextSibling: boolean;
  /** The parent's level; null for the premise. */
  parentLevel: Level | null;
  /** Why the model cannot take work now; null when it can. */
  generationBlocked: string | null;
  /** A job is already writing this node's children. */
  busy: boolean;
}

export interface NodeActionView {
  id: NodeActionId;
  label: string;
  /** Tooltip: what it does (and its shortcut). */
  title: string;
  enabled: boolean;
  /** Why it is disabled. */
  reason: string | null;
}

const MOD = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";

/** The actions that apply to this node, in toolbar order. Actions that never apply are left out. */
export function nodeActions(ctx: NodeActionContext): NodeActionView[] {
  const out: NodeActionView[] = [];
  const below = childLevel(ctx.level);
  const isRoot = ctx.level === "premise";
  const name = levelName(ctx.level).toLowerCase();
  const add = (id: NodeActionId, label: string, title: string, reason: string | null = null) =>
    out.push({ id, label, title, enabled: reason === null, reason });

  if (below) {
    const plural = pluralNoun(below);
    const again = ctx.childCount > 0;
    add(
      "generate",
      again ? `Regenerate ${plural}` : `Generate ${plural}`,
      again
        ? `Rewrite the generated ${plural} under this ${name}; your written, edited and locked ones are kept (${MOD}+Enter)`
        : `Ask the model for ${plural} from this ${name} (${MOD}+Enter)`,
      ctx.generationBlocked ?? (ctx.busy ? `The model is already writing ${plural} here.` : null),
    );
    add(
      "regenerateBelow",
      ctx.staleBelow > 0 ? `Regenerate below (${ctx.staleBelow})` : "Regenerate below",
      `Rewrite every stale generated node under this one, level by level. Written, edited and locked text is never touched (${MOD}+Shift+Enter)`,
      ctx.childCount === 0 ? `Nothing below this ${name} yet.` : ctx.generationBlocked,
    );
  }
  if (!isRoot) {
    add(
      "lock",
      ctx.locked ? "Unlock" : "Lock",
      ctx.locked ? `Let regeneration change this ${name} again (${MOD}+L)` : `Keep this ${name} exactly as it is: no regeneration will change it (${MOD}+L)`,
    );
  }
  if (ctx.freshness === "inputs-changed") {
    add("keep", "Keep as is", `Mark this ${name} as up to date with what is above it, without changing its text`);
  }
  if (below) add("addChild", `Add ${below}`, `Add an empty ${below} at the end of this ${name}`);
  if (!isRoot) {
    add("addSibling", `Add ${name} after`, `Add an empty ${name} right after this one`);
    // Below a beat or a scene the node can also change parent ("Move to…", Alt+Shift+arrows).
    const across = ctx.parentLevel && ctx.parentLevel !== "premise" ? levelName(ctx.parentLevel).toLowerCase() : null;
    const upTo = across ? `; to the end of the previous ${across}: Alt+Shift+↑` : "";
    const downTo = across ? `; to the start of the next ${across}: Alt+Shift+↓` : "";
    add("moveUp", "Move up", `Move this ${name} up (Alt+↑)${upTo}`, ctx.canMoveUp ? null : `This is the first ${name}.`);
    add("moveDown", "Move down", `Move this ${name} down (Alt+↓)${downTo}`, ctx.canMoveDown ? null : `This is the last ${name}.`);
    add("duplicate", `Duplicate ${name}`, `Copy this ${name}${ctx.childCount > 0 ? " and everything under it" : ""}, right after it`);
    add("snapshot", `Snapshot this ${name}`, `Keep a copy of this ${name}${ctx.childCount > 0 ? " and everything under it" : ""} as it is now, to compare with or go back to later`);
    add(
      "mergeNext",
      "Merge with next",
      `Merge the next ${name} into this one: both texts are kept, and everything under both. Undo separates them again`,
      ctx.hasNextSibling ? null : `This is the last ${name} here.`,
    );
    if (ctx.parentLevel && ctx.parentLevel !== "premise") {
      const parentName = levelName(ctx.parentLevel).toLowerCase();
      add(
        "splitHere",
        `Split ${parentName} here`,
        `Split the ${parentName} before this ${name}: this ${name} and the ones after it move to a new ${parentName} right after`,
        ctx.hasPrevSibling ? null : `This is the first ${name}: the ${parentName} would be left empty.`,
      );
    }
    add("delete", `Delete ${name}`, `Delete this ${name}${ctx.childCount > 0 ? " and everything under it" : ""}. Undo brings it back.`);
  }
  return out;
}

/** The dotted test id of each action's toolbar button. */
export const ACTION_TEST_IDS: Record<NodeActionId, string> = {
  generate: "node.generate",
  regenerateBelow: "node.regenerate-below",
  lock: "node.lock",
  keep: "node.keep",
  addChild: "node.add-child",
  addSibling: "node.add-sibling",
  moveUp: "node.move-up",
  moveDown: "node.move-down",
  duplicate: "node.duplicate",
  snapshot: "node.snapshot",
  mergeNext: "node.merge-next",
  splitHere: "node.split-here",
  delete: "node.delete",
};
