/**
 * One export, whatever asks for it (the app's File menu through the services, the CLI): the open
 * story, or one node's subtree, as a file in one of the export formats, with a suggested name.
 * Text formats are made by the pure exporters in shared/; DOCX by the docx library here.
 */
import type { ExportedFile } from "../../shared/ipc/contract";
import { binderMarkdown } from "../../shared/alts/binder";
import { exportFdx } from "../../shared/export/fdx";
import { exportFountain } from "../../shared/export/fountain";
import { exportMarkdown } from "../../shared/export/markdown";
import { provenanceCsv, provenanceMarkdown } from "../../shared/export/provenanceReport";
import type { ExportFormat, ExportOptions } from "../../shared/export/types";
import type { Project } from "../../shared/story/model";
import { exportDocx } from "./docxExport";

const KINDS: Record<ExportFormat, { suffix: string; mime: string }> = {
  md: { suffix: ".md", mime: "text/markdown" },
  fountain: { suffix: ".fountain", mime: "text/plain" },
  fdx: { suffix: ".fdx", mime: "application/xml" },
  docx: { suffix: ".docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  binder: { suffix: "-binder.md", mime: "text/markdown" },
  "provenance-md": { suffix: "-provenance.md", mime: "text/markdown" },
  "provenance-csv": { suffix: "-provenance.csv", mime: "text/csv" },
};

/** The file extension (with its dot, and any "-binder" part) a format's files get. */
export function exportSuffix(format: ExportFormat): string {
  return KINDS[format].suffix;
}

export async function makeExport(project: Project, format: ExportFormat, opts: ExportOptions = {}): Promise<ExportedFile> {
  if (opts.nodeId && !Object.hasOwn(project.nodes, opts.nodeId)) throw new Error(`No node with id ${opts.nodeId} to export.`);
  const { suffix, mime } = KINDS[format];
  const fileName = `${exportBaseName(project, opts.nodeId)}${suffix}`;
  if (format === "docx") {
    const bytes = await exportDocx(project, opts);
    return { format, fileName, mime, encoding: "base64", content: Buffer.from(bytes).toString("base64") };
  }
  return { format, fileName, mime, encoding: "utf8", content: textExport(project, format, opts) };
}

function textExport(project: Project, format: Exclude<ExportFormat, "docx">, opts: ExportOptions): string {
  switch (format) {
    case "md":
      return exportMarkdown(project, opts);
    case "fountain":
      return exportFountain(project, opts);
    case "fdx":
      return exportFdx(project, opts);
    case "binder":
      return binderMarkdown(project);
    case "provenance-md":
      return provenanceMarkdown(project, opts);
    case "provenance-csv":
      return provenanceCsv(project, opts);
  }
}

/** "The Lighthouse" → "the-lighthouse"; a subtree adds its own title: "the-lighthouse-the-storm". */
export function exportBaseName(project: Project, nodeId?: string): string {
  const parts = [project.title];
  const node = nodeId && nodeId !== project.rootId ? project.nodes[nodeId] : undefined;
  if (node) parts.push(node.title || `${node.level}`);
  return parts.map(slug).filter(Boolean).join("-").slice(0, 80) || "untitled";
}

function slug(s: string): string {
  return s
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
}
