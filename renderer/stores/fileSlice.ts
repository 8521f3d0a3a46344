/**
 * Files in and out: the export and provenance dialogs' open state, exporting (the services make the
 * file, the renderer saves it), and importing a Markdown outline or a Fountain screenplay as a new
 * project, with the report of what was read and what was skipped.
 *
 * Must hold: an export is only called saved once the shell says so (Electron's `file:did-save`); in a
 * browser, which reports nothing back, it is called downloaded. An import that fails leaves the open project as it was and says why (a toast); one
 * that succeeds opens the new project like `project:open` does and always shows its report.
 */
import type { ExportedFile, FileSaveResult } from "../../shared/ipc/contract";
import type { ExportFormat, ImportReport } from "../../shared/export/types";
import { handedOverMessage, saveResultFeedback, shellReportsSaves } from "../features/file/saveFeedback";
import { request, type ReportError } from "./apiAccess";
import { flushPendingEdits } from "./pendingEdits";
import type { SliceCreator } from "./storeTypes";

export type FileDialog = { kind: "export"; format: ExportFormat } | { kind: "provenance" } | null;

export interface ImportedReport {
  fileName: string;
  /** The new project's title. */
  title: string;
  report: ImportReport;
}

export interface ExportRequest {
  format: ExportFormat;
  nodeId?: string;
  markGenerated?: boolean;
}

export interface FileSlice {
  fileDialog: FileDialog;
  /** The format the export dialog last used (Ctrl/Cmd+Shift+E opens it again); null: the form's own. */
  lastExportFormat: ExportFormat | null;
  /** An export is being made: its button shows it and ignores a second click. */
  exportBusy: boolean;
  /** The report of the last import, shown until dismissed. */
  importReport: ImportedReport | null;

  openExport(format: ExportFormat): void;
  openProvenance(): void;
  closeFileDialog(): void;
  /**
   * Asks the services for the file and hands it to `save`; resolves to it, or undefined (reported).
   * In a browser toasts "Downloaded"; where the shell reports saves, `receiveFileSaved` toasts later.
   */
  exportFile(req: ExportRequest, save: (file: ExportedFile) => void, reportsSaves?: boolean): Promise<ExportedFile | undefined>;
  /** The shell says how a save ended (Electron's `file:did-save`): saved, cancelled or failed. */
  receiveFileSaved(result: FileSaveResult): void;
  /** Imports the text as a new project, which opens; resolves to whether it did. */
  importFile(input: { fileName: string; text: string; format?: "md" | "fountain" }): Promise<boolean>;
  dismissImportReport(): void;
}

export const createFileSlice: SliceCreator<FileSlice> = (set, get) => {
  const report: ReportError = (e) => get().reportError(e);
  return {
    fileDialog: null,
    lastExportFormat: null,
    exportBusy: false,
    importReport: null,

    openExport(format) {
      set({ fileDialog: { kind: "export", format } });
    },
    openProvenance() {
      set({ fileDialog: { kind: "provenance" } });
    },
    closeFileDialog() {
      set({ fileDialog: null });
    },
    async exportFile(req, save, reportsSaves = shellReportsSaves()) {
      if (get().exportBusy) return undefined;
      set({ exportBusy: true });
      try {
        // What the writer just typed belongs in the file.
        await flushPendingEdits();
        const file = await request("export:file", req, report);
        if (!file) return undefined;
        save(file);
        set({ lastExportFormat: req.format });
        const handedOver = handedOverMessage(file.fileName, reportsSaves);
        if (handedOver) get().notify(handedOver);
        return file;
      } finally {
        set({ exportBusy: false });
      }
    },
    async importFile({ fileName, text, format }) {
      if (get().projectBusy) return false;
      set({ projectBusy: true });
      try {
        await flushPendingEdits();
        const result = await request("project:import", { fileName, text, ...(format ? { format } : {}) }, report);
        if (!result) return false;
        get().receiveProject(result.state);
        set({ importReport: { fileName, title: result.state.project.title, report: result.report }, fileDialog: null });
        return true;
      } finally {
        set({ projectBusy: false });
      }
    },
    receiveFileSaved(result) {
      const { message, error } = saveResultFeedback(result);
      if (error) get().reportError(message);
      else get().notify(message);
    },
    dismissImportReport() {
      set({ importReport: null });
    },
  };
};
