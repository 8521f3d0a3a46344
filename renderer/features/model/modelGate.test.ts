import { describe, expect, it } from "vitest";
import type { ModelStatus } from "../../../shared/ipc/contract";
import { fileName, generationBlockedReason, modelChipText, modelStatusLine } from "./modelGate";

const status = (state: ModelStatus["state"], extra: Partial<ModelStatus> = {}): ModelStatus => ({
  state,
  modelPath: null,
  modelId: null,
  message: null,
  help: "Download a model",
  ...extra,
});

describe("generationBlockedReason", () => {
  it("allows generation only with a ready model and a connection", () => {
    expect(generationBlockedReason(status("ready"), true)).toBeNull();
    expect(generationBlockedReason(status("ready"), false)).toMatch(/connect/);
    expect(generationBlockedReason(status("loading"), true)).toMatch(/loading/);
    expect(generationBlockedReason(status("none"), true)).toMatch(/No model/);
    expect(generationBlockedReason(status("error", { message: "File not found" }), true)).toMatch(/File not found/);
    expect(generationBlockedReason(null, true)).toBeTruthy();
  });
});

describe("modelChipText", () => {
  it("names the model, else says what is happening", () => {
    expect(modelChipText(status("ready", { modelId: "tiny" }))).toBe("tiny");
    expect(modelChipText(status("ready", { modelPath: "C:\\models\\story.gguf" }))).toBe("story.gguf");
    expect(modelChipText(status("none"))).toBe("No model");
    expect(modelChipText(status("loading"))).toBe("Loading model…");
    expect(modelChipText(status("loading", { progress: 0.456 }))).toBe("Loading model… 46%");
  });
  it("takes the file name from either kind of path", () => {
    expect(fileName("/a/b/c.gguf")).toBe("c.gguf");
    expect(fileName(null)).toBeNull();
  });
});

describe("modelStatusLine", () => {
  it("names the file and its state", () => {
    expect(modelStatusLine(status("ready", { modelPath: "/m/tiny.gguf", modelId: "tiny.gguf" }))).toBe("Ready: tiny.gguf");
    expect(modelStatusLine(status("loading", { modelPath: "/m/tiny.gguf" }))).toBe("Loading tiny.gguf…");
    expect(modelStatusLine(status("none"))).toMatch(/No model is set up/);
    expect(modelStatusLine(status("error", { message: "Model file not found: /m/x.gguf" }))).toBe("Not loaded: Model file not found: /m/x.gguf");
    expect(modelStatusLine(null)).toMatch(/Checking/);
  });
});
