import { describe, expect, it } from "vitest";
import { applyOperation } from "../../../shared/story/operations";
import { storyFixture } from "../../testing/storyFixture";
import { nodeCount, restoreAllLabel, restoreAllWarning, scopeLabel } from "./snapshotText";

describe("snapshot words", () => {
  const p = storyFixture([1, 2]);

  it("names what a snapshot holds as the story is now", () => {
    expect(scopeLabel({ scopeId: null }, p)).toBe("Whole story");
    expect(scopeLabel({ scopeId: "premise" }, p)).toBe("Whole story");
    expect(scopeLabel({ scopeId: "b2" }, p)).toBe("Beat 2 · Beat 2");
    expect(scopeLabel({ scopeId: "b2s1" }, p)).toBe("Beat 2 › Scene 1 · Scene 1 of beat 2");
    const emptied = applyOperation(p, { type: "editNode", nodeId: "b2s1", text: "" }).project;
    expect(scopeLabel({ scopeId: "b2s1" }, emptied)).toBe("Beat 2 › Scene 1");
    expect(scopeLabel({ scopeId: "gone" }, p)).toBe("A part of the story removed since");
  });

  it("counts nodes and labels restore by what it covers", () => {
    expect([nodeCount(1), nodeCount(7)]).toEqual(["1 node", "7 nodes"]);
    expect(restoreAllLabel({ scopeId: null }, p)).toBe("Restore everything");
    expect(restoreAllLabel({ scopeId: "premise" }, p)).toBe("Restore everything");
    expect(restoreAllLabel({ scopeId: "b1s1" }, p)).toBe("Restore the scene");
    expect(restoreAllLabel({ scopeId: "gone" }, p)).toBe("Restore that part");
  });

  it("warns what a restore replaces and that undo brings it back", () => {
    const whole = restoreAllWarning({ scopeId: null, name: "Draft one" }, p, "2 hours ago", "Ctrl+Z");
    expect(whole).toMatch(/^The title, the story bible and every part of the story go back to how they were in “Draft one” 2 hours ago/);
    expect(whole).toMatch(/one step: Undo \(Ctrl\+Z\)/);
    expect(restoreAllWarning({ scopeId: "b1", name: "B" }, p, "", "Ctrl+Z")).toMatch(/^Beat 1 · Beat 1, with everything under it, goes back to how it was in “B”;/);
  });
});
