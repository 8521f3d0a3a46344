import { describe, expect, it } from "vitest";
import { HISTORY_LIMIT, recordPatch, redo, redoTouched, undo } from "./history";
import type { Project } from "./model";
import { applyOperation, type Operation } from "./operations";
import { buildStory, nodesAt } from "./testStory";

function story() {
  return buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 1 }).project;
}

/** Applies and records an operation. */
function act(p: Project, op: Operation, key?: string, label = "act"): Project {
  const r = applyOperation(p, op);
  return recordPatch(r.project, r.patch, { label, source: "user", ...(key ? { key } : {}) });
}

function content(p: Project) {
  return { nodes: p.nodes, bible: p.bible, title: p.title, settings: p.settings };
}

function mustUndo(p: Project): Project {
  const r = undo(p);
  if (!r) throw new Error("nothing to undo");
  return r.project;
}

function mustRedo(p: Project): Project {
  const r = redo(p);
  if (!r) throw new Error("nothing to redo");
  return r.project;
}

describe("history", () => {
  it("undo and redo on an empty history return null", () => {
    const p = story();
    expect(undo(p)).toBeNull();
    expect(redo(p)).toBeNull();
  });

  it("record, undo, redo round trip exactly", () => {
    const p0 = story();
    const b = nodesAt(p0, "beat")[0]!;
    const p1 = act(p0, { type: "editNode", nodeId: b.id, text: "one" }, undefined, "Edit beat");
    const p2 = act(p1, { type: "setBible", bible: { tone: "grim" } });
    const p3 = act(p2, { type: "deleteNode", nodeId: nodesAt(p2, "beat")[1]!.id });
    expect(p3.history.undo.map((e) => e.label)).toEqual(["Edit beat", "act", "act"]);
    expect(p3.history.undo.every((e) => e.source === "user")).toBe(true);

    const u1 = undo(p3)!;
    expect(u1.entry).toBe(p3.history.undo[2]);
    expect(content(u1.project)).toStrictEqual(content(p2));
    const u2 = mustUndo(u1.project);
    expect(content(u2)).toStrictEqual(content(p1));
    const u3 = mustUndo(u2);
    expect(content(u3)).toStrictEqual(content(p0));
    expect(undo(u3)).toBeNull();
    expect(u3.history.redo).toHaveLength(3);

    const r1 = mustRedo(u3);
    expect(content(r1)).toStrictEqual(content(p1));
    const r3 = mustRedo(mustRedo(r1));
    expect(content(r3)).toStrictEqual(content(p3));
    expect(redo(r3)).toBeNull();
    expect(r3.history.undo.map((e) => e.id)).toEqual(p3.history.undo.map((e) => e.id));
  });

  it("entries with the same key recorded back to back merge into one", () => {
    const p0 = story();
    const b = nodesAt(p0, "beat")[0]!;
    let p = act(p0, { type: "editNode", nodeId: b.id, text: "o" }, `type:${b.id}`, "Edit beat");
    p = act(p, { type: "editNode", nodeId: b.id, text: "on" }, `type:${b.id}`, "Edit beat");
    p = act(p, { type: "editNode", nodeId: b.id, text: "one" }, `type:${b.id}`, "Edit beat");
    expect(p.history.undo).toHaveLength(1);
    expect(p.history.undo[0]!.patch.before[b.id]).toBe(p0.nodes[b.id]);
    expect(p.history.undo[0]!.patch.after[b.id]!.text).toBe("one");
    expect(content(mustUndo(p))).toStrictEqual(content(p0));
  });

  it("with mergeWithinMs, same-key entries merge only while recent", () => {
    const p0 = story();
    const b = nodesAt(p0, "beat")[0]!;
    const at = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms).toISOString();
    const rec = (p: Project, text: string, ms: number) => {
      const r = applyOperation(p, { type: "editNode", nodeId: b.id, text });
      return recordPatch(r.project, r.patch, { label: "Edit beat", source: "user", key: "type", mergeWithinMs: 1000, at: at(ms) });
    };
    let p = rec(p0, "a", 0);
    p = rec(p, "ab", 900); // within 1 s of the last touch: merged
    p = rec(p, "abc", 1800); // within 1 s of the merged entry's new time: merged
    expect(p.history.undo).toHaveLength(1);
    p = rec(p, "abcd", 5000); // a pause: a new step
    expect(p.history.undo).toHaveLength(2);
    expect(content(mustUndo(p)).nodes[b.id]!.text).toBe("abc");
    expect(content(mustUndo(mustUndo(p)))).toStrictEqual(content(p0));
  });

  it("different keys, no key, or an entry in between that touches the same node do not merge", () => {
    const p0 = story();
    const [b1, b2] = nodesAt(p0, "beat");
    let p = act(p0, { type: "editNode", nodeId: b1!.id, text: "a" }, "k1");
    p = act(p, { type: "editNode", nodeId: b1!.id, text: "b" }, "k2");
    p = act(p, { type: "editNode", nodeId: b2!.id, text: "c" });
    p = act(p, { type: "editNode", nodeId: b1!.id, text: "d" });
    p = act(p, { type: "editNode", nodeId: b1!.id, text: "e" }, "k2");
    expect(p.history.undo).toHaveLength(5);
  });

  it("a same-key entry merges across entries that touch other things, moves to the top, and undoes exactly", () => {
    const p0 = story();
    const [b1, b2] = nodesAt(p0, "beat");
    const b3 = nodesAt(p0, "scene")[0];
    let p = act(p0, { type: "editNode", nodeId: b1!.id, text: "cascade step 1" }, "cascade:9");
    p = act(p, { type: "setLocked", nodeId: b3!.id, locked: true });
    p = act(p, { type: "editNode", nodeId: b2!.id, text: "cascade step 2" }, "cascade:9");
    expect(p.history.undo.map((e) => e.key ?? "")).toEqual(["", "cascade:9"]);
    // Undoing the whole cascade leaves the lock; undoing the lock then returns to the start.
    const noCascade = mustUndo(p);
    expect(noCascade.nodes[b1!.id]!.text).toBe(p0.nodes[b1!.id]!.text);
    expect(noCascade.nodes[b2!.id]!.text).toBe(p0.nodes[b2!.id]!.text);
    expect(noCascade.nodes[b3!.id]!.locked).toBe(true);
    expect(content(mustUndo(noCascade))).toStrictEqual(content(p0));
    expect(content(mustRedo(noCascade))).toStrictEqual(content(p));
  });

  it("a background generation keeps the redo stack when it touches other nodes, and clears it when it conflicts", () => {
    const p0 = story();
    const [b1, b2] = nodesAt(p0, "beat");
    const typed = act(p0, { type: "editNode", nodeId: b1!.id, text: "the writer's paragraph" });
    const undone = mustUndo(typed);
    expect(undone.history.redo).toHaveLength(1);
    const elsewhere = applyOperation(undone, { type: "editNode", nodeId: b2!.id, text: "model output" });
    const landed = recordPatch(elsewhere.project, elsewhere.patch, { label: "Generate", source: "generation" });
    expect(landed.history.redo).toHaveLength(1);
    expect(mustRedo(landed).nodes[b1!.id]!.text).toBe("the writer's paragraph");
    expect(redoTouched(undone).has(b1!.id)).toBe(true);
    const clash = applyOperation(undone, { type: "editNode", nodeId: b1!.id, text: "model output" });
    expect(recordPatch(clash.project, clash.patch, { label: "Generate", source: "generation" }).history.redo).toHaveLength(0);
    // The writer's own action starts a new branch, as everywhere.
    const own = applyOperation(undone, { type: "editNode", nodeId: b2!.id, text: "mine" });
    expect(recordPatch(own.project, own.patch, { label: "Edit", source: "user" }).history.redo).toHaveLength(0);
  });

  it("a merged cascade across several nodes undoes as one step", () => {
    const p0 = story();
    const [b1, b2] = nodesAt(p0, "beat");
    let p = act(p0, { type: "editNode", nodeId: b1!.id, text: "x" }, "cascade:1");
    p = act(p, { type: "setBible", bible: { tone: "y" } }, "cascade:1");
    p = act(p, { type: "editNode", nodeId: b2!.id, text: "z" }, "cascade:1");
    p = act(p, { type: "editNode", nodeId: b1!.id, text: "x2" }, "cascade:1");
    expect(p.history.undo).toHaveLength(1);
    const back = mustUndo(p);
    expect(content(back)).toStrictEqual(content(p0));
    expect(content(mustRedo(back))).toStrictEqual(content(p));
  });

  it("recording a new entry clears the redo stack; an empty patch does not", () => {
    const p0 = story();
    const b = nodesAt(p0, "beat")[0]!;
    const p1 = act(p0, { type: "editNode", nodeId: b.id, text: "one" });
    const u = mustUndo(p1);
    expect(u.history.redo).toHaveLength(1);
    const noop = act(u, { type: "editNode", nodeId: b.id, text: b.text });
    expect(content(noop)).toStrictEqual(content(u));
    expect(noop.history).toBe(u.history);
    const relock = act(u, { type: "setLocked", nodeId: b.id, locked: false });
    expect(relock.history.redo).toHaveLength(1);
    const other = act(u, { type: "setTitle", title: "New" });
    expect(other.history.redo).toEqual([]);
    expect(redo(other)).toBeNull();
  });

  it("a redone entry does not merge with later typing under its old key", () => {
    const p0 = story();
    const b = nodesAt(p0, "beat")[0]!;
    const p1 = act(p0, { type: "editNode", nodeId: b.id, text: "one" }, "k");
    const again = mustRedo(mustUndo(p1));
    expect(again.history.undo[0]!.key).toBeUndefined();
    const p2 = act(again, { type: "editNode", nodeId: b.id, text: "two" }, "k");
    expect(p2.history.undo).toHaveLength(2);
    expect(content(mustUndo(p2))).toStrictEqual(content(p1));
  });

  it(`keeps at most ${HISTORY_LIMIT} entries, dropping the oldest`, () => {
    const p0 = story();
    const b = nodesAt(p0, "beat")[0]!;
    let p = p0;
    const total = HISTORY_LIMIT + 5;
    for (let i = 0; i < total; i++) p = act(p, { type: "editNode", nodeId: b.id, text: `v${i}` }, undefined, `edit ${i}`);
    expect(p.history.undo).toHaveLength(HISTORY_LIMIT);
    expect(p.history.undo[0]!.label).toBe(`edit ${total - HISTORY_LIMIT}`);
    expect(p.history.undo.at(-1)!.label).toBe(`edit ${total - 1}`);
    let q = p;
    for (let i = 0; i < HISTORY_LIMIT; i++) q = mustUndo(q);
    expect(undo(q)).toBeNull();
    expect(q.nodes[b.id]!.text).toBe(`v${total - HISTORY_LIMIT - 1}`);
  });

  it("recordPatch stamps the time and keeps the source", () => {
    const p0 = story();
    const r = applyOperation(p0, { type: "setTitle", title: "x" });
    const p = recordPatch(r.project, r.patch, { label: "Rename project", source: "user", at: "2030-01-01T00:00:00.000Z", key: "k" });
    expect(p.updatedAt).toBe("2030-01-01T00:00:00.000Z");
    expect(p.history.undo[0]).toMatchObject({ label: "Rename project", source: "user", at: "2030-01-01T00:00:00.000Z", key: "k", patch: r.patch });
  });
});
