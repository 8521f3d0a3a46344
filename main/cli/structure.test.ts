/**
 * `move`, `split`, `merge`, `duplicate` from the command line (in process, no model needed): each
 * changes the saved file as one step that `undo` takes back, and bad ids get a one-line error.
 */
import * as fsp from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Project } from "../../shared/story/model";
import { buildStory, nodesAt } from "../../shared/story/testStory";
import { saveProject } from "../storage/projectStore";
import { parseCommandLine } from "./args";
import { cliInProcess, useCliHome } from "./cliTestKit";

const dirs = useCliHome("cascade-cli-structure-");

async function newStory(name: string): Promise<{ file: string; project: Project }> {
  const file = path.join(dirs.tmp, `${name}.cascade`);
  const project = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 3 }).project;
  await saveProject(file, project);
  return { file, project };
}

const saved = async (file: string) => JSON.parse(await fsp.readFile(file, "utf8")) as Project;

async function ok(args: string[]) {
  const r = await cliInProcess([...args, "--json"]);
  expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as { operation: string; nodeId: string; parentId: string | null; order: string[]; created: string[]; removed: string[] };
}

describe("restructuring commands", () => {
  it("parse their arguments and refuse incomplete ones", () => {
    const p = (s: string) => parseCommandLine(s.split(" "), "/tmp");
    expect(p("move s.cascade scene_1 --to beat_2 --index 0")).toMatchObject({ name: "move", nodeId: "scene_1", to: "beat_2", index: 0 });
    expect(p("move s.cascade scene_1 --to beat_2")).toMatchObject({ index: null });
    expect(p("split s.cascade scene_1 --at line_2")).toMatchObject({ name: "split", at: "line_2" });
    expect(p("merge s.cascade scene_1 scene_2")).toMatchObject({ name: "merge", nodeId: "scene_1", withId: "scene_2" });
    for (const bad of ["move s.cascade scene_1", "move s.cascade scene_1 --to b --index -1", "split s.cascade scene_1", "merge s.cascade scene_1", "duplicate s.cascade"]) {
      expect(() => p(bad), bad).toThrow();
    }
  });

  it("split, then merge back, move across beats and duplicate — each one undo step", async () => {
    const { file, project } = await newStory("restructure");
    const [s1, , s3] = nodesAt(project, "scene");
    const [l1, l2, l3] = s1!.childIds;

    const split = await ok(["split", file, s1!.id, "--at", l2!]);
    const second = split.created[0]!;
    let p = await saved(file);
    expect(p.nodes[s1!.id]!.childIds).toEqual([l1]);
    expect(p.nodes[second]!.childIds).toEqual([l2, l3]);

    const merged = await ok(["merge", file, s1!.id, second]);
    expect(merged.removed).toEqual([second]);
    p = await saved(file);
    expect(p.nodes[s1!.id]!.childIds).toEqual([l1, l2, l3]);

    await ok(["move", file, s1!.id, "--to", s3!.parentId!, "--index", "0"]);
    p = await saved(file);
    expect(p.nodes[s1!.id]!.parentId).toBe(s3!.parentId);
    expect(p.nodes[s3!.parentId!]!.childIds[0]).toBe(s1!.id);

    const dup = await ok(["duplicate", file, s3!.id]);
    expect(dup.created).toHaveLength(1 + s3!.childIds.length);

    for (let i = 0; i < 4; i++) expect((await cliInProcess(["undo", file])).code).toBe(0);
    expect((await saved(file)).nodes).toStrictEqual(project.nodes);
  });

  it("move says what it flagged and why, and regenerates nothing", async () => {
    const { file, project } = await newStory("move-report");
    const [b1, b2] = nodesAt(project, "beat");
    const moved = b1!.childIds[0]!;
    const r = await cliInProcess(["move", file, moved, "--to", b2!.id, "--index", "1"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Now stale: \d+\. Nothing was regenerated\./);
    expect(r.stdout).toContain("1 scene: Moved from beat 1 to beat 2");
    expect(r.stdout).toContain("3 lines: Its scene moved from beat 1 to beat 2");
    await cliInProcess(["undo", file]);
    const j = await cliInProcess(["move", file, moved, "--to", b2!.id, "--index", "1", "--json"]);
    const flagged = (JSON.parse(j.stdout) as { flagged: Array<{ id: string; freshness: string; reason: string }> }).flagged;
    expect(flagged.find((f) => f.id === moved)).toEqual({ id: moved, freshness: "stale", reason: "Moved from beat 1 to beat 2" });
    // The moved scene, its 3 lines, the lines of the scene left behind and of both new neighbours.
    expect(flagged).toHaveLength(1 + 3 + 3 + 3 + 3);
    expect((await saved(file)).nodes[moved]!.text).toBe(project.nodes[moved]!.text);
  });

  it("say what is wrong, in one line, and change nothing", async () => {
    const { file, project } = await newStory("refusals");
    const [s1, s2] = nodesAt(project, "scene");
    const r = await cliInProcess(["split", file, s1!.id, "--at", s1!.childIds[0]!]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/empty/);
    const m = await cliInProcess(["merge", file, s2!.id, s1!.id]);
    expect(m.stderr).toMatch(/right after/);
    expect((await saved(file)).nodes).toStrictEqual(project.nodes);
  });
});

describe("snapshots from the command line", () => {
  it("snapshot, restructure and edit, diff sees a move as a move, restore brings it all back, undo takes the restore back", async () => {
    const { file, project } = await newStory("snapshots");
    const [s1, , s3] = nodesAt(project, "scene");
    const snap = JSON.parse((await cliInProcess(["snapshot", file, "--name", "first draft", "--json"])).stdout) as { id: string; name: string; nodeCount: number };
    expect(snap).toMatchObject({ name: "first draft", nodeCount: Object.keys(project.nodes).length });

    await ok(["move", file, s1!.id, "--to", s3!.parentId!]);
    expect((await cliInProcess(["edit", file, s3!.id, "--text", "The storm breaks."])).code).toBe(0);
    const diff = JSON.parse((await cliInProcess(["diff", file, snap.id, "--json"])).stdout) as { moved: Array<{ id: string }>; changed: Array<{ id: string }>; added: string[]; removed: string[] };
    expect(diff.moved.map((m) => m.id)).toEqual([s1!.id]);
    expect(diff.changed.map((c) => c.id)).toEqual([s3!.id]);
    expect([diff.added, diff.removed]).toEqual([[], []]);

    const list = JSON.parse((await cliInProcess(["snapshots", file, "--json"])).stdout) as { snapshots: Array<{ id: string }> };
    expect(list.snapshots.map((s) => s.id)).toEqual([snap.id]);

    expect((await cliInProcess(["restore", file, snap.id])).code).toBe(0);
    expect((await saved(file)).nodes).toStrictEqual(project.nodes);
    expect((await cliInProcess(["undo", file])).code).toBe(0);
    expect((await saved(file)).nodes[s3!.id]!.text).toBe("The storm breaks.");

    const missing = await cliInProcess(["diff", file, "snap_nope"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No snapshot snap_nope/);
  });
});
