/**
 * Snapshots on disk, beside their project: `.<name>.cascade.snapshots/<id>.json`, one file each,
 * written atomically and checked on reading like the project itself. A snapshot is never part of the
 * project file, so taking many does not slow every autosave.
 */
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { summarize, type Snapshot, type SnapshotSummary } from "../../shared/story/snapshots";
import { writeFileAtomic } from "./atomicWrite";
import { bibleSchema, nodeSchema } from "./projectSchema";

const snapshotSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,64}$/),
  name: z.string().max(200),
  at: z.string(),
  scopeId: z.string().nullable(),
  title: z.string(),
  bible: bibleSchema,
  nodes: z.record(z.string(), nodeSchema),
  auto: z.boolean().optional(),
});

export function snapshotsDir(projectPath: string): string {
  return join(dirname(projectPath), `.${basename(projectPath)}.snapshots`);
}

export async function saveSnapshot(projectPath: string, snapshot: Snapshot): Promise<void> {
  const dir = snapshotsDir(projectPath);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, `${snapshotSchema.shape.id.parse(snapshot.id)}.json`), JSON.stringify(snapshot));
}

export async function loadSnapshot(projectPath: string, id: string): Promise<Snapshot> {
  if (!snapshotSchema.shape.id.safeParse(id).success) throw new Error(`Not a snapshot id: ${id}`);
  const path = join(snapshotsDir(projectPath), `${id}.json`);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new Error(`No snapshot ${id} for this project (looked for ${path}).`);
  }
  const parsed = snapshotSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`The snapshot ${path} is damaged: ${parsed.error.issues[0]?.message ?? "unreadable"}. The project itself is not affected.`);
  return parsed.data as Snapshot;
}

/** Every readable snapshot, newest first (a damaged file is skipped, not fatal). */
export async function listSnapshots(projectPath: string): Promise<SnapshotSummary[]> {
  let names: string[];
  try {
    names = (await readdir(snapshotsDir(projectPath))).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  const out: SnapshotSummary[] = [];
  for (const n of names) {
    try {
      out.push(summarize(await loadSnapshot(projectPath, n.slice(0, -".json".length))));
    } catch {
      // Damaged or foreign file: not listed.
    }
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

/** Deletes all but the newest `keep` automatic snapshots (the writer's own are never pruned). */
export async function pruneAutomaticSnapshots(projectPath: string, keep: number): Promise<number> {
  const old = (await listSnapshots(projectPath)).filter((s) => s.auto).slice(keep);
  for (const s of old) await rm(join(snapshotsDir(projectPath), `${s.id}.json`), { force: true });
  return old.length;
}
