/**
 * Reading a file to import: which format its name says, what the file input accepts, the size the
 * services take, and the import report in words. Pure; tested in importFile.test.ts.
 */
import type { ImportReport } from "../../../shared/export/types";

/** The file input's `accept`: Markdown outlines and Fountain screenplays (plain text either way). */
export const IMPORT_ACCEPT = ".md,.markdown,.txt,.fountain,.spmd";

/**
 * The largest file the renderer sends, in bytes (`File.size`). Counted in bytes, not characters: the
 * web shell's socket takes at most 8 MiB a message, and 3 million characters of non-Latin text are
 * already more than that once UTF-8 encoded. A file of at most 4 MB decodes to at most 4 million
 * characters, the `project:import` schema's limit.
 */
export const IMPORT_MAX_BYTES = 4_000_000;

/** The most text `project:import` takes (its schema's limit). */
export const IMPORT_MAX_CHARS = 4_000_000;

/** Why a file of `size` bytes can't be imported, or null when it can. */
export function importSizeError(fileName: string, size: number): string | null {
  return size > IMPORT_MAX_BYTES ? `“${fileName}” is larger than 4 MB; Cascade imports outlines and screenplays up to 4 MB.` : null;
}

/** The format the file's name says; undefined (the services guess from the text) for .txt and others. */
export function importFormatFor(fileName: string): "md" | "fountain" | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim().toLowerCase())?.[1];
  if (ext === "md" || ext === "markdown") return "md";
  if (ext === "fountain" || ext === "spmd") return "fountain";
  return undefined;
}

/** The file name sent with the text, kept inside the schema's 300 characters (the extension kept). */
export function importFileName(name: string): string {
  const trimmed = name.trim() || "Imported story.txt";
  if (trimmed.length <= 300) return trimmed;
  const ext = /\.[^.]{1,12}$/.exec(trimmed)?.[0] ?? "";
  return trimmed.slice(0, 300 - ext.length) + ext;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export interface ImportSummary {
  /** "Read 3 beats, 6 scenes and 40 lines from a Fountain screenplay." */
  headline: string;
  /** Nothing was read: the project holds only its premise (said plainly, never silently). */
  empty: boolean;
  /** "2 things were skipped." or null. */
  skippedLine: string | null;
}

export function importSummary(report: ImportReport): ImportSummary {
  const from = report.format === "fountain" ? "a Fountain screenplay" : "a Markdown outline";
  const parts = [count(report.beats, "beat", "beats"), count(report.scenes, "scene", "scenes"), count(report.lines, "line", "lines")];
  const empty = report.beats + report.scenes + report.lines === 0;
  const headline = empty
    ? `Nothing in the file could be read as ${from}: the new project is empty apart from its premise.`
    : `Read ${parts[0]}, ${parts[1]} and ${parts[2]} from ${from}.`;
  const n = report.skipped.length;
  const skippedLine = n === 0 ? null : `${count(n, "part was", "parts were")} skipped — the rest was imported.`;
  return { headline, empty, skippedLine };
}
