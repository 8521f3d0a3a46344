import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = join(REPO_ROOT, "e2e", "artifacts");

/** The tiny test model: CASCADE_TEST_MODEL, or ../shared/models beside the repository. */
export function testModelPath(): string {
  return process.env.CASCADE_TEST_MODEL ?? resolve(REPO_ROOT, "../shared/models/stories260K.gguf");
}

/** Debian's Chromium (or CASCADE_CHROMIUM): Playwright's own browser download is not available offline. */
export function chromiumPath(): string {
  return process.env.CASCADE_CHROMIUM ?? "/usr/bin/chromium";
}

/** Whether an Electron binary is installed, checked without triggering electron's lazy download. */
export function electronBinary(): string | null {
  const dir = join(REPO_ROOT, "node_modules", "electron");
  const pathFile = join(dir, "path.txt");
  if (!existsSync(pathFile)) return null;
  const exe = join(dir, "dist", readFileSync(pathFile, "utf8").trim());
  return existsSync(exe) ? exe : null;
}

/** Which shell the specs drive: CASCADE_E2E_SHELL=web|electron, else Electron where it is installed. */
export function e2eShell(): "web" | "electron" {
  const forced = process.env.CASCADE_E2E_SHELL;
  if (forced === "web" || forced === "electron") return forced;
  return electronBinary() ? "electron" : "web";
}
