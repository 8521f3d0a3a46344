import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Project } from "../../shared/story/model";
import { Autosaver } from "./autosave";
import { loadProject } from "./projectStore";
import { makeTempDir, sampleProject } from "./testFixtures";

/** A save function that records each call and lets the test decide when (and whether) it finishes. */
function controlledSave() {
  const calls: { title: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let active = 0;
  let maxActive = 0;
  const save = vi.fn((_path: string, project: Project) => {
    active++;
    maxActive = Math.max(maxActive, active);
    return new Promise<void>((resolve, reject) => {
      calls.push({
        title: project.title,
        resolve: () => {
          active--;
          resolve();
        },
        reject: (e) => {
          active--;
          reject(e);
        },
      });
    });
  });
  return { save, calls, maxActive: () => maxActive };
}

/** A save that succeeds immediately. */
function instantSave() {
  const titles: string[] = [];
  const save = vi.fn(async (_path: string, project: Project) => {
    titles.push(project.title);
  });
  return { save, titles };
}

describe("Autosaver (fake timers)", () => {
  let project: Project;
  beforeEach(() => {
    vi.useFakeTimers();
    project = sampleProject({ beats: 1, scenes: 1, lines: 1 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("never saves on the caller's stack, even with a zero delay", async () => {
    const { save } = instantSave();
    const a = new Autosaver("/x.cascade", () => project, { save, delayMs: 0 });
    a.markDirty();
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledOnce();
  });

  it("debounces: one save after the typing stops", async () => {
    const { save, titles } = instantSave();
    const a = new Autosaver("/x.cascade", () => project, { save, delayMs: 800, maxDelayMs: 3000 });
    for (let i = 0; i < 5; i++) {
      project = { ...project, title: `t${i}` };
      a.markDirty();
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600);
    expect(titles).toEqual(["t4"]); // the latest state, read when the save starts
    expect(a.isDirty).toBe(false);
  });

  it("continuous typing still saves by maxDelay after the first unsaved change", async () => {
    const { save, titles } = instantSave();
    const a = new Autosaver("/x.cascade", () => project, { save, delayMs: 800, maxDelayMs: 3000 });
    let typed = 0;
    // A keystroke every 100 ms for 7 s: the debounce alone would never fire.
    for (let ms = 0; ms < 7000; ms += 100) {
      project = { ...project, title: `k${typed++}` };
      a.markDirty();
      await vi.advanceTimersByTimeAsync(100);
      if (ms === 2800) expect(save).not.toHaveBeenCalled();
    }
    // Saves at ~3000 ms and ~6000+ ms (the second deadline starts at the first change after the first save).
    expect(save).toHaveBeenCalledTimes(2);
    expect(titles[0]).toBe("k29"); // the state at the 3 s deadline
    await vi.advanceTimersByTimeAsync(800);
    expect(save).toHaveBeenCalledTimes(3);
    expect(titles[2]).toBe(`k${typed - 1}`);
  });

  it("serializes saves: a change during a save leads to one more save after it, never two at once", async () => {
    const c = controlledSave();
    const a = new Autosaver("/x.cascade", () => project, { save: c.save, delayMs: 100, maxDelayMs: 300 });
    project = { ...project, title: "first" };
    a.markDirty();
    await vi.advanceTimersByTimeAsync(100);
    expect(c.calls).toHaveLength(1);
    expect(a.isSaving).toBe(true);

    project = { ...project, title: "second" };
    a.markDirty();
    await vi.advanceTimersByTimeAsync(1000); // timers fire while the first save is still running
    expect(c.calls).toHaveLength(1);
    expect(a.isDirty).toBe(true);

    c.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.calls.map((x) => x.title)).toEqual(["first", "second"]);
    c.calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.maxActive()).toBe(1);
    expect(a.isDirty).toBe(false);
    expect(a.isSaving).toBe(false);
  });

  it("flush saves now if dirty, and does nothing if clean", async () => {
    const { save, titles } = instantSave();
    const onSaved = vi.fn();
    const a = new Autosaver("/x.cascade", () => project, { save, onSaved });
    await a.flush();
    expect(save).not.toHaveBeenCalled();
    project = { ...project, title: "flushed" };
    a.markDirty();
    await a.flush();
    expect(titles).toEqual(["flushed"]);
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ path: "/x.cascade" }));
    await vi.advanceTimersByTimeAsync(5000); // the cancelled timers must not save again
    expect(save).toHaveBeenCalledOnce();
  });

  it("flush waits for a running save, then saves the newer changes", async () => {
    const c = controlledSave();
    const a = new Autosaver("/x.cascade", () => project, { save: c.save, delayMs: 10 });
    project = { ...project, title: "a" };
    a.markDirty();
    await vi.advanceTimersByTimeAsync(10);
    project = { ...project, title: "b" };
    a.markDirty();
    const flushed = a.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.calls).toHaveLength(1);
    c.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.calls.map((x) => x.title)).toEqual(["a", "b"]);
    c.calls[1]!.resolve();
    await flushed;
    expect(a.isDirty).toBe(false);
  });

  it("a failed save reports, stays dirty, and retries on the next change", async () => {
    let fail = true;
    const save = vi.fn(async () => {
      if (fail) throw new Error("disk full");
    });
    const onError = vi.fn();
    const onSaved = vi.fn();
    const a = new Autosaver("/x.cascade", () => project, { save, onError, onSaved, delayMs: 100 });
    a.markDirty();
    await vi.advanceTimersByTimeAsync(100);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "disk full" }));
    expect(a.isDirty).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledOnce(); // no hammering without a new change

    fail = false;
    a.markDirty();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(2);
    expect(onSaved).toHaveBeenCalledOnce();
    expect(a.isDirty).toBe(false);
  });

  it("flush rejects when the save fails, and the project stays dirty", async () => {
    const a = new Autosaver("/x.cascade", () => project, { save: async () => Promise.reject(new Error("EACCES")) });
    a.markDirty();
    await expect(a.flush()).rejects.toThrow("EACCES");
    expect(a.isDirty).toBe(true);
  });

  it("dispose flushes pending changes and stops autosaving", async () => {
    const { save } = instantSave();
    const onError = vi.fn();
    const a = new Autosaver("/x.cascade", () => project, { save, onError, delayMs: 800 });
    a.markDirty();
    await a.dispose();
    expect(save).toHaveBeenCalledOnce();
    a.markDirty();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringMatching(/after its autosaver was closed/) }));
  });
  it("a failed final save keeps the autosaver alive: dispose rejects, later changes still autosave, a retry can close it", async () => {
    let fail = true;
    const titles: string[] = [];
    const save = vi.fn(async (_path: string, p: Project) => {
      if (fail) throw new Error("disk full");
      titles.push(p.title);
    });
    const onError = vi.fn();
    const a = new Autosaver("/x.cascade", () => project, { save, onError, delayMs: 100 });
    project = { ...project, title: "before close" };
    a.markDirty();
    await expect(a.dispose()).rejects.toThrow("disk full");
    expect(a.isDirty).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledOnce(); // no retry loop on a full disk

    // The caller kept the project open; the disk recovers and the writer keeps typing.
    fail = false;
    project = { ...project, title: "after failed close" };
    a.markDirty();
    expect(onError).not.toHaveBeenCalled(); // not refused as "after its autosaver was closed"
    await vi.advanceTimersByTimeAsync(100);
    expect(titles).toEqual(["after failed close"]);
    expect(a.isDirty).toBe(false);

    // Closing again now works and really closes.
    project = { ...project, title: "final" };
    a.markDirty();
    await a.dispose();
    expect(titles).toEqual(["after failed close", "final"]);
    a.markDirty();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledTimes(3);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringMatching(/after its autosaver was closed/) }));
  });

  it("dispose also saves a change made while its final save was running", async () => {
    const c = controlledSave();
    const a = new Autosaver("/x.cascade", () => project, { save: c.save, delayMs: 100 });
    project = { ...project, title: "one" };
    a.markDirty();
    const disposed = a.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.calls).toHaveLength(1);
    project = { ...project, title: "two" };
    a.markDirty(); // arrives during the final save: not yet closed, so it must still reach disk
    c.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.calls.map((x) => x.title)).toEqual(["one", "two"]);
    c.calls[1]!.resolve();
    await disposed;
    expect(a.isDirty).toBe(false);
  });
});

describe("Autosaver with real files", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it("writes the project through saveProject", async () => {
    const path = join(dir, "auto.cascade");
    let project = sampleProject();
    const saved = new Promise<void>((resolve) => {
      const a = new Autosaver(path, () => project, { delayMs: 5, maxDelayMs: 20, onSaved: () => resolve() });
      project = { ...project, title: "Autosaved" };
      a.markDirty();
    });
    await saved;
    expect(await loadProject(path)).toEqual(project);
  });
});
