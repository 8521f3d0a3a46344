/**
 * The process host's bookkeeping, with a fake engine process the test plays: requests wait for the
 * worker's "ready", answers and streamed text reach the right caller, cancellation becomes a message,
 * errors come back as real error classes, and an unexpected exit fails everything in flight once.
 * (engineCrash.test.ts does the same against a real engine process with the real model.)
 */
import { describe, expect, it } from "vitest";
import { EngineCrashedError, ModelLoadError, type EngineStats } from "../engineTypes";
import { createProcessHost, type EngineProcess } from "./processHost";
import type { HostRequest, WorkerMessage } from "./protocol";

class FakeProcess implements EngineProcess {
  readonly sent: HostRequest[] = [];
  private messageListeners: Array<(m: WorkerMessage) => void> = [];
  private exitListeners: Array<(code: number | null, signal: string | null) => void> = [];
  killed = 0;
  active: boolean[] = [];
  constructor(readonly pid: number) {}
  send(msg: HostRequest): void {
    this.sent.push(msg);
  }
  onMessage(l: (m: WorkerMessage) => void): void {
    this.messageListeners.push(l);
  }
  onExit(l: (code: number | null, signal: string | null) => void): void {
    this.exitListeners.push(l);
  }
  kill(): void {
    this.killed++;
  }
  setActive(active: boolean): void {
    this.active.push(active);
  }
  reply(msg: WorkerMessage): void {
    for (const l of this.messageListeners) l(msg);
  }
  exit(code: number | null, signal: string | null): void {
    for (const l of this.exitListeners) l(code, signal);
  }
  last(): HostRequest {
    return this.sent.at(-1)!;
  }
}

const STATS: EngineStats = { requests: 0, completed: 0, aborted: 0, failed: 0, promptTokens: 0, evaluatedTokens: 0, reusedTokens: 0, generatedTokens: 0, maxConcurrent: 0, running: 0, queued: 0 };
const INFO = { modelId: "m.gguf", modelPath: "/m.gguf", contextSize: 512, sequences: 2, threads: 1, gpu: false as const, gpuLayers: 0, hasChatTemplate: false, promptFormat: "completion" as const };
const REQ = { prompt: { system: "", user: "Once" }, sampling: { temperature: 0.8, topP: 0.95, minP: 0.05, maxTokens: 8 }, seed: 1 };
const tick = () => new Promise<void>((r) => setTimeout(r, 0));

function setup() {
  const procs: FakeProcess[] = [];
  const host = createProcessHost(() => {
    const p = new FakeProcess(1000 + procs.length);
    procs.push(p);
    return p;
  });
  const crashes: string[] = [];
  host.onCrash((r) => crashes.push(r));
  return { host, procs, crashes };
}

/** Loads an engine through the fake process (which says ready first). */
async function loaded(s: ReturnType<typeof setup>) {
  const progress: number[] = [];
  const pending = s.host.load({ modelPath: "/m.gguf", threads: 1, gpuLayers: "off" }, { onProgress: (f) => progress.push(f) });
  const proc = s.procs.at(-1)!;
  proc.reply({ type: "ready", pid: proc.pid });
  const id = (proc.last() as { id: number }).id;
  proc.reply({ type: "progress", id, fraction: 0.5 });
  proc.reply({ type: "result", id, value: { engineId: 7, info: INFO, stats: STATS } });
  return { engine: await pending, proc, progress };
}

