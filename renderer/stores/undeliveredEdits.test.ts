import { describe, expect, it } from "vitest";
import type { ProjectState } from "../../shared/ipc/contract";
import { applyOperation } from "../../shared/story/operations";
import { storyFixture } from "../testing/storyFixture";
import { EditJournal } from "./editJournal";
import { editsAsText, isAlreadyApplied, planRestore, projectToReopen, restoredMessage, shouldConfirmLeave, unplacedMessage } from "./restorePlan";
import { fieldKey, loadEdits, parseEdits, saveEdits, serializeEdits, STORAGE_KEY, storedEdit, type EditStorage, type FieldEdit } from "./undeliveredEdits";

const PATH = "/projects/lighthouse.cascade";
const state = (project = storyFixture([2]), path = PATH, revision = 7): ProjectState => ({ path, revision, project, save: { state: "saved", at: null } });
const edit = (op: FieldEdit, path = PATH) => storedEdit({ path, revision: 7 }, op);

/** sessionStorage stand-in; `failing` makes every write throw like a full or disabled storage. */
function fakeStorage(failing = false): EditStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (failing) throw new Error("QuotaExceededError");
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
  };
}

describe("stored edits", () => {
  it("round-trip through storage, and the key goes away when none are left", () => {
    const storage = fakeStorage();
    const edits = [edit({ type: "editNode", nodeId: "b1", text: "Rain on the lamp" }), edit({ type: "setBible", bible: { tone: "wry" } })];
    expect(saveEdits(storage, edits)).toBe(true);
    expect(loadEdits(storage)).toEqual(edits);
    expect(edits[0]).toMatchObject({ path: PATH, revision: 7, nodeId: "b1" });
    expect(edits[1]!.nodeId).toBeNull();
    saveEdits(storage, []);
    expect(storage.map.has(STORAGE_KEY)).toBe(false);
  });

  it("report a refusing storage instead of throwing, and read nothing without one", () => {
    expect(saveEdits(fakeStorage(true), [edit({ type: "setTitle", title: "x" })])).toBe(false);
    expect(saveEdits(null, [])).toBe(false);
    expect(loadEdits(null)).toEqual([]);
  });

  it("leave out what is unreadable, keeping the readable rest", () => {
    expect(parseEdits("{not json")).toEqual([]);
    expect(parseEdits(JSON.stringify({ v: 99, edits: [] }))).toEqual([]);
    const good = edit({ type: "setAngle", nodeId: "b1", angle: "darker" });
    const text = JSON.stringify({
      v: 1,
      edits: [
        good,
        { path: PATH, revision: 1, nodeId: "b1", op: { type: "deleteNode", nodeId: "b1" } },
        { path: PATH, revision: 1, nodeId: "b2", op: { type: "editNode", nodeId: "b1", text: "mismatched node" } },
        { path: PATH, revision: 1, nodeId: "b1", op: { type: "editNode", nodeId: "b1" } },
        { path: PATH, revision: 1, nodeId: null, op: { type: "setBible", bible: { tone: 3 } } },
      ],
    });
    expect(parseEdits(text)).toEqual([good]);
    expect(parseEdits(serializeEdits([good]))).toEqual([good]);
  });

  it("name the field they set, so a later edit of it supersedes an earlier one", () => {
    const a = edit({ type: "editNode", nodeId: "b1", text: "one" });
    expect(fieldKey(a)).toBe(fieldKey(edit({ type: "editNode", nodeId: "b1", text: "two" })));
    expect(fieldKey(a)).not.toBe(fieldKey(edit({ type: "editNode", nodeId: "b1", title: "one" })));
    expect(fieldKey(a)).not.toBe(fieldKey(edit({ type: "editNode", nodeId: "b2", text: "one" })));
    expect(fieldKey(a)).not.toBe(fieldKey(edit({ type: "editNode", nodeId: "b1", text: "one" }, "/other.cascade")));
  });
});

