/**
 * A snapshot's tree diff as the writer reads it: groups (Changed, Moved, Added since, Removed since)
 * in reading order, each entry named by where it sits ("Beat 2 › Scene 3") and what it says, with
 * words for what happened ("Moved from Beat 2 to Beat 4") and whether "Restore this" can work.
 * Pure; tested in diffView.test.ts.
 *
 * What restore can do (shared/story/snapshots.ts): put back a node the snapshot holds, with its
 * whole subtree, provided the place it belonged in still exists. Restoring takes out what was added
 * under it since and sends what the snapshot holds elsewhere back there; a node whose place in the
 * snapshot is gone stays where it is, with any added node it hangs under. A node added since is not
 * in the snapshot, so there is nothing of it to restore: restoring the node it is in takes it out.
 */
import type { Level, Project, StoryNode } from "../../../shared/story/model";
import type { TextPart, TreeDiff } from "../../../shared/story/treeDiff";
import { levelName, summarize } from "../tree/nodeText";
import { changeSize } from "./wordDiff";

export type DiffKind = "changed" | "moved" | "added" | "removed";

/** What is known of a node that is gone now: its record in the snapshot, when that was sent. */
export type NodeSketch = Pick<StoryNode, "level" | "title" | "text" | "speaker" | "parentId">;

export interface RestoreChoice {
  enabled: boolean;
  label: string;
  /** What it will do (tooltip), or why it cannot. */
  hint: string;
}

export interface DiffEntryView {
  kind: DiffKind;
  nodeId: string;
  level: Level | null;
  /** Where it sits now ("Beat 2 › Scene 3"); for a removed node, what it was. */
  place: string;
  /** Its title, else its first words. */
  summary: string;
  /** What happened, in words: "Moved from Beat 2 to Beat 4", "Text changed (+3 −1 words)". */
  detail: string | null;
  title?: TextPart[];
  text?: TextPart[];
  restore: RestoreChoice;
}

export interface DiffGroupView {
  kind: DiffKind;
  heading: string;
  /** A word for the whole group (how to restore removed nodes known by id only). */
  note?: string;
  entries: DiffEntryView[];
}

const HEADINGS: Record<DiffKind, string> = { changed: "Changed", moved: "Moved", added: "Added since", removed: "Removed since" };
const FIELD_WORDS = { title: "title", text: "text", speaker: "speaker" } as const;

/** "Beat 2 › Scene 3 › Line 4" as the tree is now; "Premise" for the root. */
export function placeName(project: Project, id: string): string {
  const names: string[] = [];
  let cur = project.nodes[id];
  while (cur?.parentId) {
    const parent = project.nodes[cur.parentId];
    names.unshift(`${levelName(cur.level)} ${(parent?.childIds.indexOf(cur.id) ?? 0) + 1}`);
    cur = parent;
  }
  return names.length ? names.join(" › ") : cur ? levelName(cur.level) : "";
}

