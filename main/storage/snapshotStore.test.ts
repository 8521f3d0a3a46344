import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { takeSnapshot } from "../../shared/story/snapshots";
import { buildStory } from "../../shared/story/testStory";
import { listSnapshots, loadSnapshot, pruneAutomaticSnapshots, saveSnapshot, snapshotsDir } from "./snapshotStore";

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cascade-snapshots-"));
  file = join(dir, "story.cascade");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const project = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 1 }).project;
const at = (i: number) => `2026-11-23T10:${String(i).padStart(2, "0")}:00.000Z`;

describe("snapshot files", () => {
  it("round-trip, list newest first, and skip a damaged file", async () => {
    await saveSnapshot(file, takeSnapshot(project, { id: "snap_a", name: "first", at: at(1) }));
    await saveSnapshot(file, takeSnapshot(project, { id: "snap_b", name: "second", at: at(2) }));
    await writeFile(join(snapshotsDir(file), "snap_c.json"), "{ not json");
    expect((await listSnapshots(file)).map((s) => s.id)).toEqual(["snap_b", "snap_a"]);
    expect((await loadSnapshot(file, "snap_a")).nodes).toStrictEqual(project.nodes);
    await expect(loadSnapshot(file, "snap_zz")).rejects.toThrow(/No snapshot snap_zz/);
    await expect(loadSnapshot(file, "../../etc/passwd")).rejects.toThrow(/Not a snapshot id/);
  });

  it("prune only the oldest automatic snapshots, never the writer's own", async () => {
    await saveSnapshot(file, takeSnapshot(project, { id: "mine", name: "mine", at: at(0) }));
    for (let i = 1; i <= 12; i++) await saveSnapshot(file, takeSnapshot(project, { id: `auto_${i}`, name: "Before regenerate below", at: at(i), auto: true }));
    expect(await pruneAutomaticSnapshots(file, 10)).toBe(2);
    const left = (await listSnapshots(file)).map((s) => s.id);
    expect(left).toHaveLength(11);
    expect(left).toContain("mine");
    expect(left).not.toContain("auto_1");
    expect(left).not.toContain("auto_2");
  });
});
