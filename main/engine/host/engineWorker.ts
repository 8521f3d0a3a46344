/**
 * The engine process: hosts any number of loaded Engines by id and answers the main side's requests
 * (see protocol.ts). Runs as a Node child process (`process.send` / `process.on("message")`) or as an
 * Electron utilityProcess (`process.parentPort`), whichever started it. Bundled to
 * dist/electron/engineWorker.mjs; in development and tests it runs from TypeScript under tsx.
 *
 * Must hold: every request gets exactly one answer; a crash here never reaches the project (only the
 * main process writes it); the process ends when its parent goes away.
 */
import { Engine } from "../engine";
import type { EngineStats } from "../engineTypes";
import { HeldEngines } from "../footprint";
import type { HostRequest, WorkerMessage } from "./protocol";
import { toWireError } from "./protocol";
import { fitEstimate, hardwareInfo } from "./runtimeInfo";

interface Port {
  send(msg: WorkerMessage): void;
  listen(handler: (msg: HostRequest) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: "message", listener: (e: { data: unknown }) => void): void;
}

function connect(): Port | null {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (msg) => parentPort.postMessage(msg),
      listen: (handler) => parentPort.on("message", (e) => handler(e.data as HostRequest)),
    };
  }
  if (process.send) {
    // Without a parent there is nobody to answer: leave rather than linger with a model in memory.
    process.on("disconnect", () => process.exit(0));
    // Ctrl+C in the terminal reaches the whole process group; the parent decides when this one stops.
    process.on("SIGINT", () => undefined);
    return {
      send: (msg) => {
        if (process.connected) process.send!(msg);
      },
      listen: (handler) => process.on("message", (msg) => handler(msg as HostRequest)),
    };
  }
  return null;
}

/** Loads report progress many times a second; a hundredth is all a progress bar needs. */
const PROGRESS_STEP = 0.01;
/**
 * Streamed text goes out at most this often, the chunks since the last message in one: a message per
 * token costs a fast model up to a quarter of its speed, and the UI shows streamed text at most every
 * 80 ms anyway (STREAM_INTERVAL_MS). The first chunk goes at once; the rest always precede the answer.
 */
const TEXT_INTERVAL_MS = 40;

function textBatcher(send: (chunks: string[]) => void): { push(chunk: string): void; end(): void } {
  let chunks: string[] = [];
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (chunks.length === 0) return;
    const out = chunks;
    chunks = [];
    last = Date.now();
    send(out);
  };
  return {
    push(chunk) {
      chunks.push(chunk);
      const wait = last + TEXT_INTERVAL_MS - Date.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    end: flush,
  };
}

export function serve(port: Port): void {
  const engines = new Map<number, Engine>();
  /** Running load, generate and score requests by id, for `cancel`. */
  const running = new Map<number, AbortController>();
  /** What each engine holds: hardware and fit answers count it as available (see runtimeInfo.ts). */
  const held = new HeldEngines<number>();
  let nextEngineId = 1;

  const engineFor = (engineId: number): Engine => {
    const engine = engines.get(engineId);
    if (!engine) throw new Error(`The model was unloaded (engine ${engineId} is gone).`);
    return engine;
  };

  const answer = async (msg: Exclude<HostRequest, { type: "cancel" }>): Promise<unknown> => {
    switch (msg.type) {
      case "load": {
        let sent = -1;
        const controller = new AbortController();
        running.set(msg.id, controller);
        let engine: Engine;
        try {
          engine = await Engine.load(msg.opts, {
            onProgress: (fraction) => {
              if (fraction < 1 && fraction - sent < PROGRESS_STEP) return;
              sent = fraction;
              port.send({ type: "progress", id: msg.id, fraction });
            },
            signal: controller.signal,
          });
        } finally {
          running.delete(msg.id);
        }
        const engineId = nextEngineId++;
        engines.set(engineId, engine);
        held.add(engineId, engine.memory());
        return { engineId, info: engine.info(), stats: engine.stats() };
      }
      case "generate": {
        const engine = engineFor(msg.engineId);
        const controller = new AbortController();
        running.set(msg.id, controller);
        const text = msg.stream ? textBatcher((chunks) => port.send({ type: "text", id: msg.id, chunks })) : null;
        try {
          const result = await engine.generate({ ...msg.req, signal: controller.signal, ...(text ? { onText: (chunk: string) => text.push(chunk) } : {}) });
          return { result, stats: engine.stats() };
        } finally {
          text?.end();
          running.delete(msg.id);
        }
      }
      case "score": {
        const engine = engineFor(msg.engineId);
        const controller = new AbortController();
        running.set(msg.id, controller);
        try {
          return { result: await engine.score({ ...msg.req, signal: controller.signal }), stats: engine.stats() };
        } finally {
          running.delete(msg.id);
        }
      }
      case "stats":
        return engineFor(msg.engineId).stats();
      case "dispose": {
        const engine = engines.get(msg.engineId);
        engines.delete(msg.engineId);
        held.delete(msg.engineId);
        await engine?.dispose();
        return null;
      }
      case "hardware":
        return hardwareInfo(held.total());
      case "estimate":
        return fitEstimate(msg.path, msg.settings, held.total());
      case "shutdown": {
        for (const controller of running.values()) controller.abort();
        const all = [...engines.values()];
        engines.clear();
        held.clear();
        await Promise.all(all.map((e) => e.dispose().catch(() => undefined)));
        return null;
      }
    }
  };

  port.listen((msg) => {
    if (msg.type === "cancel") {
      running.get(msg.target)?.abort();
      return;
    }
    answer(msg).then(
      (value) => {
        port.send({ type: "result", id: msg.id, value });
        if (msg.type === "shutdown") setImmediate(() => process.exit(0));
      },
      (err: unknown) => {
        const stats: EngineStats | undefined = "engineId" in msg ? engines.get(msg.engineId)?.stats() : undefined;
        port.send({ type: "error", id: msg.id, error: toWireError(err), ...(stats ? { stats } : {}) });
      },
    );
  });
  port.send({ type: "ready", pid: process.pid });
}

const port = connect();
if (port) serve(port);
else {
  console.error("engineWorker: started without a parent process; nothing to do.");
  process.exitCode = 1;
}