/** The groups that have entries, in the order Changed, Moved, Added since, Removed since; [] when nothing changed. */
export function diffGroups(diff: TreeDiff, project: Project, was: (id: string) => NodeSketch | undefined = () => undefined): DiffGroupView[] {
  const form = project.settings.form;
  const order = readingIndex(project);
  const byReading = (a: { id: string }, b: { id: string }) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity);
  const removed = new Set(diff.removed);
  const added = new Set(diff.added);
  const nowEntry = (kind: DiffKind, id: string, detail: string | null, restore: RestoreChoice, extra: Partial<DiffEntryView> = {}): DiffEntryView => {
    const node = project.nodes[id]!;
    return { kind, nodeId: id, level: node.level, place: placeName(project, id), summary: summarize(node, form).text, detail, restore, ...extra };
  };
  const parentName = (id: string | null): string => {
    if (id && project.nodes[id]) return placeName(project, id);
    const gone = id ? was(id) : undefined;
    return gone ? `a ${gone.level} removed since` : "a place removed since";
  };

  const changed = [...diff.changed]
    .filter((c) => project.nodes[c.id])
    .sort(byReading)
    .map((c) => {
      const node = project.nodes[c.id]!;
      const words = c.fields.filter((f): f is keyof typeof FIELD_WORDS => f in FIELD_WORDS).map((f) => FIELD_WORDS[f]);
      const size = c.text ? changeSize(c.text) : null;
      const sizeWords = size ? ` (+${size.added} −${size.removed} words)` : "";
      const lock = c.fields.includes("locked") ? (node.locked ? "locked since" : "unlocked since") : null;
      const what = words.length ? `${capitalize(joinWords(words))} changed${sizeWords}` : null;
      const detail = [what, what ? lock : lock && capitalize(lock)].filter(Boolean).join("; ") || null;
      return nowEntry("changed", c.id, detail, restoreNow(project, c.id), { ...(c.title ? { title: c.title } : {}), ...(c.text ? { text: c.text } : {}) });
    });

  const moved = [...diff.moved]
    .filter((m) => project.nodes[m.id])
    .sort(byReading)
    .map((m) => {
      const detail =
        m.from.parentId === m.to.parentId
          ? `Moved from place ${m.from.index + 1} to place ${m.to.index + 1} ${project.nodes[m.to.parentId ?? ""]?.parentId ? `in ${parentName(m.to.parentId)}` : "in the outline"}`
          : `Moved from ${parentName(m.from.parentId)} to ${parentName(m.to.parentId)}`;
      const homeless = m.from.parentId !== null && removed.has(m.from.parentId);
      const restore = homeless ? refuse(project.nodes[m.id]!.level, "The place it was in is gone since: restore that first (under Removed since), then this.") : restoreNow(project, m.id);
      return nowEntry("moved", m.id, detail, restore);
    });

  // Restoring the node an added node is in takes it out — unless it holds a node whose place in the
  // snapshot is gone and lies outside what that restore brings back: then both stay where they are.
  const keptByRestore = new Set<string>();
  for (const m of diff.moved) {
    if (m.from.parentId === null || !removed.has(m.from.parentId)) continue;
    for (let p = project.nodes[m.id]?.parentId; p && added.has(p); p = project.nodes[p]?.parentId) {
      const restoring = project.nodes[p]?.parentId;
      if (restoring && !wasUnder(m.from.parentId, restoring, project, was)) keptByRestore.add(p);
    }
  }

  // A node added with everything under it is one entry: the nodes under it come and go with it.
  const addedTops = diff.added.filter((id) => project.nodes[id] && !added.has(project.nodes[id]!.parentId ?? ""));
  const addedEntries = addedTops
    .map((id) => ({ id }))
    .sort(byReading)
    .map(({ id }) => {
      const node = project.nodes[id]!;
      const under = countUnder(project, id, added);
      const parent = node.parentId ? project.nodes[node.parentId] : undefined;
      const detail = `Added since${parent?.parentId ? ` in ${placeName(project, parent.id)}` : ""}${under ? `, with ${under} more under it` : ""}`;
      const where =
        parent && !added.has(parent.id) && !keptByRestore.has(id) ? `, or restore the ${levelName(parent.level).toLowerCase()} it is in, which takes it out (one undo step)` : "";
      return nowEntry("added", id, detail, refuse(node.level, `It was not there when the snapshot was taken, so there is nothing to restore: delete it${where}.`));
    });

  // Without the snapshot's records a removed node is known by id only; with them, like the others.
  const removedEntries = diff.removed
    .filter((id) => !removed.has(was(id)?.parentId ?? ""))
    .map((id): DiffEntryView => {
      const gone = was(id);
      const level = gone?.level ?? null;
      const under = gone ? diff.removed.filter((r) => isUnder(r, id, was)).length : 0;
      const parent = gone?.parentId ? project.nodes[gone.parentId] : undefined;
      const detail = gone ? `Removed since${parent?.parentId ? ` from ${placeName(project, parent.id)}` : ""}${under ? `, with ${under} more under it` : ""}` : null;
      const restore: RestoreChoice =
        gone?.parentId && !parent
          ? refuse(gone.level, "Where it was is gone too: restore the node it was in.")
          : { enabled: true, label: level ? `Restore this ${levelName(level).toLowerCase()}` : "Restore this", hint: "Puts it back where it was, with everything that was under it. One undo step." };
      return { kind: "removed", nodeId: id, level, place: gone ? levelName(gone.level) : "Removed", summary: gone ? summarize(gone, form).text : "Only the snapshot has its words now", detail, restore };
    });

  const groups: DiffGroupView[] = [
    { kind: "changed", heading: HEADINGS.changed, entries: changed },
    { kind: "moved", heading: HEADINGS.moved, entries: moved },
    { kind: "added", heading: HEADINGS.added, entries: addedEntries },
    {
      kind: "removed",
      heading: HEADINGS.removed,
      ...(removedEntries.some((e) => e.level === null) ? { note: "Restoring one brings back everything that was under it. If Cascade says its place is gone, restore the part it was in first." } : {}),
      entries: removedEntries,
    },
  ];
  return groups.filter((g) => g.entries.length > 0);
}

/** Restoring a node that is here now brings back its whole subtree as the snapshot has it. */
function restoreNow(project: Project, id: string): RestoreChoice {
  const node = project.nodes[id]!;
  const name = levelName(node.level).toLowerCase();
  if (!node.parentId) return { enabled: true, label: "Restore the whole story", hint: "Puts everything back as the snapshot has it. One undo step." };
  const below = node.childIds.length > 0;
  return {
    enabled: true,
    label: below ? `Restore this ${name} and all under it` : `Restore this ${name}`,
    hint: below
      ? `Puts this ${name} and everything under it back as they were, where they were; what was added under it since is taken out. One undo step.`
      : `Puts this ${name} back as it was, where it was. One undo step.`,
  };
}

function refuse(level: Level, why: string): RestoreChoice {
  return { enabled: false, label: `Restore this ${levelName(level).toLowerCase()}`, hint: why };
}

function readingIndex(project: Project): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (id: string) => {
    const n = project.nodes[id];
    if (!n) return;
    out.set(id, out.size);
    for (const c of n.childIds) walk(c);
  };
  walk(project.rootId);
  return out;
}

function countUnder(project: Project, id: string, within: Set<string>): number {
  let n = 0;
  for (const c of project.nodes[id]?.childIds ?? []) if (within.has(c)) n += 1 + countUnder(project, c, within);
  return n;
}

function isUnder(id: string, ancestor: string, was: (id: string) => NodeSketch | undefined): boolean {
  let cur = was(id)?.parentId ?? null;
  for (let guard = 0; cur && guard < 10_000; guard++) {
    if (cur === ancestor) return true;
    cur = was(cur)?.parentId ?? null;
  }
  return false;
}

/** Whether `id` was under `ancestor` when the snapshot was taken, as far as its records tell (no when unsure). */
function wasUnder(id: string, ancestor: string, project: Project, was: (id: string) => NodeSketch | undefined): boolean {
  let cur: string | null | undefined = id;
  for (let guard = 0; cur && guard < 10_000; guard++) {
    if (cur === ancestor) return true;
    cur = was(cur) ? was(cur)!.parentId : project.nodes[cur]?.parentId;
  }
  return false;
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
