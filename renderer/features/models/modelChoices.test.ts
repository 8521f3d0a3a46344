import { describe, expect, it } from "vitest";
import type { ModelStatus } from "../../../shared/ipc/contract";
import type { CatalogModel, DownloadView, LocalModelInfo } from "../../../shared/models/types";
import { catalogInOrder, downloadFor, fewerGpuLayers, levelModelOptions, localCopy, mergeDownload, modelLabel, showOnboarding } from "./modelChoices";

const status = (state: ModelStatus["state"]): ModelStatus => ({ state, modelPath: state === "none" ? null : "/m/a.gguf", modelId: null, message: null, help: "" });
const local = (fileName: string, extra: Partial<LocalModelInfo> = {}): LocalModelInfo => ({
  path: `/models/${fileName}`,
  fileName,
  sizeBytes: 1000,
  name: null,
  architecture: "llama",
  quantization: "Q4_K_M",
  contextLength: 4096,
  chatTemplate: "llama3",
  license: null,
  layers: 32,
  problem: null,
  ...extra,
});
const entry = (id: string, fileName = `${id}.gguf`) => ({ id, fileName }) as CatalogModel;
const dl = (id: string, catalogId: string, state: DownloadView["state"]) => ({ id, catalogId, state }) as DownloadView;

describe("showOnboarding", () => {
  const base = { model: status("none"), hasProject: false, dismissed: false, engaged: false };
  it("shows on the start screen while no model is configured, until dismissed", () => {
    expect(showOnboarding(base)).toBe(true);
    expect(showOnboarding({ ...base, dismissed: true })).toBe(false);
    expect(showOnboarding({ ...base, hasProject: true })).toBe(false);
    expect(showOnboarding({ ...base, model: null })).toBe(false);
  });
  it("never shows for a configured model, unless the writer is setting it up from the onboarding", () => {
    for (const state of ["loading", "ready", "error"] as const) expect(showOnboarding({ ...base, model: status(state) })).toBe(false);
    expect(showOnboarding({ ...base, model: status("loading"), engaged: true })).toBe(true);
    expect(showOnboarding({ ...base, model: status("error"), engaged: true })).toBe(true);
    expect(showOnboarding({ ...base, model: status("ready"), engaged: true })).toBe(false);
  });
  it("does not come back for a configured model that is between two loads", () => {
    expect(showOnboarding({ ...base, model: { ...status("none"), modelPath: "/m/b.gguf" } })).toBe(false);
  });
});

describe("fewerGpuLayers", () => {
  it("halves what the failed load tried: loaded, else estimated, else set", () => {
    expect(fewerGpuLayers("auto", { gpuLayers: 33, totalLayers: 33 }, 40)).toBe(20);
    expect(fewerGpuLayers("auto", { gpuLayers: 33, totalLayers: 33 })).toBe(16);
    expect(fewerGpuLayers(24, null)).toBe(12);
    expect(fewerGpuLayers(24, { gpuLayers: 0, totalLayers: 40 })).toBe(12);
  });
  it("falls back to half the model's layers, or a sensible number, and never reaches zero", () => {
    expect(fewerGpuLayers("auto", { gpuLayers: 0, totalLayers: 40 })).toBe(20);
    expect(fewerGpuLayers("auto", null)).toBe(16);
    expect(fewerGpuLayers(1, null)).toBe(1);
    expect(fewerGpuLayers("off", null)).toBe(16);
  });
});

describe("catalog and downloads", () => {
  it("finds a catalog entry's downloaded file, ignoring unreadable ones", () => {
    expect(localCopy(entry("a"), [local("b.gguf"), local("a.gguf")])?.path).toBe("/models/a.gguf");
    expect(localCopy(entry("a"), [local("a.gguf", { problem: "truncated" })])).toBeUndefined();
  });
  it("finds the latest download of an entry that was not cancelled", () => {
    const list = [dl("1", "a", "failed"), dl("2", "b", "downloading"), dl("3", "a", "cancelled")];
    expect(downloadFor("a", list)?.id).toBe("1");
    expect(downloadFor("c", list)).toBeUndefined();
  });
  it("merges download views by id, keeping the order", () => {
    const list = [dl("1", "a", "downloading"), dl("2", "b", "downloading")];
    expect(mergeDownload(list, dl("1", "a", "paused")).map((d) => `${d.id}:${d.state}`)).toEqual(["1:paused", "2:downloading"]);
    expect(mergeDownload(list, dl("3", "c", "downloading")).map((d) => d.id)).toEqual(["1", "2", "3"]);
  });
  it("puts the recommended model first", () => {
    expect(catalogInOrder([entry("a"), entry("b"), entry("c")], "b").map((m) => m.id)).toEqual(["b", "a", "c"]);
    expect(catalogInOrder([entry("a"), entry("b")], null).map((m) => m.id)).toEqual(["a", "b"]);
  });
});

describe("the per-level model menu", () => {
  it("offers the main model, every readable local model, and a current choice that is not listed", () => {
    const options = levelModelOptions([local("a.gguf"), local("bad.gguf", { problem: "not GGUF" }), local("b.gguf", { name: "Story Teller" })], "/elsewhere/c.gguf", "/models/a.gguf");
    expect(options).toEqual([
      { value: "", label: "Same as main model (a.gguf)" },
      { value: "/models/a.gguf", label: "a.gguf (Q4_K_M)" },
      { value: "/models/b.gguf", label: "Story Teller — b.gguf (Q4_K_M)" },
      { value: "/elsewhere/c.gguf", label: "c.gguf (not in the models list)" },
    ]);
    expect(levelModelOptions([], undefined, null)).toEqual([{ value: "", label: "Same as main model" }]);
  });
  it("does not repeat the architecture as a name", () => {
    expect(modelLabel({ name: "llama", architecture: "llama", fileName: "tiny.gguf", quantization: null })).toBe("tiny.gguf");
  });
});
