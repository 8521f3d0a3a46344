/**
 * App-wide settings (model, threads, recent projects…), one JSON file in the app data folder.
 *
 * Unlike project files, settings are not the writer's work, so a damaged settings file is set
 * aside (renamed, never deleted) and defaults are used — but the caller gets a warning to show,
 * so nothing is reset silently.
 */
import * as fsp from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "./atomicWrite";
import { describeSystemError } from "./projectFileError";
import { settingsPath } from "./paths";

export const MAX_RECENT_PROJECTS = 10;

export const appSettingsSchema = z.object({
  /** Path of the GGUF model file; null until the writer picks one. */
  modelPath: z.string().min(1).nullable(),
  threads: z.union([z.literal("auto"), z.number().int().min(1).max(1024)]),
  gpuLayers: z.union([z.literal("auto"), z.literal("off"), z.number().int().min(0)]),
  contextSize: z.union([z.literal("auto"), z.number().int().min(256)]),
  /** Models chosen for single levels (premise, beat, scene, line); a level not named uses modelPath. */
  levelModels: z.object({
    premise: z.string().min(1).optional(),
    beat: z.string().min(1).optional(),
    scene: z.string().min(1).optional(),
    line: z.string().min(1).optional(),
  }),
  /** Absolute paths, most recent first, no duplicates. */
  recentProjects: z.array(z.string().min(1)).max(MAX_RECENT_PROJECTS),
});

export type AppSettings = z.infer<typeof appSettingsSchema>;

/** Settings for a fresh install. */
export const DEFAULT_SETTINGS: Readonly<AppSettings> = Object.freeze({
  modelPath: null,
  threads: "auto",
  gpuLayers: "auto",
  contextSize: "auto",
  levelModels: {},
  recentProjects: [],
});

function defaults(): AppSettings {
  return { ...DEFAULT_SETTINGS, levelModels: {}, recentProjects: [] };
}

export interface SettingsOptions {
  /** The settings file; defaults to `<appDataDir>/settings.json`. */
  file?: string;
  /** Clock for the `.corrupt-<time>` name. */
  now?: () => Date;
}

export interface LoadedSettings {
  settings: AppSettings;
  /** Set when something had to be reset; one line to show the writer. */
  warning?: string;
}

/**
 * Reads the settings. A missing file gives defaults. A file that is not a JSON object is renamed
 * to `settings.json.corrupt-<time>` and defaults are used. Individual bad values are reset to
 * their defaults (the rest are kept); missing ones are filled in quietly, since a newer version
 * adding a setting is not damage. Never throws for file problems: it returns a warning instead.
 */
export async function loadSettings(options: SettingsOptions = {}): Promise<LoadedSettings> {
  const file = options.file ?? settingsPath();
  let text: string;
  try {
    text = await fsp.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { settings: defaults() };
    return { settings: defaults(), warning: `Cascade could not read its settings (${file}): ${describeSystemError(err)}. Default settings are in use.` };
  }

  let raw: unknown;
  try {
    // A byte-order mark (added by some editors) is not damage.
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    raw = undefined;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    const aside = `${file}.corrupt-${(options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, "-")}`;
    try {
      await fsp.rename(file, aside);
      return { settings: defaults(), warning: `Cascade's settings file was damaged; it was moved to ${aside} and default settings are in use.` };
    } catch (err) {
      return { settings: defaults(), warning: `Cascade's settings file (${file}) was damaged and could not be moved aside (${describeSystemError(err)}); default settings are in use.` };
    }
  }

  const obj = raw as Record<string, unknown>;
  const settings = defaults();
  const reset: string[] = [];
  const fields = appSettingsSchema.shape;
  for (const key of Object.keys(fields) as (keyof AppSettings)[]) {
    if (!(key in obj)) continue;
    let value = obj[key];
    if (key === "recentProjects") value = cleanRecent(value);
    const parsed = fields[key].safeParse(value);
    if (parsed.success) (settings as Record<string, unknown>)[key] = parsed.data;
    else reset.push(key);
  }
  return reset.length > 0
    ? { settings, warning: `Some settings in ${file} were not valid and were reset to their defaults: ${reset.join(", ")}.` }
    : { settings };
}

/** Keeps the string entries of a recent-projects list, deduplicated and capped, rather than dropping the whole list for one bad entry. */
function cleanRecent(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const out: string[] = [];
  for (const v of value) if (typeof v === "string" && v && !out.includes(v)) out.push(v);
  return out.slice(0, MAX_RECENT_PROJECTS);
}

// Read-modify-write calls (updateSettings, addRecentProject) run one at a time, so two quick
// updates cannot both read the old file and lose one of the changes.
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => {});
  return next;
}

/** Validates and writes the settings atomically. Throws on invalid settings (a caller bug) or a refused write. */
export async function saveSettings(settings: AppSettings, options: SettingsOptions = {}): Promise<void> {
  await serialized(() => writeSettings(settings, options));
}

async function writeSettings(settings: AppSettings, options: SettingsOptions): Promise<void> {
  const file = options.file ?? settingsPath();
  const valid = appSettingsSchema.parse(settings);
  await fsp.mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(valid, null, 2)}\n`);
}

/** Loads, applies `patch`, validates and saves. Returns the new settings, with any warning from loading. */
export function updateSettings(patch: Partial<AppSettings>, options: SettingsOptions = {}): Promise<LoadedSettings> {
  return serialized(async () => {
    const loaded = await loadSettings(options);
    const settings = appSettingsSchema.parse({ ...loaded.settings, ...patch });
    await writeSettings(settings, options);
    return { ...loaded, settings };
  });
}

/** Moves `projectPath` (made absolute) to the front of the recent list, without duplicates, keeping at most 10. */
export function addRecentProject(projectPath: string, options: SettingsOptions = {}): Promise<LoadedSettings> {
  return serialized(async () => {
    const loaded = await loadSettings(options);
    const abs = resolve(projectPath);
    const recentProjects = [abs, ...loaded.settings.recentProjects.filter((p) => p !== abs)].slice(0, MAX_RECENT_PROJECTS);
    const settings = { ...loaded.settings, recentProjects };
    await writeSettings(settings, options);
    return { ...loaded, settings };
  });
}
