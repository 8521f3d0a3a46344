/**
 * Export and import behind the contract. An export reads the open project (as it is now, unsaved
 * edits included) and hands the file back for the shell to save; an import reads a Markdown outline
 * or a Fountain screenplay into a new project in the projects folder, which then opens.
 *
 * Must hold: an import never replaces an existing file (a free name is picked), and its report says
 * what was skipped; a project with nothing read from the file is still made, and the report says so.
 */
import type { Handlers, ProjectState } from "../../shared/ipc/contract";
import { detectImportFormat } from "../../shared/import/detectFormat";
import { importFountain } from "../../shared/import/fountainImport";
import { importMarkdown } from "../../shared/import/markdownImport";
import type { ImportResult } from "../../shared/export/types";
import type { Project } from "../../shared/story/model";
import { makeExport } from "../export/exportFile";
import { ServiceError } from "./errors";

type ExportMethods = "export:file" | "project:import";

export interface ExportDeps {
  /** The open project, or a "no-project" ServiceError. */
  project: () => Project;
  /** Saves a new project in the projects folder and opens it (closing the one open). */
  createAndOpen: (project: Project) => Promise<ProjectState>;
}

/** The file name without folders or extension: the title of a file that names none. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  return base.replace(/\.[^.]*$/, "").trim() || "Imported";
}

/** Reads a Markdown outline or a Fountain screenplay (detected from the name and text unless given). */
export function readImport(fileName: string, text: string, format?: "md" | "fountain"): ImportResult {
  const chosen = format ?? detectImportFormat(fileName, text);
  const opts = { fallbackTitle: titleFromFileName(fileName) };
  return chosen === "fountain" ? importFountain(text, opts) : importMarkdown(text, opts);
}

export function createExportHandlers(deps: ExportDeps): Pick<Handlers, ExportMethods> {
  return {
    "export:file": async ({ format, nodeId, markGenerated }) => {
      const project = deps.project();
      if (nodeId && !Object.hasOwn(project.nodes, nodeId)) throw new ServiceError("operation", `No node with id ${nodeId}`);
      return makeExport(project, format, { ...(nodeId ? { nodeId } : {}), ...(markGenerated ? { markGenerated } : {}) });
    },
    "project:import": async ({ fileName, text, format }) => {
      if (text.includes("\u0000")) {
        throw new ServiceError("invalid-input", `“${fileName}” is not a text file: Cascade imports Markdown (.md) and Fountain (.fountain) files.`);
      }
      const { project, report } = readImport(fileName, text, format);
      return { state: await deps.createAndOpen(project), report };
    },
  };
}
