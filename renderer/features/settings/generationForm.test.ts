import { describe, expect, it } from "vitest";
import { applyOperation } from "../../../shared/story/operations";
import { DEFAULT_CHILD_COUNT } from "../../../shared/story/model";
import { DEFAULT_SAMPLING } from "../../../shared/story/sampling";
import { storyFixture } from "../../testing/storyFixture";
import { defaultGenerationForm, generationFormFrom, readGenerationForm, withCount, withSampling } from "./generationForm";

const project = storyFixture([1]);
const current = project.settings;

describe("generation form", () => {
  it("shows the project's settings and has nothing to save until something changes", () => {
    const form = generationFormFrom(current);
    expect(form.sampling.beat).toEqual({ temperature: "0.9", topP: "0.95", minP: "0.05", maxTokens: "260" });
    expect(form.counts).toEqual({ beat: "6", scene: "3", line: "6" });
    expect(readGenerationForm(form, current)).toEqual({ errors: {}, change: null });
    // Typing the same number differently is no change.
    expect(readGenerationForm(withSampling(form, "beat", "temperature", "0.90"), current).change).toBeNull();
  });

  it("turns edits into the smallest change, which the operation accepts", () => {
    let form = generationFormFrom(current);
    form = withSampling(form, "beat", "temperature", "1.2");
    form = withSampling(form, "line", "maxTokens", " 400 ");
    form = withCount(form, "scene", "5");
    const { errors, change } = readGenerationForm(form, current);
    expect(errors).toEqual({});
    expect(change).toEqual({ childCount: { scene: 5 }, sampling: { beat: { temperature: 1.2 }, line: { maxTokens: 400 } } });
    const next = applyOperation(project, { type: "setProjectSettings", ...change }).project;
    expect(readGenerationForm(form, next.settings).change).toBeNull();
    expect(readGenerationForm(withCount(generationFormFrom(current), "line", "2"), current).change).toEqual({ childCount: { line: 2 } });
  });

  it("names every invalid field, in table order, and offers nothing to save", () => {
    let form = generationFormFrom(current);
    form = withCount(form, "beat", "0");
    form = withSampling(form, "scene", "topP", "1.5");
    form = withSampling(form, "beat", "maxTokens", "");
    form = withSampling(form, "beat", "temperature", "1.1");
    const read = readGenerationForm(form, current);
    expect(read.change).toBeNull();
    expect(read.errors).toEqual({
      "beat.maxTokens": "Beats, max tokens per item: enter a number",
      "count.beat": "Beats to write: must be a whole number from 1 to 64",
      "scene.topP": "Scenes, top-p: must be between 0 and 1",
    });
    expect(Object.keys(read.errors)).toEqual(["beat.maxTokens", "count.beat", "scene.topP"]);
  });

  it("resets to the defaults", () => {
    const changed = applyOperation(project, { type: "setProjectSettings", childCount: { beat: 9 }, sampling: { premise: { minP: 0.2 } } }).project;
    const reset = readGenerationForm(defaultGenerationForm(), changed.settings);
    expect(reset.change).toEqual({ childCount: { beat: DEFAULT_CHILD_COUNT.beat }, sampling: { premise: { minP: DEFAULT_SAMPLING.premise.minP } } });
  });
});
