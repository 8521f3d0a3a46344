/**
 * The words the snapshots dialog uses for one snapshot: what it holds ("Whole story", "Beat 2 ·
 * The storm"), its size, and what "Restore" will do to the story. Pure; tested in snapshotText.test.ts.
 */
import type { Project } from "../../../shared/story/model";
import type { SnapshotSummary } from "../../../shared/story/snapshots";
import { firstWords, levelName, summarize } from "../tree/nodeText";
import { placeName } from "./diffView";

/**
 * Whether the snapshot holds the whole story: taken of everything, or of the premise (the automatic
 * one before a cascade from the premise), whose restore brings back the title and bible too.
 */
export function holdsEverything(s: Pick<SnapshotSummary, "scopeId">, project: Project): boolean {
  return s.scopeId === null || s.scopeId === project.rootId;
}

/** What the snapshot holds, named as the story is now. */
export function scopeLabel(s: Pick<SnapshotSummary, "scopeId">, project: Project): string {
  if (s.scopeId === null || holdsEverything(s, project)) return "Whole story";
  const node = project.nodes[s.scopeId];
  if (!node) return "A part of the story removed since";
  const what = summarize(node, project.settings.form);
  return what.empty ? placeName(project, node.id) : `${placeName(project, node.id)} · ${firstWords(what.text, 60)}`;
}

/** "1 node", "42 nodes". */
export function nodeCount(n: number): string {
  return `${n} node${n === 1 ? "" : "s"}`;
}

/** The restore button's label: everything, or the part the snapshot holds. */
export function restoreAllLabel(s: Pick<SnapshotSummary, "scopeId">, project: Project): string {
  const node = s.scopeId === null ? undefined : project.nodes[s.scopeId];
  if (holdsEverything(s, project)) return "Restore everything";
  return node ? `Restore the ${levelName(node.level).toLowerCase()}` : "Restore that part";
}

/** What confirming a restore of the whole snapshot will do, said before it is done. */
export function restoreAllWarning(s: Pick<SnapshotSummary, "scopeId" | "name">, project: Project, when: string, undoKeys: string): string {
  const what =
    holdsEverything(s, project)
      ? "The title, the story bible and every part of the story go back to how they were"
      : `${scopeLabel(s, project)}, with everything under it, goes back to how it was`;
  const time = when ? ` ${when}` : "";
  return `${what} in “${s.name}”${time}; anything added since goes. It is one step: Undo (${undoKeys}) brings back what is there now.`;
}
