/**
 * ModelService's loading life cycle, with a fake Engine whose loads finish when the test says so
 * (through the default in-process host), and with a fake EngineHost for progress, remedies and crashes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ModelStatus } from "../../shared/ipc/contract";
import { EngineCrashedError, loadAbortedError, ModelLoadError, type EngineLoadHooks, type EngineOptions } from "../engine/engineTypes";
import type { EngineHandle, EngineHost } from "../engine/host/engineHost";
import { CRASH_HELP, ModelService, type ModelConfig } from "./modelService";

const fake = vi.hoisted(() => {
  interface LoadOpts {
    modelPath: string;
    threads: unknown;
    gpuLayers: unknown;
  }
  class FakeEngine {
    disposed = false;
    constructor(readonly opts: LoadOpts) {
      state.live.add(this);
      state.maxLive = Math.max(state.maxLive, state.live.size);
    }
    static load(opts: LoadOpts): Promise<FakeEngine> {
      return new Promise<FakeEngine>((resolve, reject) => {
        state.loads.push({ opts, resolve: () => resolve(new FakeEngine(opts)), reject });
      });
    }
    info() {
      return { gpu: false, gpuLayers: 0, contextSize: 512, threads: 2 };
    }
    memory() {
      return { vramBytes: 0, ramBytes: 1 };
    }
    async dispose(): Promise<void> {
      this.disposed = true;
      state.live.delete(this);
    }
  }
  const state = {
    loads: [] as { opts: LoadOpts; resolve: () => void; reject: (e: unknown) => void }[],
    live: new Set<FakeEngine>(),
    maxLive: 0,
  };
  return { FakeEngine, state };
});
vi.mock("../engine/engine", () => ({ Engine: fake.FakeEngine }));

const { state } = fake;
type Fake = InstanceType<typeof fake.FakeEngine>;

const config = (over: Partial<ModelConfig> = {}): ModelConfig => ({
  modelPath: "/models/a.gguf",
  threads: 2,
  gpuLayers: "auto",
  contextSize: "auto",
  ...over,
});

/** Lets the service's promise chains (and the lazy import) run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

function service(cfg: ModelConfig) {
  const statuses: ModelStatus[] = [];
  const svc = new ModelService(cfg, (s) => statuses.push(s));
  return { svc, statuses, states: () => statuses.map((s) => s.state) };
}

beforeEach(() => {
  state.loads.length = 0;
  state.live.clear();
  state.maxLive = 0;
});

describe("ModelService loads", () => {
  it("a settings change during the preload: one engine, with the new settings; a waiting job gets it", async () => {
    const { svc, statuses, states } = service(config({ threads: 2 }));
    svc.preload();
    const job = svc.ensureEngine(); // a generation requested while the preload runs
    await vi.waitFor(() => expect(state.loads).toHaveLength(1));

    const reconfigured = svc.reconfigure(config({ threads: 4, gpuLayers: 10 }));
    const since = statuses.length;
    state.loads[0]!.resolve(); // the old-settings load finishes late
    await vi.waitFor(() => expect(state.loads).toHaveLength(2));
    expect(state.loads[1]!.opts).toMatchObject({ threads: 4, gpuLayers: 10 });
    expect(states().slice(since)).not.toContain("ready"); // the stale engine is never announced
    state.loads[1]!.resolve();

    const status = await reconfigured;
    expect(status.state).toBe("ready");
    const engine = (await job) as unknown as Fake;
    expect(engine.opts).toMatchObject({ threads: 4, gpuLayers: 10 });
    expect(engine.disposed).toBe(false);
    expect((await svc.ensureEngine()) as unknown as Fake).toBe(engine);
    expect([...state.live]).toEqual([engine]);
    expect(state.maxLive).toBe(1);
    expect(svc.current().state).toBe("ready");
  });

  it("picking the same model again during its load does not leave two engines", async () => {
    const { svc } = service(config());
    svc.preload();
    await vi.waitFor(() => expect(state.loads).toHaveLength(1));
    const reconfigured = svc.reconfigure(config());
    state.loads[0]!.resolve();
    await vi.waitFor(() => expect(state.loads).toHaveLength(2));
    state.loads[1]!.resolve();
    expect((await reconfigured).state).toBe("ready");
    const engine = (await svc.ensureEngine()) as unknown as Fake;
    expect(state.live.size).toBe(1);
    expect(state.live.has(engine)).toBe(true);
    expect(state.maxLive).toBe(1);
    await svc.dispose();
    expect(state.live.size).toBe(0);
  });

  it("a late failure of a superseded load neither shows an error nor drops the current load", async () => {
    const { svc, statuses, states } = service(config());
    svc.preload();
    await vi.waitFor(() => expect(state.loads).toHaveLength(1));
    const reconfigured = svc.reconfigure(config({ threads: 8 }));
    const since = statuses.length;
    state.loads[0]!.reject(new Error("old load fell over"));
    await vi.waitFor(() => expect(state.loads).toHaveLength(2));
    expect(states().slice(since)).not.toContain("error");
    expect(svc.current().state).toBe("loading");

    const job = svc.ensureEngine(); // joins the current load rather than starting a third
    await settle();
    expect(state.loads).toHaveLength(2);
    state.loads[1]!.resolve();
    expect((await reconfigured).state).toBe("ready");
    expect(((await job) as unknown as Fake).opts.threads).toBe(8);
    expect(state.live.size).toBe(1);
    expect(states().slice(since)).not.toContain("error");
  });

  it("clearing the model during a load: the waiting job is told there is no model, and nothing stays loaded", async () => {
    const { svc } = service(config());
    const job = svc.ensureEngine();
    await vi.waitFor(() => expect(state.loads).toHaveLength(1));
    const reconfigured = svc.reconfigure(config({ modelPath: null }));
    state.loads[0]!.resolve();
    expect((await reconfigured).state).toBe("none");
    await expect(job).rejects.toMatchObject({ code: "no-model" });
    await settle();
    expect(state.live.size).toBe(0);
    expect(svc.current().state).toBe("none");
  });

  it("dispose during a load releases the engine when it arrives and never reports it ready", async () => {
    const { svc, states } = service(config());
    svc.preload();
    await vi.waitFor(() => expect(state.loads).toHaveLength(1));
    const disposed = svc.dispose();
    state.loads[0]!.resolve();
    await disposed;
    await settle();
    expect(state.live.size).toBe(0);
    expect(states()).not.toContain("ready");
  });

  it("a current load failure is reported with its hint and retried on the next request", async () => {
    const { svc } = service(config());
    const first = svc.ensureEngine();
    await vi.waitFor(() => expect(state.loads).toHaveLength(1));
    state.loads[0]!.reject(new ModelLoadError("missing", "/models/a.gguf", "Model file not found: /models/a.gguf", "Pick the file again."));
    await expect(first).rejects.toBeInstanceOf(ModelLoadError);
    expect(svc.current()).toMatchObject({ state: "error", message: "Model file not found: /models/a.gguf", help: "Pick the file again." });

    const second = svc.ensureEngine();
    await vi.waitFor(() => expect(state.loads).toHaveLength(2));
    state.loads[1]!.resolve();
    await second;
    expect(svc.current().state).toBe("ready");
    expect(state.live.size).toBe(1);
  });
});

/** An EngineHost whose loads the test finishes (or the load's signal cancels), and whose process the test can "crash". */
function fakeHost() {
  const loads: Array<{ opts: EngineOptions; hooks: EngineLoadHooks; resolve: () => void; reject: (e: unknown) => void }> = [];
  const crashListeners = new Set<(reason: string) => void>();
  const handle = (opts: EngineOptions): EngineHandle => ({
    generate: () => Promise.reject(new Error("not in this test")),
    score: () => Promise.reject(new Error("not in this test")),
    info: () => ({ modelId: "a.gguf", modelPath: opts.modelPath, contextSize: 1024, sequences: 4, threads: 3, gpu: "cuda", gpuLayers: 28, hasChatTemplate: true, promptFormat: "chat" }),
    stats: () => ({ requests: 0, completed: 0, aborted: 0, failed: 0, promptTokens: 0, evaluatedTokens: 0, reusedTokens: 0, generatedTokens: 0, maxConcurrent: 0, running: 0, queued: 0 }),
    dispose: async () => undefined,
  });
  const host: EngineHost = {
    kind: "process",
    load: (opts, hooks = {}) =>
      new Promise<EngineHandle>((resolve, reject) => {
        loads.push({ opts, hooks, resolve: () => resolve(handle(opts)), reject });
        // As the real hosts do: a cancelled load rejects with an AbortError (and loads nothing).
        hooks.signal?.addEventListener("abort", () => reject(loadAbortedError(opts.modelPath)), { once: true });
      }),
    hardware: () => Promise.reject(new Error("unused")),
    estimate: () => Promise.reject(new Error("unused")),
    onCrash: (l) => {
      crashListeners.add(l);
      return () => crashListeners.delete(l);
    },
    dispose: async () => undefined,
  };
  const crash = (err = new EngineCrashedError(null, "SIGKILL")) => {
    for (const l of [...crashListeners]) l(err.message);
    return err;
  };
  return { host, loads, crash, listeners: crashListeners };
}

