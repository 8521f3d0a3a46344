import { describe, expect, it } from "vitest";
import { applyOperation } from "../../../shared/story/operations";
import { provenanceSummary } from "../../../shared/story/provenance";
import { storyFixture } from "../../testing/storyFixture";
import { samplingText, shareRows, wholePercents } from "./provenanceView";

describe("provenance view", () => {
  it("rounds shares to whole percentages that sum to 100", () => {
    expect(wholePercents([1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(wholePercents([0.005, 0.995, 0])).toEqual([1, 99, 0]);
    expect(wholePercents([0.125, 0.125, 0.75])).toEqual([13, 12, 75]);
    expect(wholePercents([0, 0, 0])).toEqual([0, 0, 0]);
    for (const split of [[0.2, 0.3, 0.5], [0.001, 0.002, 0.997], [0.6666, 0.1667, 0.1667]]) {
      expect(wholePercents(split).reduce((a, b) => a + b, 0)).toBe(100);
    }
  });
  it("gives one row per origin with words and nodes", () => {
    let project = storyFixture([1]);
    // Every fixture node is written: let the model have written the beat and its scene, then edit the beat.
    project = { ...project, nodes: { ...project.nodes, b1: { ...project.nodes.b1!, origin: "generated" }, b1s1: { ...project.nodes.b1s1!, origin: "generated" } } };
    project = applyOperation(project, { type: "editNode", nodeId: "b1", text: "one two three four" }).project;
    const rows = shareRows(provenanceSummary(project));
    expect(rows.map((r) => r.origin)).toEqual(["written", "generated", "edited"]);
    const generated = rows.find((r) => r.origin === "generated")!;
    expect(generated.nodes).toBe(1);
    expect(generated.words).toBe(5); // "Scene 1 of beat 1"
    expect(rows.find((r) => r.origin === "edited")).toMatchObject({ nodes: 1, words: 6 }); // "Beat 1" + four words
    expect(rows.reduce((a, r) => a + r.wordPercent, 0)).toBe(100);
    expect(rows.reduce((a, r) => a + r.nodePercent, 0)).toBe(100);
  });
  it("writes the sampling it has", () => {
    expect(samplingText({ temperature: 0.8, topP: 0.95, minP: 0.05, seed: 1234 })).toBe("temperature 0.8 · top-p 0.95 · min-p 0.05 · seed 1234");
    expect(samplingText({ seed: 7 })).toBe("seed 7");
    expect(samplingText({ temperature: 0.30000000000000004 })).toBe("temperature 0.3");
  });
});
