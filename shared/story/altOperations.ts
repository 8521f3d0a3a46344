/**
 * The writer's operations on a node's alts: marking them (star, reject, tag, note) and swapping one in.
 * `applyOperation` (operations.ts) delegates here; like every operation they are recorded by a `Draft`,
 * so the patch applied backwards is the exact inverse (undo).
 *
 * Must hold:
 * - no text is lost: a swap moves the node's text (title, text, speaker, origin, provenance) into a new
 *   alt in place of the alt swapped in, so the multiset of texts {node} ∪ alts is unchanged;
 * - marks are stored in canonical form, absent meaning "off": `starred: false`, `rejected: false`, no tags
 *   and an empty note are stored as absent keys, so starring then unstarring gives back the exact record
 *   and re-setting a current value makes an empty patch;
 * - marking never changes a node's title, text or speaker, so nothing goes stale; swapping changes the
 *   node's text like an edit, so its generated descendants go stale, but keeps the node's basis, so the
 *   node's own freshness does not change.
 *
 * A swapped-in alt's marks (stars, tags, note, score) belong to the alt and go with it: the node has no
 * place for them. Undo brings them back.
 */
import { inputFingerprintForChildOf } from "./fingerprint";
import { placementForChildOf } from "./placement";
import { newId } from "./ids";
import { ALT_LIMITS, type Alt, type OutlineBeat, type Patch, type Project, type StoryNode } from "./model";
import { OperationError } from "./operationError";
import { Draft } from "./patch";

export type AltOperation =
  /** Changes only the fields given. */
  | { type: "markAlt"; nodeId: string; altId: string; starred?: boolean; rejected?: boolean; tags?: string[]; note?: string }
  /** The alt's text becomes the node's; the node's text becomes an alt in its place. */
  | { type: "swapAlt"; nodeId: string; altId: string }
  /**
   * Premise only, for an alt with an `outline`: the outline's beats replace the premise's beats, and
   * the current beats become an outline alt in its place. Refused when any beat has children.
   */
  | { type: "swapOutline"; nodeId: string; altId: string };

export const ALT_OPERATION_TYPES = ["markAlt", "swapAlt", "swapOutline"] as const satisfies ReadonlyArray<AltOperation["type"]>;

export function isAltOperation(op: { type: string }): op is AltOperation {
  return (ALT_OPERATION_TYPES as readonly string[]).includes(op.type);
}

/**
 * Tags as stored: NFKC, trimmed, inner whitespace collapsed, lower case, empty ones dropped, first
 * occurrence kept. Throws OperationError when the result is beyond ALT_LIMITS.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  if (out.length > ALT_LIMITS.tags) throw new OperationError(`An alt can have at most ${ALT_LIMITS.tags} tags (got ${out.length}).`);
  const long = out.find((t) => t.length > ALT_LIMITS.tagLength);
  if (long) throw new OperationError(`A tag can be at most ${ALT_LIMITS.tagLength} characters long ("${long.slice(0, 20)}…").`);
  return out;
}

/** Applies an alt operation to the draft. `at` is the time stamped on an alt a swap creates. */
export function applyAltOperation(d: Draft, op: AltOperation, at: string): void {
  const node = needNode(d, op.nodeId);
  const index = node.alts.findIndex((a) => a.id === op.altId);
  const alt = node.alts[index];
  if (!alt) throw new OperationError(`The ${node.level} ${node.id} has no alt with id ${op.altId}`);
  switch (op.type) {
    case "markAlt": {
      const next = markedAlt(alt, op);
      d.update(node.id, { alts: node.alts.map((a, i) => (i === index ? next : a)) });
      break;
    }
    case "swapAlt": {
      const outgoing = nodeAsAlt(node, at);
      d.put(withText(node, alt, node.alts.map((a, i) => (i === index ? outgoing : a))));
      break;
    }
    case "swapOutline":
      swapOutline(d, node, alt, index, at);
      break;
  }
}

/** Why a swap of outlines is refused: beats with scenes under them would lose their place. */
export const OUTLINE_SWAP_BLOCKED =
  "The beats already have scenes under them; swap outlines before writing scenes, or use alts on single beats.";

/** Longest digest of an outline kept as its alt's `text`. */
export const OUTLINE_DIGEST_LENGTH = 600;

/** A one-paragraph digest of an outline: "1. Title — text 2. …", clipped to OUTLINE_DIGEST_LENGTH. */
export function outlineDigest(beats: readonly Pick<OutlineBeat, "title" | "text">[]): string {
  const parts = beats.map((b, i) => {
    const title = b.title.trim().replace(/\s+/gu, " ");
    const text = b.text.trim().replace(/\s+/gu, " ");
    return `${i + 1}. ${title && text ? `${title} — ${text}` : title || text}`;
  });
  const digest = parts.join(" ");
  return digest.length > OUTLINE_DIGEST_LENGTH ? `${digest.slice(0, OUTLINE_DIGEST_LENGTH - 1)}…` : digest;
}

