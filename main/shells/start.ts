/**
 * What `npm start` runs after building the renderer: the Electron app where its binary is installed,
 * the local web app where it is not (offline build machines install with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1).
 *
 * Must hold: detecting Electron never triggers a download and never runs electron's own index.js
 * (it throws when the binary is missing). `--model` and `--port` pass through to either shell.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: where package.json and node_modules live. */
const APP_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Where the electron npm package is installed, or null. Resolves its package.json only, never its index.js. */
export function electronPackageDir(root: string = APP_ROOT): string | null {
  try {
    return path.dirname(createRequire(path.join(root, "package.json")).resolve("electron/package.json"));
  } catch {
    const dir = path.join(root, "node_modules", "electron");
    return existsSync(path.join(dir, "package.json")) ? dir : null;
  }
}

/**
 * The Electron executable if it is installed, else null. Mirrors electron/index.js: `path.txt` names
 * the executable inside `dist/`, or inside ELECTRON_OVERRIDE_DIST_PATH when that is set.
 */
export function findElectronBinary(electronDir: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  let relative: string | null = null;
  if (electronDir) {
    try {
      relative = readFileSync(path.join(electronDir, "path.txt"), "utf8").trim() || null;
    } catch {
      relative = null;
    }
  }
  let candidate: string | null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? "electron");
  else candidate = electronDir && relative ? path.join(electronDir, "dist", relative) : null;
  if (!candidate) return null;
  try {
    return statSync(candidate).isFile() ? candidate : null;
  } catch {
    return null;
  }
}

/** Keeps only the flags both shells understand (`--model`, `--port`, with `=` or a separate value). */
export function passThroughArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--model" || arg === "--port") {
      const value = argv[i + 1];
      if (value !== undefined) out.push(arg, value);
      i++;
    } else if (arg.startsWith("--model=") || arg.startsWith("--port=")) {
      out.push(arg);
    }
  }
  return out;
}

async function runElectron(binary: string, args: string[]): Promise<never> {
  const { buildElectron } = await import("../../scripts/buildElectron");
  await buildElectron(APP_ROOT);
  const env = { ...process.env };
  // Inherited from some tool environments, it would make the binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [APP_ROOT, ...args], { stdio: "inherit", env, cwd: APP_ROOT });
  // Ctrl+C reaches the child through the terminal; let it shut down and exit first.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  return new Promise<never>(() => {
    child.on("error", (err) => {
      console.error(`Could not start Electron: ${err.message}`);
      process.exit(1);
    });
    child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  });
}

/** Starts Cascade in Electron where it can, as a local web app where it cannot. */
export async function start(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const args = passThroughArgs(argv);
  const binary = findElectronBinary(electronPackageDir());
  if (binary) {
    await runElectron(binary, args);
    return;
  }
  console.log("Electron is not installed on this machine; starting Cascade as a local web app instead.");
  const { runWebShell } = await import("./web/main");
  await runWebShell(args);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await start();
  } catch (err) {
    console.error(`Cascade could not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
