/**
 * What leaves the app and what comes in: export formats and their options, and the report an import
 * gives of what it read and what it had to skip. Pure data.
 */
import type { Project } from "../story/model";

/** Text formats are made in shared/ (pure); "docx" in main (the docx library). */
export const EXPORT_FORMATS = ["md", "fountain", "fdx", "docx", "binder", "provenance-md", "provenance-csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** Export only this node and what is below it (a beat, a scene); the whole story when absent. */
  nodeId?: string;
  /**
   * Mark the text the model wrote: a generated line gets "[generated]", one the writer then edited
   * "[generated, edited]" — as a Fountain note `[[generated]]`, an italic `*[generated]*` in
   * Markdown, a separate italic run in DOCX, a trailing italic `<Text>` in FDX.
   */
  markGenerated?: boolean;
}

/** The mark `markGenerated` adds, by origin (written text is never marked). */
export const GENERATED_MARKS = { generated: "[generated]", edited: "[generated, edited]" } as const;

export interface SkippedInput {
  /** 1-based line of the input where the skipped text starts. */
  line: number;
  /** The text (shortened to 120 characters). */
  text: string;
  /** Why, in plain words ("a line of dialogue before any scene heading"). */
  reason: string;
}

export interface ImportReport {
  format: "md" | "fountain";
  beats: number;
  scenes: number;
  lines: number;
  /** The first 200 skipped parts of the input (see `skippedTotal`). */
  skipped: SkippedInput[];
  /** How many parts were skipped in all, when more than `skipped` lists (absent otherwise). */
  skippedTotal?: number;
  /** Other things worth saying ("No title page: the title is the file name."). */
  notes: string[];
}

export interface ImportResult {
  project: Project;
  report: ImportReport;
}

export interface ImportOptions {
  /** Used when the file has no title of its own (the file name without extension). */
  fallbackTitle: string;
  /** ISO time for createdAt/updatedAt (tests). */
  now?: string;
}
