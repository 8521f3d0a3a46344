/**
 * Fingerprints of a node's generation inputs.
 *
 * The inputs of a node are what its generation depends on: the story bible and form, the chain of
 * ancestors (parent up to the premise), the parent's angle and the template version of the node's level.
 *
 * Deliberately not inputs (they are shown to the model as continuity, and recorded as provenance):
 * - the parent's neighbours' content: editing beat 2 must not flag the scenes of beats 1 and 3, or one
 *   edit would mark a whole novel stale sideways (which neighbours they are is an input: a move changes
 *   it; see placement.ts);
 * - sampling and model: switching models must not mark a whole novel stale either.
 *
 * Must hold: the fingerprint of a node changes exactly when one of those inputs changes.
 */
import { TEMPLATE_VERSIONS } from "../prompts/templateVersions";
import type { Bible, Level, Project, StoryNode } from "./model";

/** cyrb53-style 64-bit string hash (two 32-bit lanes). Fast and stable; not cryptographic. */
export function hashString(s: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** Separator that cannot appear in a hex hash, so concatenations stay unambiguous. */
const SEP = "\u0001";

/** The content of a node that its descendants depend on. */
export function contentKey(node: Pick<StoryNode, "title" | "text" | "speaker">): string {
  return [node.title, node.text, node.speaker ?? ""].join(SEP);
}

export function bibleKey(bible: Bible): string {
  return [bible.characters, bible.setting, bible.tone].join(SEP);
}

/**
 * Computes the inputs fingerprint of every non-root node in one top-down pass: O(nodes).
 * Returns a map node id → fingerprint. The root (premise) has no generation inputs here.
 */
export function inputFingerprints(project: Project): Map<string, string> {
  const out = new Map<string, string>();
  walkInputFingerprints(project, (child, fingerprint) => out.set(child.id, fingerprint));
  return out;
}

/**
 * Visits every non-root node reachable from the root, parents before children in reading order, with
 * its inputs fingerprint, its parent and its index among the parent's children. One top-down pass:
 * O(nodes), and no walk over the node map's keys (slow for a map of 15,000 ids).
 */
export function walkInputFingerprints(project: Project, visit: (child: StoryNode, fingerprint: string, parent: StoryNode, index: number) => void): void {
  const bibleHash = hashString(bibleKey(project.bible) + SEP + project.settings.form);
  // chain[id] = hash of the node's content and all its ancestors' content.
  const chain = new Map<string, string>();
  const root = project.nodes[project.rootId];
  if (!root) return;
  chain.set(root.id, hashString(contentKey(root)));

  const walk = (parent: StoryNode) => {
    const parentChain = chain.get(parent.id) ?? "";
    // Every child of one parent has the same inputs: hash them once per parent, not once per child.
    let fingerprint: string | null = null;
    const ids = parent.childIds;
    for (let i = 0; i < ids.length; i++) {
      const child = project.nodes[ids[i]!];
      if (!child) continue;
      fingerprint ??= inputsHash(bibleHash, parentChain, parent.angle ?? "", child.level);
      visit(child, fingerprint, parent, i);
      // Only a node with children is anyone's input chain (lines, the bulk of a novel, are not).
      if (child.childIds.length === 0) continue;
      chain.set(child.id, hashString(parentChain + SEP + contentKey(child)));
      walk(child);
    }
  };
  walk(root);
}

/** The fingerprint of the inputs a fresh child of `parent` at `level` would be generated from. */
export function inputFingerprintForChildOf(project: Project, parentId: string): string {
  const parent = project.nodes[parentId];
  if (!parent) throw new Error(`No node with id ${parentId}`);
  const bibleHash = hashString(bibleKey(project.bible) + SEP + project.settings.form);
  let chainHash = "";
  const path: StoryNode[] = [];
  for (let cur: StoryNode | undefined = parent; cur; cur = cur.parentId ? project.nodes[cur.parentId] : undefined) {
    path.unshift(cur);
  }
  for (const n of path) chainHash = chainHash ? hashString(chainHash + SEP + contentKey(n)) : hashString(contentKey(n));
  const level = childLevelOf(parent.level);
  return inputsHash(bibleHash, chainHash, parent.angle ?? "", level);
}

function childLevelOf(level: Level): Level {
  return level === "premise" ? "beat" : level === "beat" ? "scene" : "line";
}

function inputsHash(bibleHash: string, parentChain: string, angle: string, level: Level): string {
  return hashString([bibleHash, parentChain, angle, level, TEMPLATE_VERSIONS[level]].join(SEP));
}