function hosted(cfg: ModelConfig = config()) {
  const h = fakeHost();
  const statuses: ModelStatus[] = [];
  const svc = new ModelService(cfg, (s) => statuses.push(s), h.host);
  return { ...h, svc, statuses };
}

describe("ModelService through an EngineHost", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("loads through the host with the configured options and reports how the model runs", async () => {
    const { svc, loads } = hosted(config({ threads: 3, gpuLayers: 28, contextSize: 1024, sequences: 2 }));
    const ready = svc.ensureEngine();
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    expect(loads[0]!.opts).toEqual({ modelPath: "/models/a.gguf", threads: 3, gpuLayers: 28, contextSize: 1024, sequences: 2 });
    expect(svc.current()).toMatchObject({ state: "loading", progress: 0, loaded: null });
    loads[0]!.resolve();
    const engine = await ready;
    expect(svc.loaded()).toBe(engine);
    expect(svc.current()).toMatchObject({ state: "ready", progress: null, errorKind: null, remedies: [], loaded: { gpu: "cuda", gpuLayers: 28, contextSize: 1024, threads: 3 } });
  });

  it("shows load progress, at most ten times a second, the latest value winning", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { svc, loads, statuses } = hosted();
    const ready = svc.ensureEngine();
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    const progressOf = () => statuses.filter((s) => s.state === "loading").map((s) => s.progress);
    expect(progressOf()).toEqual([0]);

    const report = loads[0]!.hooks.onProgress!;
    report(0.1); // the first report goes out at once
    for (let f = 0.11; f < 0.5; f += 0.01) report(f); // a burst within the same 100 ms: held back
    expect(progressOf()).toEqual([0, 0.1]);
    report(0.5);
    await vi.advanceTimersByTimeAsync(100);
    expect(progressOf()).toEqual([0, 0.1, 0.5]); // only the latest of the burst
    expect(svc.current().progress).toBe(0.5);

    report(0.9);
    loads[0]!.resolve();
    await ready;
    await vi.advanceTimersByTimeAsync(500);
    // Once ready, a late progress report changes nothing.
    expect(svc.current()).toMatchObject({ state: "ready", progress: null });
    expect(statuses.at(-1)!.state).toBe("ready");
  });

  it.each([
    ["out-of-memory", "Not enough memory to load /models/a.gguf", "auto", ["fewer-gpu-layers", "cpu-only", "smaller-model"]],
    ["out-of-memory", "Not enough memory to load /models/a.gguf", "off", ["smaller-model"]],
    ["load-failed", "Could not load /models/a.gguf: tensor data is not within bounds", "auto", ["cpu-only", "pick-file", "retry"]],
    ["load-failed", "Could not load /models/a.gguf: unknown model architecture: 'mamba9'", "auto", ["smaller-model", "pick-file"]],
    ["missing", "Model file not found: /models/a.gguf", "auto", ["pick-file"]],
    ["not-gguf", "/models/a.gguf is not a GGUF model file", "auto", ["pick-file"]],
    ["unreadable", "Cannot read /models/a.gguf", "auto", ["pick-file"]],
  ] as const)("a %s load error (%s, GPU %s) offers its remedies", async (kind, message, gpuLayers, remedies) => {
    const { svc, loads } = hosted(config({ gpuLayers }));
    const job = svc.ensureEngine();
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    loads[0]!.reject(new ModelLoadError(kind, "/models/a.gguf", message, "Do this."));
    await expect(job).rejects.toBeInstanceOf(ModelLoadError);
    expect(svc.current()).toMatchObject({ state: "error", message, help: "Do this.", errorKind: kind, remedies, progress: null });
  });

  it("when the engine process dies, drops the engine, says so, and loads again on the next request", async () => {
    const { svc, loads, crash, statuses } = hosted();
    const first = svc.ensureEngine();
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    loads[0]!.resolve();
    await first;

    const err = crash();
    expect(svc.loaded()).toBeNull();
    expect(svc.current()).toMatchObject({ state: "error", message: err.message, help: CRASH_HELP, errorKind: "crashed", remedies: ["retry", "cpu-only"], loaded: null });
    expect(err.message).toMatch(/stopped unexpectedly \(signal SIGKILL\)\. Cascade restarts it on the next request\./);
    expect(statuses.at(-1)!.errorKind).toBe("crashed");

    const again = svc.ensureEngine();
    await vi.waitFor(() => expect(loads).toHaveLength(2));
    expect(svc.current().state).toBe("loading");
    loads[1]!.resolve();
    expect(await again).toBe(svc.loaded());
    expect(svc.current().state).toBe("ready");
  });

  it("a crash during the load fails it as crashed; the next request tries again", async () => {
    const { svc, loads } = hosted();
    const job = svc.ensureEngine();
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    const err = new EngineCrashedError(134, null);
    loads[0]!.reject(err); // what the process host does with a load in flight when the process dies
    await expect(job).rejects.toBe(err);
    expect(svc.current()).toMatchObject({ state: "error", errorKind: "crashed", message: err.message, help: CRASH_HELP, remedies: ["retry", "cpu-only"] });
    const again = svc.ensureEngine();
    await vi.waitFor(() => expect(loads).toHaveLength(2));
    loads[1]!.resolve();
    await again;
    expect(svc.current().state).toBe("ready");
  });

  it("dispose cancels a running load and resolves without that load ever finishing", async () => {
    const { svc, loads, statuses } = hosted();
    const job = svc.ensureEngine();
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    const signal = loads[0]!.hooks.signal!;
    expect(signal.aborted).toBe(false);
    const disposed = svc.dispose();
    expect(signal.aborted).toBe(true);
    await disposed; // the fake load is never resolved: only its cancellation lets this settle
    await expect(job).rejects.toMatchObject({ code: "model-error" });
    expect(statuses.map((s) => s.state)).not.toContain("ready");
    expect(statuses.map((s) => s.state)).not.toContain("error"); // a cancellation is no failure
    expect(svc.loaded()).toBeNull();
  });

  it("switching models cancels the superseded load and starts the new one without waiting for it", async () => {
    const { svc, loads, statuses } = hosted(config({ modelPath: "/models/big-12b.gguf" }));
    svc.preload();
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    const since = statuses.length;
    const switched = svc.reconfigure(config({ modelPath: "/models/small.gguf" }));
    expect(loads[0]!.hooks.signal!.aborted).toBe(true);
    await vi.waitFor(() => expect(loads).toHaveLength(2)); // loads[0] never resolved
    expect(loads[1]!.opts.modelPath).toBe("/models/small.gguf");
    expect(loads[1]!.hooks.signal!.aborted).toBe(false);
    loads[1]!.resolve();
    expect(await switched).toMatchObject({ state: "ready", modelPath: "/models/small.gguf" });
    expect(statuses.slice(since).map((s) => s.state)).not.toContain("error");

    // Unloading the model later cancels nothing: that load is over.
    await svc.reconfigure(config({ modelPath: null }));
    expect(loads[1]!.hooks.signal!.aborted).toBe(false);
  });

  it("a crash with no engine loaded leaves the status alone; a disposed service stops listening", async () => {
    const { svc, crash, listeners, statuses } = hosted();
    crash();
    expect(svc.current().state).toBe("none");
    expect(statuses).toEqual([]);
    await svc.dispose();
    expect(listeners.size).toBe(0);
  });
});
