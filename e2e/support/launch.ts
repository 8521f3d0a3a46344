/**
 * Starts Cascade for a spec, the way a writer would: the web shell as its own process driven in
 * Debian's Chromium over the real WebSocket transport, or the Electron app through _electron.launch
 * where an Electron binary exists. Both give back a Page; specs don't know which they got.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { _electron, chromium, type Browser, type ElectronApplication, type Page } from "@playwright/test";
import { chromiumPath, e2eShell, electronBinary, REPO_ROOT, testModelPath } from "./paths";

export interface LaunchOptions {
  /** CASCADE_HOME: settings and projects live here. Reuse it to "reopen" the app. */
  home?: string;
  /** Model path; null starts with no model configured. */
  model?: string | null;
}

export interface RunningApp {
  page: Page;
  home: string;
  shell: "web" | "electron";
  /** The web shell's launch URL (with token); null in Electron. */
  url: string | null;
  /** The Electron app (to reach its main process, e.g. to answer a save dialog); null in the web shell. */
  electron: ElectronApplication | null;
  close(): Promise<void>;
  /** Kills the app's main process outright (SIGKILL): no flush, no goodbye — a crash. */
  crash(): Promise<void>;
}

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

export function newHome(): string {
  return mkdtempSync(join(tmpdir(), "cascade-e2e-"));
}

export async function launchCascade(opts: LaunchOptions = {}): Promise<RunningApp> {
  const home = opts.home ?? newHome();
  const model = opts.model === undefined ? testModelPath() : opts.model;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    CASCADE_HOME: home,
    CASCADE_THREADS: "1",
  };
  if (model) env.CASCADE_MODEL = model;
  else delete env.CASCADE_MODEL;
  return e2eShell() === "electron" ? launchElectron(home, env) : launchWeb(home, env);
}

async function launchElectron(home: string, env: Record<string, string>): Promise<RunningApp> {
  const exe = electronBinary();
  if (!exe) throw new Error("CASCADE_E2E_SHELL=electron, but no Electron binary is installed");
  const app: ElectronApplication = await _electron.launch({
    executablePath: exe,
    args: [join(REPO_ROOT, "dist", "electron", "main.mjs")],
    cwd: REPO_ROOT,
    env,
  });
  const page = await app.firstWindow();
  return {
    page,
    home,
    shell: "electron",
    url: null,
    electron: app,
    close: () => app.close(),
    crash: async () => {
      const exited = new Promise<void>((r) => app.process().once("exit", () => r()));
      app.process().kill("SIGKILL");
      await exited;
    },
  };
}

/** Starts only the web shell process (no browser): for specs about its transport and security. */
export async function startWebShell(opts: LaunchOptions = {}): Promise<{ url: string; home: string; stop: () => Promise<void> }> {
  const home = opts.home ?? newHome();
  const env: Record<string, string> = { ...(process.env as Record<string, string>), CASCADE_HOME: home, CASCADE_THREADS: "1" };
  if (opts.model) env.CASCADE_MODEL = opts.model;
  else delete env.CASCADE_MODEL;
  const { server, url } = await spawnWebShell(env);
  return { url, home, stop: () => stopProcess(server) };
}

async function spawnWebShell(env: Record<string, string>): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, ["--import", "tsx", "main/shells/web/main.ts", "--port", "0"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    return { server, url: await waitForUrl(server) };
  } catch (err) {
    server.kill("SIGKILL");
    throw err;
  }
}

async function launchWeb(home: string, env: Record<string, string>): Promise<RunningApp> {
  const { server, url } = await spawnWebShell(env);
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  return {
    page,
    home,
    shell: "web",
    url,
    electron: null,
    close: async () => {
      await browser.close();
      await stopProcess(server);
    },
    crash: async () => {
      const exited = server.exitCode === null ? new Promise<void>((r) => server.once("exit", () => r())) : Promise.resolve();
      server.kill("SIGKILL");
      await exited;
      await browser.close();
    },
  };
}

/** Resolves with the URL the web shell prints, or rejects with its output if it exits first. */
function waitForUrl(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`The web shell printed no URL within 60 s:\n${out}`)), 60_000);
    const onData = (buf: Buffer) => {
      out += buf.toString();
      const m = /Cascade is running at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", (b: Buffer) => (out += b.toString()));
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The web shell exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** SIGTERM (the shell flushes and exits), then SIGKILL if it hangs. */
async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  proc.kill("SIGTERM");
  const killer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(killer);
}
