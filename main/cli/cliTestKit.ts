/**
 * Test-only: what the CLI test files share — where the CLI and the test model are, and a temp
 * CASCADE_HOME that keeps every run (subprocess or in-process) away from the user's settings.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import * as fsp from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { runCli } from "./run";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const MODEL = process.env.CASCADE_TEST_MODEL ?? path.resolve(repoRoot, "../shared/models/stories260K.gguf");
export const HAS_MODEL = existsSync(MODEL);
export const TSX_CLI = createRequire(import.meta.url).resolve("tsx/cli");
export const CLI = path.join(repoRoot, "main/cli/cli.ts");
export const withModel = ["--model", MODEL, "--threads", "1"];

const ENV_KEYS = ["CASCADE_HOME", "CASCADE_MODEL", "CASCADE_THREADS", "CASCADE_PROJECTS_DIR"] as const;

/**
 * Registers beforeAll/afterAll hooks that make a temp folder with a `home` inside, point
 * CASCADE_HOME at it and clear the model/threads variables (in-process runs read them too), then
 * restore everything. The returned object's fields are set once the hooks have run.
 */
export function useCliHome(prefix: string): { tmp: string; home: string } {
  const dirs = { tmp: "", home: "" };
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    dirs.tmp = await fsp.mkdtemp(path.join(tmpdir(), prefix));
    dirs.home = path.join(dirs.tmp, "home");
    await fsp.mkdir(dirs.home);
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    for (const k of ENV_KEYS) delete process.env[k];
    process.env.CASCADE_HOME = dirs.home;
  });
  afterAll(async () => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await fsp.rm(dirs.tmp, { recursive: true, force: true });
  });
  return dirs;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as its own process (tsx), with CASCADE_HOME at `home` and no model or threads from the environment. */
export function cliSubprocess(home: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CASCADE_HOME: home };
    delete env.CASCADE_MODEL;
    delete env.CASCADE_THREADS;
    delete env.CASCADE_PROJECTS_DIR;
    const child = spawn(process.execPath, [TSX_CLI, CLI, ...args], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI in this process (same code as the binary, no start-up). */
export async function cliInProcess(args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}
