/**
 * Where Cascade keeps things. Plain Node: the Electron shell may call setAppDataDir() with
 * app.getPath("userData") at startup; the web shell and CLI use the defaults here.
 *
 * Precedence for the app data folder: CASCADE_HOME (tests, portable installs) > setAppDataDir() > OS default.
 * Projects live in Documents by default, not in app data, because they are the writer's files:
 * visible, backed up with their documents, and easy to send to someone.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";

/** What the answers depend on; every field defaults to the real process. Tests pass their own. */
export interface PathContext {
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  home?: string;
  /** Whether a folder exists (used to look for ~/Documents). */
  exists?: (dir: string) => boolean;
}

let appDataOverride: string | null = null;

/** Sets (or with null, clears) the app data folder, e.g. to Electron's userData path. CASCADE_HOME still wins. */
export function setAppDataDir(dir: string | null): void {
  appDataOverride = dir === null ? null : path.resolve(dir);
}

function resolved(ctx: PathContext) {
  const platform = ctx.platform ?? process.platform;
  return {
    env: ctx.env ?? process.env,
    platform,
    home: ctx.home ?? homedir(),
    exists: ctx.exists ?? existsSync,
    // Build Windows paths with Windows rules even when a test runs on Linux.
    p: platform === "win32" ? path.win32 : path.posix,
  };
}

/** The per-user folder for settings and models: CASCADE_HOME, else setAppDataDir(), else the OS config folder + "/Cascade". */
export function appDataDir(ctx: PathContext = {}): string {
  const { env, platform, home, p } = resolved(ctx);
  if (env.CASCADE_HOME) return p.resolve(env.CASCADE_HOME);
  if (appDataOverride) return appDataOverride;
  switch (platform) {
    case "darwin":
      return p.join(home, "Library", "Application Support", "Cascade");
    case "win32":
      return p.join(env.APPDATA || p.join(home, "AppData", "Roaming"), "Cascade");
    default:
      // XDG: respect a relocated config folder, as Electron's userData does.
      return p.join(env.XDG_CONFIG_HOME || p.join(home, ".config"), "Cascade");
  }
}

/**
 * The default folder for project files: CASCADE_PROJECTS_DIR, else `<appDataDir>/projects` when
 * CASCADE_HOME is set (keeps tests and portable installs self-contained), else ~/Documents/Cascade,
 * or ~/Cascade when there is no Documents folder.
 */
export function projectsDir(ctx: PathContext = {}): string {
  const { env, home, exists, p } = resolved(ctx);
  if (env.CASCADE_PROJECTS_DIR) return p.resolve(env.CASCADE_PROJECTS_DIR);
  if (env.CASCADE_HOME) return p.join(appDataDir(ctx), "projects");
  const documents = p.join(home, "Documents");
  return exists(documents) ? p.join(documents, "Cascade") : p.join(home, "Cascade");
}

/** Where downloaded or imported model files go. */
export function modelsDir(ctx: PathContext = {}): string {
  return resolved(ctx).p.join(appDataDir(ctx), "models");
}

/** The app settings file (not per project). */
export function settingsPath(ctx: PathContext = {}): string {
  return resolved(ctx).p.join(appDataDir(ctx), "settings.json");
}
