/**
 * Starts the engine process as a Node child process (the web shell, tests, the benchmark).
 *
 * The worker is found beside this file: `engineWorker.ts` when running from the sources (started
 * under tsx's loader), or a bundled `engineWorker.mjs`. The child's stdout goes to our stderr, so a
 * shell whose stdout is for its own output (the web shell's launch line) keeps it clean.
 */
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { WorkerMessage } from "./protocol";
import type { EngineLauncher, EngineProcess } from "./processHost";

export interface NodeLauncherOptions {
  /** The worker module: a `.ts` file runs under tsx, anything else with plain Node. Default: found beside this file. */
  workerPath?: string;
  /** Extra environment for the engine process (on top of ours). */
  env?: NodeJS.ProcessEnv;
}

/** Where the worker is when nobody says: the TypeScript source in development, the bundle otherwise. */
export function defaultWorkerPath(): string {
  const source = fileURLToPath(new URL("./engineWorker.ts", import.meta.url));
  return existsSync(source) ? source : fileURLToPath(new URL("./engineWorker.mjs", import.meta.url));
}

/** The `--import` argument that lets Node run the TypeScript worker (tsx's ESM + CJS loader). */
function tsxImport(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
}

export function nodeLauncher(opts: NodeLauncherOptions = {}): EngineLauncher {
  return (): EngineProcess => {
    const workerPath = opts.workerPath ?? defaultWorkerPath();
    const child = fork(workerPath, [], {
      execArgv: workerPath.endsWith(".ts") ? ["--import", tsxImport()] : [],
      env: { ...process.env, ...opts.env },
      serialization: "advanced",
      stdio: ["ignore", 2, 2, "ipc"],
    });
    const exitListeners: Array<(code: number | null, signal: string | null) => void> = [];
    let exited: { code: number | null; signal: string | null } | null = null;
    const ended = (code: number | null, signal: string | null) => {
      if (exited) return;
      exited = { code, signal };
      for (const l of exitListeners) l(code, signal);
    };
    child.on("exit", (code, signal) => ended(code, signal));
    // A process that could not start (or whose channel broke) ends here too.
    child.on("error", () => {
      if (child.exitCode == null && child.signalCode == null) child.kill("SIGKILL");
      ended(child.exitCode, child.signalCode);
    });
    // Idle, the engine process does not keep this one alive (a CLI or test may finish without disposing it).
    const setActive = (active: boolean) => {
      const channel = child.channel as { ref?(): void; unref?(): void } | null | undefined;
      if (active) {
        child.ref();
        channel?.ref?.();
      } else {
        child.unref();
        channel?.unref?.();
      }
    };
    setActive(false);
    return {
      get pid() {
        return child.pid;
      },
      send: (msg) => {
        if (child.connected) child.send(msg);
      },
      onMessage: (listener) => child.on("message", (msg) => listener(msg as WorkerMessage)),
      onExit: (listener) => {
        if (exited) listener(exited.code, exited.signal);
        else exitListeners.push(listener);
      },
      kill: () => {
        child.kill("SIGKILL");
      },
      setActive,
    };
  };
}
