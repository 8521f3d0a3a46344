import { beforeEach, describe, expect, it } from "vitest";
import type { AppSettingsView, ModelStatus, Result } from "../../shared/ipc/contract";
import type { DownloadView, FitEstimate } from "../../shared/models/types";
import { fakeApi } from "../testing/fakeApi";
import { useAppStore } from "./useAppStore";

const initial = useAppStore.getState();
const settle = () => new Promise((r) => setTimeout(r, 0));


const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const status = (state: ModelStatus["state"], extra: Partial<ModelStatus> = {}): ModelStatus => ({ state, modelPath: "/m/big.gguf", modelId: null, message: null, help: "", ...extra });
const settings = (extra: Partial<AppSettingsView> = {}): AppSettingsView => ({
  modelPath: "/m/big.gguf",
  threads: "auto",
  gpuLayers: "auto",
  contextSize: "auto",
  levelModels: {},
  recentProjects: [],
  ...extra,
});
const download = (state: DownloadView["state"], extra: Partial<DownloadView> = {}): DownloadView => ({
  id: "d1",
  catalogId: "small",
  uri: "hf:x/small",
  fileName: "small.gguf",
  path: state === "done" ? "/models/small.gguf" : null,
  state,
  downloadedBytes: 10,
  totalBytes: 100,
  bytesPerSecond: 5,
  etaSeconds: 18,
  checksum: null,
  error: null,
  ...extra,
});

