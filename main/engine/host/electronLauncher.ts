/**
 * Starts the engine process as an Electron utilityProcess (the desktop app): a Chromium-managed
 * Node process, so a native crash or an out-of-memory kill in llama.cpp cannot take the window down.
 * The worker (dist/electron/engineWorker.mjs) talks back over `process.parentPort`.
 */
import { utilityProcess } from "electron";
import type { WorkerMessage } from "./protocol";
import type { EngineLauncher, EngineProcess } from "./processHost";

export function electronLauncher(workerPath: string): EngineLauncher {
  return (): EngineProcess => {
    const child = utilityProcess.fork(workerPath, [], { serviceName: "Cascade model", stdio: "inherit" });
    const exitListeners: Array<(code: number | null, signal: string | null) => void> = [];
    let exited: { code: number | null } | null = null;
    child.on("exit", (code: number) => {
      if (exited) return;
      exited = { code };
      for (const l of exitListeners) l(code, null);
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (msg) => {
        if (!exited) child.postMessage(msg);
      },
      onMessage: (listener) => child.on("message", (msg: unknown) => listener(msg as WorkerMessage)),
      onExit: (listener) => {
        if (exited) listener(exited.code, null);
        else exitListeners.push(listener);
      },
      kill: () => {
        child.kill();
      },
    };
  };
}
