import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProjectState } from "../../shared/ipc/contract";
import type { Project } from "../../shared/story/model";
import { loadProject } from "../storage/projectStore";
import { makeTempDir, sampleProject } from "../storage/testFixtures";
import { ProjectSession } from "./projectSession";

/** A save that records each call and lets the test decide when (and whether) it finishes. */
function controlledSave() {
  const calls: { title: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const save = vi.fn(
    (_path: string, project: Project) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ title: project.title, resolve, reject });
      }),
  );
  return { save, calls };
}

describe("ProjectSession save state and closing", () => {
  let dir: string;
  let states: ProjectState[];
  const last = () => states[states.length - 1]!;

  beforeEach(async () => {
    dir = await makeTempDir("cascade-session-");
    states = [];
  });
  afterEach(async () => {
    vi.useRealTimers();
    await fsp.rm(dir, { recursive: true, force: true });
  });

  /** A session on a real file (create writes it at once), whose autosave uses `save`. */
  async function session(save: (path: string, project: Project) => Promise<void>) {
    const s = await ProjectSession.create(join(dir, "s.cascade"), sampleProject({ beats: 1, scenes: 1, lines: 1 }), (st) => states.push(st), {
      autosave: { save, delayMs: 100, maxDelayMs: 300 },
    });
    vi.useFakeTimers();
    return s;
  }

  it("is not 'saved' when a change arrived during the save; 'saved' once that change is on disk", async () => {
    const c = controlledSave();
    const s = await session(c.save);
    s.apply({ type: "setTitle", title: "first" });
    expect(last().save.state).toBe("dirty");
    await vi.advanceTimersByTimeAsync(100);
    expect(c.calls.map((x) => x.title)).toEqual(["first"]);

    s.apply({ type: "setTitle", title: "second" }); // during the first save
    c.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(last().save.state).not.toBe("saved");
    expect(["dirty", "saving"]).toContain(last().save.state);
    expect(last().save.at).not.toBeNull(); // the first save did finish

    await vi.advanceTimersByTimeAsync(1000);
    expect(c.calls.map((x) => x.title)).toEqual(["first", "second"]);
    expect(last().save.state).not.toBe("saved");
    c.calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(last().save.state).toBe("saved");
    expect(s.state().save.state).toBe("saved");
  });

  it("close rejects when the final save fails, reports the error, and the session stays usable (autosave included)", async () => {
    let fail = true;
    const titles: string[] = [];
    const save = vi.fn(async (_path: string, p: Project) => {
      if (fail) throw new Error("disk full");
      titles.push(p.title);
    });
    const s = await session(save);
    s.apply({ type: "setTitle", title: "unsaved" });
    await expect(s.close()).rejects.toThrow("disk full");
    expect(last().save).toMatchObject({ state: "error", message: expect.stringMatching(/disk full/) });

    // The caller keeps the session; the disk recovers; later edits are autosaved again.
    fail = false;
    s.apply({ type: "setTitle", title: "kept typing" });
    expect(last().save.state).toBe("dirty");
    await vi.advanceTimersByTimeAsync(100);
    expect(titles).toEqual(["kept typing"]);
    expect(last().save.state).toBe("saved");

    // And it can be closed for real afterwards.
    s.apply({ type: "setTitle", title: "closing" });
    await s.close();
    expect(titles).toEqual(["kept typing", "closing"]);
  });

  it("with onSave, a finished save is told in a few bytes, not as the whole state again", async () => {
    const c = controlledSave();
    const saves: Array<{ path: string; revision: number; state: string }> = [];
    const s = await ProjectSession.create(join(dir, "small.cascade"), sampleProject({ beats: 1, scenes: 1, lines: 1 }), (st) => states.push(st), {
      autosave: { save: c.save, delayMs: 100, maxDelayMs: 300 },
      onSave: (x) => saves.push({ path: x.path, revision: x.revision, state: x.save.state }),
    });
    vi.useFakeTimers();
    s.apply({ type: "setTitle", title: "first" });
    expect(states.map((x) => x.save.state)).toEqual(["dirty"]);
    await vi.advanceTimersByTimeAsync(100);
    c.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toHaveLength(1);
    expect(saves).toEqual([{ path: join(dir, "small.cascade"), revision: s.state().revision, state: "saved" }]);
  });

  it("open and create without options still autosave to the file", async () => {
    vi.useRealTimers();
    const path = join(dir, "plain.cascade");
    const created = await ProjectSession.create(path, sampleProject({ beats: 1, scenes: 1, lines: 1 }), () => undefined);
    await created.close();
    const s = await ProjectSession.open(path, (st) => states.push(st));
    s.apply({ type: "setTitle", title: "Renamed" });
    await s.close();
    expect((await loadProject(path)).title).toBe("Renamed");
    expect(last().save.state).toBe("saved");
  });
});
