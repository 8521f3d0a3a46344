/**
 * ModelService's loading life cycle, with a fake Engine whose loads finish when the test says so.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ModelStatus } from "../../shared/ipc/contract";
import { ModelLoadError } from "../engine/engineTypes";
import { ModelService, type ModelConfig } from "./modelService";

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
