/**
 * The download manager's state file, `<dir>/.downloads.json`: the unfinished downloads (brought
 * back paused on the next start) and the models whose partial files Cascade created and may not
 * have deleted yet: the only partials in the (user's) models folder it may delete as orphans.
 * Version 1 files have no `partials`; their downloads' partials are on record all the same.
 */
import * as fsp from "node:fs/promises";
import path from "node:path";
import type { DownloadState } from "../../../shared/models/types";
import { writeFileAtomic } from "../../storage/atomicWrite";

export const STATE_FILE = ".downloads.json";

/** The states a download is saved in (the others are over). */
export const KEPT: readonly DownloadState[] = ["downloading", "verifying", "paused", "failed"];

export interface SavedDownload {
  id: string;
  uri: string;
  fileName: string;
  sha256?: string;
  catalogId: string | null;
  state: DownloadState;
  downloadedBytes: number;
  totalBytes: number | null;
  error: string | null;
}

export interface SavedState {
  downloads: SavedDownload[];
  /** Final file names whose partial files Cascade created and may not have deleted yet. */
  partials: string[];
}

/** A plain `.gguf` file name: no folders, not hidden, nothing a file system refuses. */
export function isValidModelFileName(name: string): boolean {
  return (
    typeof name === "string" && name.length <= 200 && !name.startsWith(".") && path.basename(name) === name &&
    /^[^/\\:*?"<>|\x00-\x1f]+\.gguf$/i.test(name) // eslint-disable-line no-control-regex
  );
}

export async function writeDownloadState(dir: string, state: SavedState): Promise<void> {
  const partials = [...new Set([...state.partials, ...state.downloads.map((d) => d.fileName)])];
  await fsp.mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, STATE_FILE), JSON.stringify({ version: 2, downloads: state.downloads, partials }, null, 2));
}

/** The saved state; none (or an unreadable file) reads as empty. */
export async function readDownloadState(dir: string): Promise<SavedState> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fsp.readFile(path.join(dir, STATE_FILE), "utf8"));
  } catch {
    return { downloads: [], partials: [] };
  }
  const { downloads: list, partials } = (raw ?? {}) as { downloads?: unknown; partials?: unknown };
  const downloads = Array.isArray(list) ? validDownloads(list) : [];
  const names = Array.isArray(partials) ? partials.filter((n): n is string => isValidModelFileName(n as string)) : [];
  return { downloads, partials: [...new Set([...names, ...downloads.map((d) => d.fileName)])] };
}

function validDownloads(list: unknown[]): SavedDownload[] {
  return list.filter((d): d is SavedDownload => {
    const s = d as Partial<SavedDownload> | null;
    return s != null && typeof s.id === "string" && typeof s.uri === "string" && typeof s.fileName === "string" &&
      isValidModelFileName(s.fileName) && (s.sha256 === undefined || typeof s.sha256 === "string") &&
      typeof s.downloadedBytes === "number" && typeof s.state === "string" && KEPT.includes(s.state);
  }).map((s) => ({
    ...s,
    catalogId: typeof s.catalogId === "string" ? s.catalogId : null,
    totalBytes: typeof s.totalBytes === "number" ? s.totalBytes : null,
    error: typeof s.error === "string" ? s.error : null,
  }));
}
