/** The app's version, from package.json (read once). */
import { createRequire } from "node:module";

let cachedVersion: string | null = null;
export function packageVersion(): string {
  if (cachedVersion) return cachedVersion;
  try {
    cachedVersion = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
  } catch {
    cachedVersion = "0.0.0";
  }
  return cachedVersion;
}
