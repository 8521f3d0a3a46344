/**
 * What the File menu offers to export and what each export asks: the formats in menu order (the
 * screenplay formats first in a screenplay project), which options apply to each, and the part of
 * the story an export can be narrowed to. Pure; tested in exportChoices.test.ts.
 */
import type { ExportFormat } from "../../../shared/export/types";
import type { Form, Project } from "../../../shared/story/model";

export interface ExportChoice {
  format: ExportFormat;
  /** The File menu's item ("Fountain…"). */
  menuLabel: string;
  /** The export dialog's name for it ("Fountain screenplay"). */
  name: string;
  /** One line on what the file is. */
  hint: string;
  /** Whether it can be narrowed to the selected beat or scene. */
  scoped: boolean;
  /** Whether "Mark generated text" applies. */
  markable: boolean;
  /** Made for screenplays (offered first there, still allowed for prose). */
  screenplay: boolean;
}

const CHOICES: Record<ExportFormat, ExportChoice> = {
  md: { format: "md", menuLabel: "Markdown…", name: "Markdown", hint: "The outline and the text as headings and paragraphs.", scoped: true, markable: true, screenplay: false },
  fountain: {
    format: "fountain",
    menuLabel: "Fountain…",
    name: "Fountain screenplay",
    hint: "Plain-text screenplay: scene headings, action, characters and dialogue.",
    scoped: true,
    markable: true,
    screenplay: true,
  },
  fdx: { format: "fdx", menuLabel: "Final Draft (FDX)…", name: "Final Draft (FDX)", hint: "Opens in Final Draft and most screenwriting apps.", scoped: true, markable: true, screenplay: true },
  docx: { format: "docx", menuLabel: "Word (DOCX)…", name: "Word document (DOCX)", hint: "A manuscript for Word, Pages or LibreOffice.", scoped: true, markable: true, screenplay: false },
  binder: { format: "binder", menuLabel: "Alts binder…", name: "Alts binder (Markdown)", hint: "Every starred alt, grouped by where it belongs.", scoped: false, markable: false, screenplay: false },
  "provenance-md": {
    format: "provenance-md",
    menuLabel: "Provenance report (Markdown)…",
    name: "Provenance report (Markdown)",
    hint: "How much of the text you wrote, the model wrote, or you edited; per level and model.",
    scoped: true,
    markable: false,
    screenplay: false,
  },
  "provenance-csv": {
    format: "provenance-csv",
    menuLabel: "Provenance report (CSV)…",
    name: "Provenance report (CSV)",
    hint: "One row per part of the story: origin, words, model, time and sampling.",
    scoped: true,
    markable: false,
    screenplay: false,
  },
};

export function exportChoice(format: ExportFormat): ExportChoice {
  return CHOICES[format];
}

const STORY_FORMATS: ExportFormat[] = ["md", "fountain", "fdx", "docx"];
const OTHER_FORMATS: ExportFormat[] = ["binder", "provenance-md", "provenance-csv"];

/** The File ▸ Export items in order: the story formats (screenplay ones first in a screenplay), then the binder and the reports. */
export function exportMenuChoices(form: Form): ExportChoice[] {
  const story = form === "screenplay" ? [...STORY_FORMATS].sort((a, b) => Number(CHOICES[b].screenplay) - Number(CHOICES[a].screenplay)) : STORY_FORMATS;
  return [...story, ...OTHER_FORMATS].map((f) => CHOICES[f]);
}

/** What Ctrl/Cmd+Shift+E exports when nothing was exported yet: the form's own format. */
export function defaultExportFormat(form: Form): ExportFormat {
  return form === "screenplay" ? "fountain" : "md";
}

/** The beat or scene an export can be narrowed to: the selected one; none for the premise or a line. */
export function exportableSubtree(project: Project, selectedId: string | null): string | null {
  const node = selectedId && Object.hasOwn(project.nodes, selectedId) ? project.nodes[selectedId] : undefined;
  return node && (node.level === "beat" || node.level === "scene") ? node.id : null;
}

/** The request's options: a node only when the format can be narrowed, the mark only when it applies. */
export function exportRequest(format: ExportFormat, subtreeId: string | null, markGenerated: boolean): { format: ExportFormat; nodeId?: string; markGenerated?: boolean } {
  const c = CHOICES[format];
  return {
    format,
    ...(c.scoped && subtreeId ? { nodeId: subtreeId } : {}),
    ...(c.markable ? { markGenerated } : {}),
  };
}
