/**
 * The main side of the engine process: starts it on the first request, sends requests, routes the
 * answers (and streamed text, load progress) back to their callers, and notices when it dies.
 *
 * Must hold: when the process dies unexpectedly every request in flight rejects with an
 * EngineCrashedError, every engine it held rejects from then on, `onCrash` listeners hear of it once,
 * and the next load (or hardware/estimate question) starts a fresh process.
 */
import type { FitEstimate, HardwareInfo } from "../../../shared/models/types";
import { EngineCrashedError, loadAbortedError, type EngineInfo, type EngineLoadHooks, type EngineOptions, type EngineStats, type GenerationRequest, type GenerationResult, type ScoreRequest, type ScoreResult } from "../engineTypes";
import type { EngineHandle, EngineHost, FitSettings } from "./engineHost";
import { fromWireError, type HostRequest, type LoadReply, type ReplyValues, type WorkerMessage } from "./protocol";

/** A started engine process, whatever started it (Node's child_process, Electron's utilityProcess). */
export interface EngineProcess {
  readonly pid: number | undefined;
  send(msg: HostRequest): void;
  onMessage(listener: (msg: WorkerMessage) => void): void;
  /** Called once when the process has ended (or could not start). */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
  /** Whether the process should keep this one alive (it does only while requests are in flight). */
  setActive?(active: boolean): void;
}

export type EngineLauncher = () => EngineProcess;

/** How long a requested shutdown may take before the process is killed. */
const SHUTDOWN_GRACE_MS = 5_000;

type RequestBody = HostRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
  onEvent?(msg: WorkerMessage): void;
}

/** One run of the engine process, from start to exit. */
class Session {
  readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readyWaiters: Array<() => void> | null = [];
  /** Set once the process is gone: why (a crash error) or null after a requested stop. */
  ended: { error: Error } | null = null;
  stopping = false;

  constructor(
    readonly proc: EngineProcess,
    onCrash: (err: EngineCrashedError) => void,
  ) {
    proc.onMessage((msg) => this.receive(msg));
    proc.onExit((code, signal) => {
      const crashed = !this.stopping;
      const error = crashed ? new EngineCrashedError(code, signal) : new Error("The model process was stopped.");
      this.ended = { error };
      this.readyWaiters = null;
      const pending = [...this.pending.values()];
      this.pending.clear();
      for (const p of pending) p.reject(error);
      if (crashed) onCrash(error as EngineCrashedError);
    });
  }

  request<T>(body: RequestBody, onEvent?: (msg: WorkerMessage) => void): Promise<T> {
    return this.start<T>(body, onEvent).done;
  }

  /** Sends a request (once the process is ready); `id` is what a `cancel` names. */
  start<T>(body: RequestBody, onEvent?: (msg: WorkerMessage) => void): { id: number; done: Promise<T> } {
    const id = this.nextId++;
    if (this.ended) return { id, done: Promise.reject(this.ended.error) };
    const msg = { ...body, id } as HostRequest;
    const done = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onEvent ? { onEvent } : {}) });
      if (this.pending.size === 1) this.proc.setActive?.(true);
      this.whenReady(() => this.proc.send(msg));
    });
    return { id, done };
  }

  /** Fire-and-forget (cancel): dropped if the process is gone. */
  post(msg: HostRequest): void {
    if (!this.ended) this.whenReady(() => this.proc.send(msg));
  }

  private whenReady(fn: () => void): void {
    if (this.readyWaiters) this.readyWaiters.push(fn);
    else if (!this.ended) fn();
  }

  private receive(msg: WorkerMessage): void {
    if (msg.type === "ready") {
      const waiters = this.readyWaiters ?? [];
      this.readyWaiters = null;
      for (const fn of waiters) fn();
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === "result" || msg.type === "error") {
      this.pending.delete(msg.id);
      if (this.pending.size === 0 && !this.stopping) this.proc.setActive?.(false);
      p.onEvent?.(msg);
      if (msg.type === "result") p.resolve(msg.value);
      else p.reject(fromWireError(msg.error));
    } else {
      p.onEvent?.(msg);
    }
  }
}

/** An engine in the engine process, seen from main. */
class RemoteEngine implements EngineHandle {
  private latest: EngineStats;
  private disposed = false;

  constructor(
    private readonly session: Session,
    private readonly engineId: number,
    private readonly engineInfo: EngineInfo,
    stats: EngineStats,
  ) {
    this.latest = stats;
  }

  info(): EngineInfo {
    return { ...this.engineInfo };
  }

  stats(): EngineStats {
    return { ...this.latest };
  }

