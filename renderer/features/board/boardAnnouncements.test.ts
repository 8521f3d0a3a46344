import { describe, expect, it } from "vitest";
import { applyOperation } from "../../../shared/story/operations";
import { storyFixture } from "../../testing/storyFixture";
import { announceCancel, announceEnd, announceOver, announceStart, spokenName, spokenPlace } from "./boardAnnouncements";
import { layoutOf, moveAcross } from "./boardMoves";

const base = storyFixture([2, 1]);
const p = applyOperation(base, { type: "editNode", nodeId: "b1s1", title: "The heist" }).project;

describe("board announcements", () => {
  it("names scenes by title or first words and beats by number", () => {
    expect(spokenName(p, "b1s1")).toBe("scene “The heist”");
    expect(spokenName(p, "b1s2")).toBe("scene “Scene 2 of beat 1”");
    expect(spokenName(p, "b2")).toBe("beat 2 “Beat 2”");
    expect(spokenPlace(p, "b1s2")).toBe("position 2 of 2 in beat 1 “Beat 1”");
    expect(spokenPlace(p, "b2")).toBe("position 2 of 2");
  });

  it("says what was picked up and where it is", () => {
    expect(announceStart(p, "b1s1")).toBe("Picked up scene “The heist”. It is at position 1 of 2 in beat 1 “Beat 1”.");
  });

  it("says where a drop would put it, counting the target as it will be", () => {
    const shown = moveAcross(layoutOf(p), "b1s1", "b2");
    expect(announceOver(p, "b1s1", "b2", shown)).toBe("Scene “The heist” would move to position 2 of 2 in beat 2 “Beat 2”.");
    expect(announceOver(p, "b1s1", "b1s1", layoutOf(p))).toBe("Scene “The heist” would stay at position 1 of 2 in beat 1 “Beat 1”.");
    expect(announceOver(p, "b1s1", null, layoutOf(p))).toContain("not over a place");
    expect(announceOver(p, "b1", "b2", layoutOf(p))).toBe("Beat 1 “Beat 1” would move to position 2 of 2.");
  });

  it("confirms a drop or a cancel", () => {
    expect(announceEnd(p, "b1s1", "b1s2", layoutOf(p))).toBe("Dropped scene “The heist”. It is now at position 2 of 2 in beat 1 “Beat 1”.");
    expect(announceEnd(p, "b1s1", null, layoutOf(p))).toBe("Dropped scene “The heist” where it was: position 1 of 2 in beat 1 “Beat 1”.");
    expect(announceCancel(p, "b1s1")).toBe("Cancelled. Scene “The heist” stays at position 1 of 2 in beat 1 “Beat 1”.");
  });
});