describe("process host", () => {
  it("starts the process on the first request and sends nothing before the worker is ready", async () => {
    const s = setup();
    expect(s.procs).toHaveLength(0);
    expect(s.host.processId()).toBeNull();
    const answer = s.host.hardware();
    expect(s.procs).toHaveLength(1);
    const proc = s.procs[0]!;
    expect(proc.sent).toEqual([]);
    proc.reply({ type: "ready", pid: proc.pid });
    expect(proc.sent).toEqual([{ type: "hardware", id: 1 }]);
    proc.reply({ type: "result", id: 1, value: { cpus: 2 } });
    expect(await answer).toEqual({ cpus: 2 });
    expect(s.host.processId()).toBe(1000);
    expect(proc.active).toEqual([true, false]); // keeps this process alive only while a request is out
  });

  it("loads with progress, streams text, keeps the latest counters and turns an abort into a cancel message", async () => {
    const s = setup();
    const { engine, proc, progress } = await loaded(s);
    expect(progress).toEqual([0.5]);
    expect(engine.info()).toEqual(INFO);

    const chunks: string[] = [];
    const controller = new AbortController();
    const gen = engine.generate({ ...REQ, signal: controller.signal, onText: (c) => chunks.push(c) });
    const sent = proc.last() as Extract<HostRequest, { type: "generate" }>;
    expect(sent).toMatchObject({ type: "generate", engineId: 7, stream: true, req: REQ });
    expect("signal" in sent.req || "onText" in sent.req).toBe(false);
    proc.reply({ type: "text", id: sent.id, chunks: ["Once"] });
    proc.reply({ type: "text", id: sent.id, chunks: [" up", "on"] });
    controller.abort();
    expect(proc.last()).toEqual({ type: "cancel", target: sent.id });
    const result = { text: "Once upon", aborted: true, complete: false, stats: { promptTokens: 2, evaluatedTokens: 2, reusedTokens: 0, generatedTokens: 2, ms: 1, sequenceIndex: 0 } };
    proc.reply({ type: "result", id: sent.id, value: { result, stats: { ...STATS, requests: 1, aborted: 1 } } });
    expect(await gen).toEqual(result);
    expect(chunks).toEqual(["Once", " up", "on"]); // one onText per chunk, however they were batched
    expect(engine.stats()).toMatchObject({ requests: 1, aborted: 1 });

    // An already-aborted signal cancels at once; the AbortError comes back as one.
    const score = engine.score({ prompt: REQ.prompt, text: "x", signal: AbortSignal.abort() });
    const scoreReq = proc.sent.at(-2) as { id: number; type: string };
    expect(scoreReq.type).toBe("score");
    expect(proc.last()).toEqual({ type: "cancel", target: scoreReq.id });
    proc.reply({ type: "error", id: scoreReq.id, error: { name: "AbortError", message: "Scoring was cancelled." } });
    const err = await score.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe("AbortError");
  });

  it("rethrows a load failure as a real ModelLoadError", async () => {
    const s = setup();
    const load = s.host.load({ modelPath: "/missing.gguf", threads: 1, gpuLayers: "off" });
    const proc = s.procs[0]!;
    proc.reply({ type: "ready", pid: proc.pid });
    proc.reply({ type: "error", id: 1, error: { name: "ModelLoadError", message: "Model file not found: /missing.gguf", kind: "missing", path: "/missing.gguf", hint: "Pick it again." } });
    const err = await load.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect(err).toMatchObject({ kind: "missing", path: "/missing.gguf", hint: "Pick it again.", message: "Model file not found: /missing.gguf" });
    expect(s.crashes).toEqual([]);
  });

  it("a load's signal becomes a cancel message; the load rejects with an AbortError", async () => {
    const s = setup();
    const controller = new AbortController();
    const load = s.host.load({ modelPath: "/m.gguf", threads: 1, gpuLayers: "off" }, { signal: controller.signal });
    const proc = s.procs[0]!;
    controller.abort(); // before the worker is even ready: the cancel follows the load
    proc.reply({ type: "ready", pid: proc.pid });
    expect(proc.sent).toEqual([{ type: "load", id: 1, opts: { modelPath: "/m.gguf", threads: 1, gpuLayers: "off" } }, { type: "cancel", target: 1 }]);
    proc.reply({ type: "error", id: 1, error: { name: "AbortError", message: "Loading /m.gguf was cancelled." } });
    const err = await load.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect(err).toMatchObject({ name: "AbortError" });

    // Already aborted: nothing is sent at all.
    const sent = proc.sent.length;
    await expect(s.host.load({ modelPath: "/m.gguf", threads: 1, gpuLayers: "off" }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(proc.sent).toHaveLength(sent);
    expect(s.crashes).toEqual([]);
  });

  it("a cancel that arrives after the model loaded unloads it, and the load still rejects with an AbortError", async () => {
    const s = setup();
    const controller = new AbortController();
    const load = s.host.load({ modelPath: "/m.gguf", threads: 1, gpuLayers: "off" }, { signal: controller.signal });
    const proc = s.procs[0]!;
    proc.reply({ type: "ready", pid: proc.pid });
    controller.abort();
    proc.reply({ type: "result", id: 1, value: { engineId: 3, info: INFO, stats: STATS } }); // it won the race
    await tick();
    expect(proc.last()).toMatchObject({ type: "dispose", engineId: 3 });
    proc.reply({ type: "result", id: (proc.last() as { id: number }).id, value: null });
    await expect(load).rejects.toMatchObject({ name: "AbortError" });
  });

  it("an unexpected exit fails what is in flight and the dead engine, tells the listeners once, and the next load starts afresh", async () => {
    const s = setup();
    const { engine, proc } = await loaded(s);
    const gen = engine.generate(REQ);
    const hw = s.host.hardware();
    proc.exit(null, "SIGKILL");
    for (const p of [gen, hw]) {
      const err = await p.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineCrashedError);
      expect((err as Error).message).toBe("The model process stopped unexpectedly (signal SIGKILL). Cascade restarts it on the next request.");
    }
    expect(s.crashes).toEqual(["The model process stopped unexpectedly (signal SIGKILL). Cascade restarts it on the next request."]);
    expect(s.host.processId()).toBeNull();
    await expect(engine.generate(REQ)).rejects.toBeInstanceOf(EngineCrashedError);
    await expect(engine.score({ prompt: REQ.prompt, text: "x" })).rejects.toBeInstanceOf(EngineCrashedError);
    await engine.dispose(); // nothing to do, and no error

    const next = await loaded(s);
    expect(s.procs).toHaveLength(2);
    expect(s.host.processId()).toBe(1001);
    expect(next.engine.info()).toEqual(INFO);
    await expect(engine.generate(REQ)).rejects.toThrow(/exit code|signal/); // the old engine stays dead
  });

  it("dispose asks the process to shut down and waits for it; that exit is no crash", async () => {
    const s = setup();
    const { proc } = await loaded(s);
    const disposed = s.host.dispose();
    expect(proc.last()).toMatchObject({ type: "shutdown" });
    let done = false;
    void disposed.then(() => (done = true));
    await tick();
    expect(done).toBe(false);
    proc.reply({ type: "result", id: (proc.last() as { id: number }).id, value: null });
    proc.exit(0, null);
    await disposed;
    expect(s.crashes).toEqual([]);
    expect(s.host.processId()).toBeNull();
    expect(proc.killed).toBe(0);
  });
});