  async generate(req: GenerationRequest): Promise<GenerationResult> {
    const { signal, onText, ...wire } = req;
    const body = { type: "generate", engineId: this.engineId, req: wire, stream: onText != null } as const;
    const reply = await this.run<ReplyValues["generate"]>(body, signal, (msg) => {
      if (msg.type === "text") for (const chunk of msg.chunks) onText?.(chunk);
    });
    return reply.result;
  }

  async score(req: ScoreRequest): Promise<ScoreResult> {
    const { signal, ...wire } = req;
    return (await this.run<ReplyValues["score"]>({ type: "score", engineId: this.engineId, req: wire }, signal)).result;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.session.ended) return;
    await this.session.request({ type: "dispose", engineId: this.engineId }).catch(() => undefined);
  }

  private track(msg: WorkerMessage): void {
    if (msg.type === "result") this.latest = (msg.value as { stats: EngineStats }).stats;
    else if (msg.type === "error" && msg.stats) this.latest = msg.stats;
  }

  /** Runs a generate/score request that the signal cancels; keeps the counters it reports. */
  private async run<T>(body: RequestBody, signal: AbortSignal | undefined, onEvent?: (msg: WorkerMessage) => void): Promise<T> {
    if (this.session.ended) throw this.session.ended.error;
    if (this.disposed) throw new Error("The model was unloaded.");
    const { id, done } = this.session.start<T>(body, (msg) => {
      onEvent?.(msg);
      this.track(msg);
    });
    const onAbort = () => this.session.post({ type: "cancel", target: id });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    try {
      return await done;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }
}

/** The process host; `processId()` names the running engine process (tests kill it). */
export class ProcessHost implements EngineHost {
  readonly kind = "process" as const;
  private session: Session | null = null;
  private readonly crashListeners = new Set<(reason: string) => void>();

  constructor(private readonly launcher: EngineLauncher) {}

  /** The engine process's pid, or null when none is running. */
  processId(): number | null {
    const s = this.session;
    return s && !s.ended ? (s.proc.pid ?? null) : null;
  }

  /** `hooks.signal` cancels the load in the engine process (a `cancel` message), as for generations. */
  async load(opts: EngineOptions, hooks: EngineLoadHooks = {}): Promise<EngineHandle> {
    const { signal } = hooks;
    if (signal?.aborted) throw loadAbortedError(opts.modelPath);
    const session = this.live();
    const { id, done } = session.start<LoadReply>({ type: "load", opts }, (msg) => {
      if (msg.type === "progress") hooks.onProgress?.(msg.fraction);
    });
    const onAbort = () => session.post({ type: "cancel", target: id });
    signal?.addEventListener("abort", onAbort, { once: true });
    let reply: LoadReply;
    try {
      reply = await done;
    } catch (err) {
      throw signal?.aborted ? loadAbortedError(opts.modelPath) : err;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
    const engine = new RemoteEngine(session, reply.engineId, reply.info, reply.stats);
    if (signal?.aborted) {
      // The cancel arrived after the model had loaded: unload it, so a cancelled load leaves nothing.
      await engine.dispose();
      throw loadAbortedError(opts.modelPath);
    }
    return engine;
  }

  hardware(): Promise<HardwareInfo> {
    return this.live().request<HardwareInfo>({ type: "hardware" });
  }

  estimate(path: string, settings: FitSettings): Promise<FitEstimate> {
    return this.live().request<FitEstimate>({ type: "estimate", path, settings });
  }

  onCrash(listener: (reason: string) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  /** Disposes every engine and stops the process (killing it if it does not stop in time). */
  async dispose(): Promise<void> {
    const s = this.session;
    this.session = null;
    if (!s || s.ended) return;
    s.stopping = true;
    s.proc.setActive?.(true); // until it has exited
    const exited = new Promise<void>((resolve) => s.proc.onExit(() => resolve()));
    const timer = setTimeout(() => s.proc.kill(), SHUTDOWN_GRACE_MS);
    timer.unref?.();
    s.request({ type: "shutdown" }).catch(() => undefined);
    await exited;
    clearTimeout(timer);
  }

  /** The running session, starting the process if there is none (or it died). */
  private live(): Session {
    if (this.session && !this.session.ended) return this.session;
    const session = new Session(this.launcher(), (err) => {
      if (this.session === session) this.session = null;
      for (const l of [...this.crashListeners]) l(err.message);
    });
    this.session = session;
    return session;
  }
}

export function createProcessHost(launcher: EngineLauncher): ProcessHost {
  return new ProcessHost(launcher);
}