describe("the models slice", () => {
  beforeEach(() => useAppStore.setState(initial, true));

  it("merges download replies and events by id, and uses a download started to be used once it is done, once", async () => {
    const calls = fakeApi({
      "models:download": () => ok(download("downloading", { downloadedBytes: 0 })),
      "models:list": () => ok({ dir: "/models", models: [] }),
      "model:set-path": (input) => ok(status("loading", { modelPath: (input as { path: string }).path })),
    });
    expect(await useAppStore.getState().startDownload("small", { use: true })).toBe(true);
    const s = useAppStore.getState();
    s.receiveDownload(download("downloading", { downloadedBytes: 50 }));
    expect(useAppStore.getState().downloads).toHaveLength(1);
    expect(useAppStore.getState().downloads[0]!.downloadedBytes).toBe(50);
    s.receiveDownload(download("done"));
    s.receiveDownload(download("done"));
    await settle();
    expect(calls.filter((c) => c[0] === "model:set-path")).toEqual([["model:set-path", { path: "/models/small.gguf" }]]);
    expect(calls.filter((c) => c[0] === "models:list")).toHaveLength(1);
    expect(useAppStore.getState().downloadsToUse).toEqual([]);
  });

  it("does not load a finished download nobody asked to use", async () => {
    const calls = fakeApi({ "models:list": () => ok({ dir: "/models", models: [] }) });
    useAppStore.getState().receiveDownload(download("done"));
    await settle();
    expect(calls.some((c) => c[0] === "model:set-path")).toBe(false);
  });

  it("'fewer GPU layers' saves about half the layers the estimate put on the GPU; 'CPU only' turns the GPU off", async () => {
    const estimate = { gpuLayers: 33, totalLayers: 33 } as FitEstimate;
    const calls = fakeApi({
      "settings:get": () => ok(settings()),
      "models:estimate": () => ok(estimate),
      "settings:update": (input) => ok(settings(input as Partial<AppSettingsView>)),
    });
    useAppStore.setState({ model: status("error", { errorKind: "out-of-memory", remedies: ["fewer-gpu-layers", "cpu-only"] }) });
    await useAppStore.getState().applyRemedy("fewer-gpu-layers");
    expect(calls.find((c) => c[0] === "models:estimate")?.[1]).toEqual({ path: "/m/big.gguf" });
    expect(calls.filter((c) => c[0] === "settings:update").map((c) => c[1])).toEqual([{ gpuLayers: 16 }]);
    await useAppStore.getState().applyRemedy("cpu-only");
    expect(calls.filter((c) => c[0] === "settings:update").map((c) => c[1])).toEqual([{ gpuLayers: 16 }, { gpuLayers: "off" }]);
    expect(useAppStore.getState().appSettings?.gpuLayers).toBe("off");
  });

  it("'try again' reloads without saving anything; 'a smaller model' opens Models at the catalog", async () => {
    const calls = fakeApi({ "model:reload": () => ok(status("loading")) });
    useAppStore.setState({ model: status("error", { errorKind: "crashed" }) });
    await useAppStore.getState().applyRemedy("retry");
    expect(calls.map((c) => c[0])).toEqual(["model:reload"]);
    expect(useAppStore.getState().model?.state).toBe("loading");
    await useAppStore.getState().applyRemedy("smaller-model");
    expect(useAppStore.getState()).toMatchObject({ modelsOpen: true, modelsFocus: "catalog" });
  });

  it("keeps each level model's status by path, and drops one no longer chosen", async () => {
    const line = (state: ModelStatus["state"], extra: Partial<ModelStatus> = {}) => ({ path: "/m/small.gguf", levels: ["line" as const], status: status(state, { modelPath: "/m/small.gguf", ...extra }) });
    fakeApi({ "models:levels": () => ok({ models: [line("none")] }) });
    await useAppStore.getState().loadLevelModels();
    expect(useAppStore.getState().levelModels?.map((m) => m.status.state)).toEqual(["none"]);
    useAppStore.getState().receiveLevelModel(line("loading", { progress: 0.4 }));
    useAppStore.getState().receiveLevelModel({ path: "/m/big.gguf", levels: ["premise", "beat"], status: status("ready", { modelPath: "/m/big.gguf" }) });
    expect(useAppStore.getState().levelModels?.map((m) => [m.path, m.status.state, m.status.progress ?? null])).toEqual([
      ["/m/small.gguf", "loading", 0.4],
      ["/m/big.gguf", "ready", null],
    ]);
    useAppStore.getState().receiveLevelModel({ ...line("none"), levels: [] });
    expect(useAppStore.getState().levelModels?.map((m) => m.path)).toEqual(["/m/big.gguf"]);
  });

  it("says so when a model chosen from the onboarding is ready, and only then", () => {
    fakeApi({});
    const s = useAppStore.getState();
    s.setOnboardingEngaged(true);
    s.receiveModel(status("loading", { progress: 0.5 }));
    expect(useAppStore.getState().toasts).toHaveLength(0);
    s.receiveModel(status("ready", { modelPath: "/m/tiny.gguf" }));
    expect(useAppStore.getState().onboardingEngaged).toBe(false);
    expect(useAppStore.getState().toasts.map((t) => t.message)).toEqual([expect.stringContaining("tiny.gguf is ready")]);
    s.receiveModel(status("ready", { modelPath: "/m/tiny.gguf" }));
    expect(useAppStore.getState().toasts).toHaveLength(1);
  });

  it("a level's model goes to settings:update, null back to the main model", async () => {
    const calls = fakeApi({ "settings:update": () => ok(settings({ levelModels: { line: "/m/fast.gguf" } })) });
    expect(await useAppStore.getState().setLevelModel("line", "/m/fast.gguf")).toBe(true);
    expect(await useAppStore.getState().setLevelModel("premise", null)).toBe(true);
    // Each change is saved, then the level models' statuses are read again.
    expect(calls.map((c) => c[0])).toEqual(["settings:update", "models:levels", "settings:update", "models:levels"]);
    expect(calls.filter((c) => c[0] === "settings:update").map((c) => c[1])).toEqual([
      { levelModel: { level: "line", path: "/m/fast.gguf" } },
      { levelModel: { level: "premise", path: null } },
    ]);
    expect(useAppStore.getState().appSettings?.levelModels).toEqual({ line: "/m/fast.gguf" });
  });
});
