import { describe, expect, it } from "vitest";
import { nodeActions, type NodeActionContext } from "./nodeActions";

const ctx = (over: Partial<NodeActionContext> = {}): NodeActionContext => ({
  level: "beat",
  childCount: 0,
  staleBelow: 0,
  locked: false,
  freshness: "fresh",
  canMoveUp: true,
  canMoveDown: true,
  hasPrevSibling: true,
  hasNextSibling: true,
  parentLevel: "premise",
  generationBlocked: null,
  busy: false,
  ...over,
});
const byId = (c: NodeActionContext) => Object.fromEntries(nodeActions(c).map((a) => [a.id, a]));

describe("nodeActions", () => {
  it("names generation after the level below", () => {
    expect(byId(ctx({ level: "premise" })).generate?.label).toBe("Generate beats");
    expect(byId(ctx({ level: "beat" })).generate?.label).toBe("Generate scenes");
    expect(byId(ctx({ level: "scene", childCount: 3 })).generate?.label).toBe("Regenerate lines");
    expect(byId(ctx({ level: "line" })).generate).toBeUndefined();
  });

  it("disables generation with the model's reason, but never writing actions", () => {
    const a = byId(ctx({ generationBlocked: "No model is set up yet.", childCount: 2 }));
    expect(a.generate).toMatchObject({ enabled: false, reason: "No model is set up yet." });
    expect(a.regenerateBelow).toMatchObject({ enabled: false });
    expect(a.addChild?.enabled).toBe(true);
    expect(a.delete?.enabled).toBe(true);
  });

  it("offers regenerate below only with something below, and counts the stale nodes", () => {
    expect(byId(ctx()).regenerateBelow?.enabled).toBe(false);
    expect(byId(ctx({ childCount: 2, staleBelow: 4 })).regenerateBelow).toMatchObject({ enabled: true, label: "Regenerate below (4)" });
  });

  it("keeps the premise fixed in place", () => {
    const ids = nodeActions(ctx({ level: "premise" })).map((a) => a.id);
    expect(ids).toEqual(["generate", "regenerateBelow", "addChild"]);
  });

  it("offers keep-as-is only for nodes whose inputs changed, and toggles lock", () => {
    expect(byId(ctx()).keep).toBeUndefined();
    expect(byId(ctx({ freshness: "inputs-changed" })).keep?.enabled).toBe(true);
    expect(byId(ctx({ locked: true })).lock?.label).toBe("Unlock");
  });

  it("offers duplicate and merge with the next one, and split only below a beat or scene, never at the first", () => {
    const beat = byId(ctx());
    expect(beat.duplicate?.enabled).toBe(true);
    expect(beat.mergeNext?.enabled).toBe(true);
    expect(beat.splitHere).toBeUndefined();
    expect(byId(ctx({ hasNextSibling: false })).mergeNext).toMatchObject({ enabled: false, reason: "This is the last beat here." });
    const line = byId(ctx({ level: "line", parentLevel: "scene" }));
    expect(line.splitHere).toMatchObject({ enabled: true, label: "Split scene here" });
    expect(byId(ctx({ level: "line", parentLevel: "scene", hasPrevSibling: false })).splitHere?.enabled).toBe(false);
    expect(nodeActions(ctx({ level: "premise", parentLevel: null })).map((a) => a.id)).not.toContain("duplicate");
  });

  it("tells how to move a scene or line to a neighbouring parent, never a beat", () => {
    expect(byId(ctx({ level: "scene", parentLevel: "beat" })).moveUp?.title).toBe("Move this scene up (Alt+↑); to the end of the previous beat: Alt+Shift+↑");
    expect(byId(ctx({ level: "line", parentLevel: "scene" })).moveDown?.title).toContain("to the start of the next scene: Alt+Shift+↓");
    expect(byId(ctx()).moveUp?.title).toBe("Move this beat up (Alt+↑)");
  });

  it("disables moves at the ends", () => {
    const a = byId(ctx({ canMoveUp: false }));
    expect(a.moveUp?.enabled).toBe(false);
    expect(a.moveDown?.enabled).toBe(true);
  });
});
