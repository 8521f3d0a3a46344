/**
 * The projects folder as a list (for the "Open project" screen) and names for new project files.
 */
import type { Dirent } from "node:fs";
import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { SCHEMA_VERSION } from "../../shared/story/model";
import { newerVersionMessage } from "./migrations";
import { describeReadFailure, describeSystemError, ProjectFileError, type ProjectFileErrorKind } from "./projectFileError";
import { parseJsonDocument, PROJECT_EXTENSION } from "./projectStore";

export interface ProjectSummary {
  path: string;
  title: string;
  /** ISO time the project was last changed, as recorded in the file. */
  updatedAt: string;
  nodeCount: number;
}

export interface UnreadableProject {
  path: string;
  kind: ProjectFileErrorKind;
  /** One line for the writer, as loadProject would word it. */
  message: string;
}

export interface ProjectListing {
  /** Most recently updated first. */
  projects: ProjectSummary[];
  /** Files that look like projects but could not be read; listed so they don't silently vanish from view. */
  unreadable: UnreadableProject[];
}

/**
 * Lists the `.cascade` files directly in `dir` (not in subfolders, and not hidden files such as
 * temp files, backups folders or macOS `._` files). Reads each file's JSON for its title, update
 * time and node count, without full validation or migration (that waits for opening). Files that
 * can't be read are reported in `unreadable`, never thrown. A missing folder is an empty list.
 * `alsoInclude` adds project files from elsewhere (the recent list); ones that no longer exist are
 * left out quietly.
 */
export async function listProjects(dir: string, alsoInclude: readonly string[] = []): Promise<ProjectListing> {
  let entries: Dirent[] = [];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const inDir = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && !e.name.startsWith(".") && e.name.toLowerCase().endsWith(PROJECT_EXTENSION))
    .map((e) => join(dir, e.name));
  const extra: string[] = [];
  for (const p of alsoInclude) {
    if (inDir.includes(p) || extra.includes(p)) continue;
    if (await fsp.stat(p).then((st) => st.isFile(), () => false)) extra.push(p);
  }
  const files = [...inDir, ...extra].sort();

  const projects: ProjectSummary[] = [];
  const unreadable: UnreadableProject[] = [];
  // A few at a time: enough to overlap disk waits, few enough not to hold many large files in memory at once.
  for (let i = 0; i < files.length; i += 4) {
    const batch = await Promise.all(files.slice(i, i + 4).map(summarize));
    for (const r of batch) {
      if (r.ok) projects.push(r.summary);
      else unreadable.push(r.problem);
    }
  }
  projects.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.title.localeCompare(b.title));
  return { projects, unreadable };
}

type SummaryResult = { ok: true; summary: ProjectSummary } | { ok: false; problem: UnreadableProject };

async function summarize(path: string): Promise<SummaryResult> {
  const fail = (kind: ProjectFileErrorKind, message: string): SummaryResult => ({ ok: false, problem: { path, kind, message } });
  let bytes: Uint8Array;
  try {
    bytes = await fsp.readFile(path);
  } catch (err) {
    return fail("io", describeReadFailure(path, describeSystemError(err)));
  }
  let doc: unknown;
  try {
    doc = parseJsonDocument(bytes, path);
  } catch (err) {
    if (err instanceof ProjectFileError) return fail(err.kind, err.message);
    throw err;
  }
  const d = (typeof doc === "object" && doc !== null ? doc : {}) as Record<string, unknown>;
  if (typeof d.schemaVersion === "number" && d.schemaVersion > SCHEMA_VERSION) {
    return fail("newer-version", newerVersionMessage(d.schemaVersion, SCHEMA_VERSION));
  }
  if (typeof d.schemaVersion !== "number" || typeof d.nodes !== "object" || d.nodes === null) {
    return fail("invalid", describeReadFailure(path, "the file is not a Cascade project"));
  }
  return {
    ok: true,
    summary: {
      path,
      title: typeof d.title === "string" && d.title.trim() ? d.title : "Untitled",
      updatedAt: typeof d.updatedAt === "string" ? d.updatedAt : "",
      nodeCount: Object.keys(d.nodes).length,
    },
  };
}

/** Names Windows refuses as file names, with any extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file-name-safe slug of a title: letters and digits of any script kept (a Japanese title
 * stays Japanese), accents dropped from Latin letters, everything else collapsed to "-",
 * at most 60 characters, "untitled" when nothing is left.
 */
export function slugify(title: string): string {
  let slug = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  slug = Array.from(slug).slice(0, 60).join("").replace(/-+$/, "");
  if (!slug) slug = "untitled";
  if (WINDOWS_RESERVED.test(slug)) slug = `${slug}-story`;
  return slug;
}

/**
 * A path in `dir` for a new project called `title` that doesn't collide with an existing file:
 * `<slug>.cascade`, else `<slug>-2.cascade`, `-3`… Compared case-insensitively, since macOS and
 * Windows folders usually are.
 */
export async function projectPathFor(dir: string, title: string): Promise<string> {
  const taken = new Set(
    (await fsp.readdir(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return [] as string[];
      throw err;
    })).map((n) => n.toLowerCase()),
  );
  const slug = slugify(title);
  let name = `${slug}${PROJECT_EXTENSION}`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${slug}-${n}${PROJECT_EXTENSION}`;
  return join(dir, name);
}

/**
 * Like projectPathFor, but claims the name: creates an empty placeholder file there with O_EXCL
 * (flag "wx"), trying the next free name when another file got there first. Two callers can never
 * be handed the same path, even racing each other or another process. The caller then writes the
 * project over the placeholder (an atomic rename replaces it), or removes it if it gives up.
 * Creates the folder when missing.
 */
export async function reserveProjectPath(dir: string, title: string): Promise<string> {
  await fsp.mkdir(dir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const path = await projectPathFor(dir, title);
    try {
      const handle = await fsp.open(path, "wx");
      await handle.close();
      return path;
    } catch (err) {
      // Taken between the listing and the open: list again and take the next free name.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 100) throw err;
    }
  }
}