function swapOutline(d: Draft, premise: StoryNode, alt: Alt, index: number, at: string): void {
  if (premise.level !== "premise") throw new OperationError("Outlines can only be swapped on the premise.");
  if (!alt.outline) throw new OperationError(`The alt ${alt.id} is not an outline.`);
  const beats = premise.childIds.map((id) => d.get(id));
  if (beats.some((b) => b.childIds.length > 0)) throw new OperationError(OUTLINE_SWAP_BLOCKED);
  // Each beat's own alts go with it, so swapping outlines back and forth loses none of them.
  const current: OutlineBeat[] = beats.map((b) => ({ title: b.title, text: b.text, origin: b.origin, ...(b.alts.length ? { alts: b.alts } : {}) }));
  const outgoing: Alt = { id: newId("alt"), title: "", text: outlineDigest(current), origin: "written", reason: "replaced-by-alt", createdAt: at, outline: current };
  if (current.length > 0 && current.every((b) => b.origin === "generated")) outgoing.origin = "generated";
  else if (current.some((b) => b.origin !== "written")) outgoing.origin = "edited";
  for (const b of beats) d.remove(b.id);
  const basis = inputFingerprintForChildOf(d.view(), premise.id);
  const placement = placementForChildOf(d.view(), premise.id);
  const created: StoryNode[] = alt.outline.map((b) => {
    const n: StoryNode = { id: newId("beat"), level: "beat", parentId: premise.id, childIds: [], title: b.title, text: b.text, origin: b.origin, locked: false, basis, placement, alts: b.alts ?? [] };
    if (b.origin !== "written" && alt.provenance) n.provenance = alt.provenance;
    return n;
  });
  for (const n of created) d.put(n);
  // With no beats yet there is nothing to keep: the chosen outline just leaves the list.
  const alts = current.length > 0 ? premise.alts.map((a, i) => (i === index ? outgoing : a)) : premise.alts.filter((_, i) => i !== index);
  d.update(premise.id, { childIds: created.map((n) => n.id), alts });
}

/** A short name for the history panel: "Star alt", "Swap in alt"… */
export function altOperationLabel(op: AltOperation): string {
  if (op.type === "swapAlt") return "Swap in alt";
  if (op.type === "swapOutline") return "Swap in outline";
  const given = (["starred", "rejected", "tags", "note"] as const).filter((k) => op[k] !== undefined);
  if (given.length !== 1) return "Mark alt";
  switch (given[0]) {
    case "starred":
      return op.starred ? "Star alt" : "Unstar alt";
    case "rejected":
      return op.rejected ? "Reject alt" : "Restore alt";
    case "tags":
      return "Tag alt";
    default:
      return "Edit note on alt";
  }
}

function markedAlt(alt: Alt, op: Extract<AltOperation, { type: "markAlt" }>): Alt {
  const next: Alt = { ...alt };
  const flag = (key: "starred" | "rejected", value: boolean | undefined) => {
    if (value === undefined) return;
    if (value) next[key] = true;
    else delete next[key];
  };
  flag("starred", op.starred);
  flag("rejected", op.rejected);
  if (op.tags !== undefined) {
    const tags = normalizeTags(op.tags);
    if (tags.length) next.tags = tags;
    else delete next.tags;
  }
  if (op.note !== undefined) {
    if (op.note.length > ALT_LIMITS.noteLength) throw new OperationError(`A note can be at most ${ALT_LIMITS.noteLength} characters long.`);
    if (op.note.trim()) next.note = op.note;
    else delete next.note;
  }
  return next;
}

/** The node's current text as an alt, keeping its origin and provenance. */
function nodeAsAlt(node: StoryNode, at: string): Alt {
  const alt: Alt = { id: newId("alt"), title: node.title, text: node.text, origin: node.origin, reason: "replaced-by-alt", createdAt: at };
  if (node.speaker !== undefined) alt.speaker = node.speaker;
  if (node.provenance) alt.provenance = node.provenance;
  return alt;
}

/** The node carrying the alt's title, text, speaker, origin and provenance (absent where the alt has none). */
function withText(node: StoryNode, alt: Alt, alts: Alt[]): StoryNode {
  const next: StoryNode = { ...node, title: alt.title, text: alt.text, origin: alt.origin, alts };
  delete next.speaker;
  delete next.provenance;
  if (alt.speaker !== undefined) next.speaker = alt.speaker;
  if (alt.provenance) next.provenance = alt.provenance;
  return next;
}

function needNode(d: Draft, id: string): StoryNode {
  if (!d.has(id)) throw new OperationError(`No node with id ${id}`);
  return d.get(id);
}

/**
 * Appends a generated alt to a node (not a writer operation: the services apply it, recorded for undo).
 * Returns the new project and the patch, or null when the node no longer exists.
 */
export function addAlt(project: Project, nodeId: string, alt: Alt): { project: Project; patch: Patch } | null {
  const node = project.nodes[nodeId];
  if (!node) return null;
  const d = new Draft(project);
  d.update(nodeId, { alts: [...node.alts, alt] });
  return d.commit();
}
