/**
 * The web shell's command-line entry: creates the services, starts the loopback server and prints the
 * launch link. `npm start` falls back to this where no Electron binary is installed.
 *
 *   tsx main/shells/web/main.ts [--model <file.gguf>] [--port <n>]
 *
 * Must hold: stdout gets exactly the launch line and one hint line; Ctrl+C flushes unsaved work
 * before exiting.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nodeLauncher } from "../../engine/host/nodeLauncher";
import { createProcessHost } from "../../engine/host/processHost";
import { createServices } from "../../services/api";
import type { Services } from "../../services/services";
import { startWebShell, type WebShell } from "./server";

export interface WebShellArgs {
  modelPath: string | null;
  port: number;
}

/** The built renderer, next to the sources: <repo>/dist/renderer. */
export const RENDERER_DIR = fileURLToPath(new URL("../../../dist/renderer", import.meta.url));

/** Reads `--model <path>` / `--model=<path>` and `--port <n>` / `--port=<n>`, then CASCADE_MODEL / CASCADE_PORT. */
export function parseWebShellArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): WebShellArgs {
  const flag = (name: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === `--${name}`) {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value.`);
        return value;
      }
      if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
    }
    return undefined;
  };
  const modelPath = flag("model") ?? (env.CASCADE_MODEL?.trim() || null);
  const portText = flag("port") ?? (env.CASCADE_PORT?.trim() || "0");
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) throw new Error(`Invalid port "${portText}": use a number from 0 to 65535 (0 picks a free one).`);
  return { modelPath: modelPath ? path.resolve(modelPath) : null, port };
}

/** Runs the web shell until SIGINT/SIGTERM, then flushes, disposes and exits 0. */
export async function runWebShell(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let args: WebShellArgs;
  try {
    args = parseWebShellArgs(argv);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }

  // The model runs in a child process, as in the desktop app: a native crash there is reported in
  // the page and the server (and the open project) carry on.
  const engineHost = createProcessHost(nodeLauncher());
  let services: Services;
  try {
    // null lets the services fall back to CASCADE_MODEL, then to the model saved in the settings.
    services = await createServices({ shell: "web", modelPath: args.modelPath, preloadModel: true, engineHost });
  } catch (err) {
    console.error(`Cascade could not start: ${err instanceof Error ? err.message : String(err)}`);
    await engineHost.dispose().catch(() => undefined);
    process.exit(1);
  }
  let shell: WebShell;
  try {
    shell = await startWebShell({ services, port: args.port, staticDir: RENDERER_DIR });
  } catch (err) {
    const busy = (err as NodeJS.ErrnoException).code === "EADDRINUSE";
    console.error(busy ? `Port ${args.port} is already in use; pick another with --port or CASCADE_PORT.` : `Cascade could not start: ${(err as Error).message}`);
    await services.dispose().catch(() => undefined);
    await engineHost.dispose().catch(() => undefined);
    process.exit(1);
  }
  if (!existsSync(path.join(RENDERER_DIR, "index.html"))) {
    console.error("Warning: the renderer is not built yet; run `npm run build:renderer`, then reload the page.");
  }

  console.log(`Cascade is running at ${shell.url}`);
  console.log("Open it in your browser. Press Ctrl+C to stop.");

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl+C means "now": skip the rest of the shutdown.
      console.error(`Received ${signal} again; exiting without waiting.`);
      process.exit(130);
    }
    stopping = true;
    void (async () => {
      let code = 0;
      try {
        await shell.close();
        await services.flush();
        await services.dispose();
        await engineHost.dispose();
      } catch (err) {
        console.error(`Cascade could not shut down cleanly: ${err instanceof Error ? err.message : String(err)}`);
        code = 1;
      }
      process.exit(code);
    })();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runWebShell();
}