describe("planning a restore", () => {
  it("re-applies what main lacks, skips what it has, and keeps only the last edit of a field", () => {
    const old = edit({ type: "editNode", nodeId: "b1", text: "draft" });
    const latest = edit({ type: "editNode", nodeId: "b1", text: "Rain on the lamp" });
    const same = edit({ type: "editNode", nodeId: "b1s1", text: "Scene 1 of beat 1" });
    const title = edit({ type: "setTitle", title: "The Door" });
    const plan = planRestore([old, same, latest, title], state());
    expect(plan.toApply).toEqual([latest, title]);
    expect(plan.alreadyApplied).toEqual([same]);
    expect(plan.superseded).toEqual([old]);
    expect(plan.unplaced).toEqual([]);
  });

  it("never drops edits that cannot go back: other project, deleted node, no project", () => {
    const elsewhere = edit({ type: "editNode", nodeId: "b1", text: "x" }, "/projects/other.cascade");
    const gone = edit({ type: "setAngle", nodeId: "b9", angle: "darker" });
    expect(planRestore([elsewhere, gone], state()).unplaced).toEqual([
      { edit: elsewhere, reason: "other-project" },
      { edit: gone, reason: "node-missing" },
    ]);
    expect(planRestore([gone], null).unplaced).toEqual([{ edit: gone, reason: "no-project" }]);
  });

  it("reopens the edits' project only when none is open", () => {
    const e = edit({ type: "setTitle", title: "t" });
    expect(projectToReopen([e], null)).toBe(PATH);
    expect(projectToReopen([e], state())).toBeNull();
    expect(projectToReopen([], null)).toBeNull();
  });

  it("compares every kind of field edit with the project", () => {
    let p = storyFixture([1]);
    p = applyOperation(p, { type: "setAngle", nodeId: "b1", angle: "darker" }).project;
    expect(isAlreadyApplied({ type: "editNode", nodeId: "b1", title: "Beat 1", text: "Beat text 1" }, p)).toBe(true);
    expect(isAlreadyApplied({ type: "editNode", nodeId: "b1", speaker: "" }, p)).toBe(true);
    expect(isAlreadyApplied({ type: "editNode", nodeId: "b1", text: "other" }, p)).toBe(false);
    expect(isAlreadyApplied({ type: "setAngle", nodeId: "b1", angle: "darker" }, p)).toBe(true);
    expect(isAlreadyApplied({ type: "setTitle", title: "Fixture" }, p)).toBe(true);
    expect(isAlreadyApplied({ type: "setBible", bible: { tone: "wry" } }, p)).toBe(p.bible.tone === "wry");
  });
});

describe("what the writer is told", () => {
  it("asks before leaving only with unconfirmed edits and no connection", () => {
    expect(shouldConfirmLeave(2, "reconnecting")).toBe(true);
    expect(shouldConfirmLeave(2, "closed")).toBe(true);
    expect(shouldConfirmLeave(2, "connected")).toBe(false);
    expect(shouldConfirmLeave(0, "closed")).toBe(false);
  });

  it("words counts and reasons, and copies the text with its field and project", () => {
    expect(restoredMessage(1)).toBe("Restored 1 unsaved edit from before the reload.");
    expect(restoredMessage(3)).toBe("Restored 3 unsaved edits from before the reload.");
    const gone = edit({ type: "editNode", nodeId: "b9", text: "The keeper opens the door." });
    expect(unplacedMessage([{ edit: gone, reason: "node-missing" }])).toMatch(/^1 unsaved edit .*deleted/);
    expect(editsAsText([gone, edit({ type: "setBible", bible: { tone: "wry" } })])).toBe(
      "Text · lighthouse\nThe keeper opens the door.\n\nStory bible: tone · lighthouse\nwry",
    );
  });
});

describe("EditJournal", () => {
  it("holds an edit from its send until main confirms it, and tells listeners each time", () => {
    const j = new EditJournal();
    let changes = 0;
    j.subscribe(() => changes++);
    const settle = j.begin(edit({ type: "editNode", nodeId: "b1", text: "a" }));
    expect(j.size).toBe(1);
    settle(false); // Not delivered (disconnected): kept.
    expect(j.size).toBe(1);
    settle(true);
    expect(j.size).toBe(0);
    expect(changes).toBe(2);
  });

  it("lets a newer edit of the same field replace an older one, whose late reply changes nothing", () => {
    const j = new EditJournal();
    const first = j.begin(edit({ type: "editNode", nodeId: "b1", text: "a" }));
    j.begin(edit({ type: "editNode", nodeId: "b1", text: "ab" }));
    j.begin(edit({ type: "editNode", nodeId: "b2", text: "c" }));
    first(true);
    expect(j.all().map((e) => (e.op.type === "editNode" ? e.op.text : ""))).toEqual(["ab", "c"]);
  });

  it("keeps restored edits until released, and a newer typed edit supersedes a kept one", () => {
    const j = new EditJournal();
    const kept = [edit({ type: "setTitle", title: "old" }), edit({ type: "setAngle", nodeId: "b1", angle: "x" })];
    j.keep(kept);
    expect(j.size).toBe(2);
    j.begin(edit({ type: "setTitle", title: "new" }));
    expect(j.all().map((e) => e.op.type)).toEqual(["setAngle", "setTitle"]);
    j.release([kept[1]!]);
    expect(j.all()).toEqual([edit({ type: "setTitle", title: "new" })]);
  });
});
