/**
 * Generation jobs as pure data: which children of a node a job writes, and how its output is applied.
 *
 * Must hold: applying a generation never changes a node the writer wrote, edited or locked — even if
 * that happened while the model was still writing — and the text it replaces becomes an alt.
 */
import type { GeneratedItem } from "../prompts/outputSchema";
import { inputFingerprintForChildOf } from "./fingerprint";
import { parentContextOf, placementChange, placementForChildOf, type Placement } from "./placement";
import { newId } from "./ids";
import { childLevel, getNode, isReplaceable, type Level, type Patch, type Project, type Provenance, type StoryNode } from "./model";
import { Draft } from "./patch";

export interface ChildrenJob {
  parentId: string;
  level: Exclude<Level, "premise">;
  /** Existing children whose text this job replaces, in order. */
  slots: string[];
  /** New children to append (a first generation under a node with no children). */
  createCount: number;
  /** Children shown to the model as fixed context and never touched. */
  kept: StoryNode[];
  /** How many items the model is asked for: slots.length + createCount. */
  count: number;
  /** Fingerprint of the inputs at the time the job was planned; becomes the basis of what it writes. */
  basis: string;
  /** Where the parent sat when the job was planned; becomes the placement of what it writes. */
  placement: Placement;
}

/**
 * Plans the job that writes the children of `parentId`.
 * - no children yet: create the project's default count (or `count`);
 * - `only: "stale"` (a cascade): replace only the stale replaceable children;
 * - otherwise: replace every replaceable child. Written, edited and locked children are kept.
 * Returns null when there is nothing to write.
 */
export function planChildrenJob(
  project: Project,
  parentId: string,
  opts: { count?: number; only?: "stale"; staleIds?: Set<string> } = {},
): ChildrenJob | null {
  const parent = getNode(project, parentId);
  const level = childLevel(parent.level);
  if (!level) return null;
  const basis = inputFingerprintForChildOf(project, parentId);
  const placement = placementForChildOf(project, parentId);
  const children = parent.childIds.map((id) => getNode(project, id));
  if (children.length === 0) {
    const createCount = Math.max(1, Math.min(64, opts.count ?? project.settings.childCount[level]));
    return { parentId, level, slots: [], createCount, kept: [], count: createCount, basis, placement };
  }
  const ctx = parentContextOf(project, parentId);
  // Stale = made against other inputs: other content (basis) or another place (placement).
  const stale = (n: StoryNode) => (opts.staleIds ? opts.staleIds.has(n.id) : n.basis !== basis || placementChange(project, n, ctx) !== null);
  const wanted = (n: StoryNode) => isReplaceable(n) && (opts.only !== "stale" || stale(n));
  const slots = children.filter(wanted).map((n) => n.id);
  if (slots.length === 0) return null;
  const kept = children.filter((n) => !slots.includes(n.id));
  return { parentId, level, slots, createCount: 0, kept, count: slots.length, basis, placement };
}

/**
 * Applies a job's output. Items beyond the job's count are ignored; missing items leave slots as they
 * were. Nodes in `keep` (what the writer's redo stack would change back) are left alone too, so a
 * generation landing in the background never costs the writer their redo.
 */
export function applyGeneration(
  project: Project,
  job: ChildrenJob,
  items: GeneratedItem[],
  provenance: Provenance,
  keep: ReadonlySet<string> = new Set(),
): { project: Project; patch: Patch; written: string[] } {
  const d = new Draft(project);
  const written: string[] = [];
  const parent = project.nodes[job.parentId];
  if (!parent) return { ...d.commit(), written };

  job.slots.forEach((id, i) => {
    const item = items[i];
    const node = project.nodes[id];
    // The writer may have edited, locked or deleted it while the model was writing: theirs wins.
    if (!item || !node || !isReplaceable(node) || node.parentId !== job.parentId || keep.has(id)) return;
    const alts = node.text || node.title ? [...node.alts, toAlt(node, provenance.at)] : node.alts;
    d.update(id, {
      title: item.title,
      text: item.text,
      ...(item.speaker !== undefined ? { speaker: item.speaker } : {}),
      origin: "generated",
      basis: job.basis,
      placement: job.placement,
      provenance,
      alts,
    });
    written.push(id);
  });

  if (job.createCount > 0 && !keep.has(parent.id)) {
    const created: string[] = [];
    for (const item of items.slice(0, job.createCount)) {
      const node: StoryNode = {
        id: newId(job.level),
        level: job.level,
        parentId: job.parentId,
        childIds: [],
        title: item.title,
        text: item.text,
        origin: "generated",
        locked: false,
        basis: job.basis,
        placement: job.placement,
        provenance,
        alts: [],
      };
      if (item.speaker !== undefined) node.speaker = item.speaker;
      d.put(node);
      created.push(node.id);
    }
    if (created.length) d.update(parent.id, { childIds: [...d.get(parent.id).childIds, ...created] });
    written.push(...created);
  }
  return { ...d.commit(), written };
}

/**
 * Whether the job's planned inputs still match the project: the parent chain's content did not change
 * meanwhile, and the parent did not move (nor its neighbours) — text written for the old place would
 * land stale, and a cascade must not build the next level on it.
 */
export function jobStillCurrent(project: Project, job: ChildrenJob): boolean {
  if (!Object.hasOwn(project.nodes, job.parentId) || inputFingerprintForChildOf(project, job.parentId) !== job.basis) return false;
  const now = placementForChildOf(project, job.parentId);
  const was = job.placement;
  return now.grandparentId === was.grandparentId && now.beforeId === was.beforeId && now.afterId === was.afterId;
}

function toAlt(node: StoryNode, at: string) {
  return {
    id: newId("alt"),
    title: node.title,
    text: node.text,
    ...(node.speaker !== undefined ? { speaker: node.speaker } : {}),
    origin: node.origin,
    reason: "replaced-by-regeneration" as const,
    createdAt: at,
    ...(node.provenance ? { provenance: node.provenance } : {}),
  };
}
