/**
 * Page object for files in and out: the File menu, the export dialog, saving the file it makes
 * (a download in the browser; in Electron, the save dialog answered with a path in the main
 * process), importing a file and its report, and the provenance dialog.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import type { ExportFormat } from "../../shared/export/types";
import type { CascadePage } from "./CascadePage";
import type { RunningApp } from "./launch";

export interface SavedFile {
  /** The name the app suggested. */
  fileName: string;
  /** Where the test saved it. */
  path: string;
}

/** A file on disk, or one made up in the test. */
export type ImportFile = string | { name: string; mimeType: string; buffer: Buffer };

interface ElectronSave {
  path: string;
  state: string;
}

export class FilePage {
  readonly page: Page;

  constructor(
    readonly ui: CascadePage,
    readonly app: RunningApp,
  ) {
    this.page = ui.page;
  }

  menuButton(): Locator {
    return this.ui.id("file.menu");
  }

  menu(): Locator {
    return this.ui.id("file.menu-list");
  }

  async openMenu() {
    await this.menuButton().click();
    await expect(this.menu()).toBeVisible();
  }

  /** File ▸ Export ▸ <format>… : the export dialog opens with that format chosen. */
  async openExport(format: ExportFormat) {
    await this.openMenu();
    await this.ui.id(`file.export-${format}`).click();
    await expect(this.ui.id("export.dialog")).toBeVisible();
    await expect(this.ui.id("export.format")).toHaveValue(format);
  }

  /**
   * Clicks Export in the open export dialog and saves the file into `dir`: through the browser's
   * download in the web shell; in Electron by giving the download its path in the main process (so
   * no save dialog waits for a person), then waiting for it to finish.
   */
  async exportTo(dir: string): Promise<SavedFile> {
    mkdirSync(dir, { recursive: true });
    const saved = await this.saveFrom(() => this.ui.id("export.submit").click(), dir);
    await expect(this.ui.id("export.dialog")).toHaveCount(0);
    return saved;
  }

  /** Runs `click`, which makes the app save a file, and saves that file into `dir`. */
  async saveFrom(click: () => Promise<void>, dir: string): Promise<SavedFile> {
    mkdirSync(dir, { recursive: true });
    const electron = this.app.electron;
    if (!electron) {
      const [download] = await Promise.all([this.page.waitForEvent("download"), click()]);
      const fileName = download.suggestedFilename();
      const path = join(dir, fileName);
      await download.saveAs(path);
      return { fileName, path };
    }
    // Electron: answer the save dialog before it opens: the download goes straight to `dir`.
    const before = await electron.evaluate(({ session }, target) => {
      const g = globalThis as unknown as { cascadeE2eSaves?: ElectronSave[]; cascadeE2eSaveHooked?: boolean };
      g.cascadeE2eSaves ??= [];
      if (!g.cascadeE2eSaveHooked) {
        g.cascadeE2eSaveHooked = true;
        session.defaultSession.on("will-download", (_event, item) => {
          const path = `${target}/${item.getFilename()}`;
          item.setSavePath(path);
          item.once("done", (_e, state) => g.cascadeE2eSaves!.push({ path, state }));
        });
      }
      return g.cascadeE2eSaves.length;
    }, dir);
    await click();
    let done: ElectronSave | undefined;
    await expect
      .poll(async () => {
        done = await electron.evaluate((_electron, n) => (globalThis as unknown as { cascadeE2eSaves: ElectronSave[] }).cascadeE2eSaves[n], before);
        return done?.state;
      })
      .toBe("completed");
    const path = done!.path;
    expect(existsSync(path)).toBe(true);
    return { fileName: path.slice(path.lastIndexOf("/") + 1), path };
  }

  // Import

  /** File ▸ Import… with `file`, then waits for the import's report. */
  async importFromMenu(file: ImportFile) {
    await this.chooseImportFile(file);
    await expect(this.importReport()).toBeVisible();
  }

  /**
   * Opens File ▸ Import… and chooses `file`. The item opens the system's file picker, which a test
   * cannot drive: the menu is closed again and the input behind the item is given the file.
   */
  async chooseImportFile(file: ImportFile) {
    await this.openMenu();
    await expect(this.ui.id("file.import")).toBeEnabled();
    await this.page.keyboard.press("Escape");
    await expect(this.menu()).toHaveCount(0);
    await this.ui.id("file.import-input").setInputFiles(file);
  }

  /** Import… on the start screen. */
  async importFromStart(file: string) {
    await expect(this.ui.id("start.import")).toBeVisible();
    await this.ui.id("start.import-input").setInputFiles(file);
    await expect(this.importReport()).toBeVisible();
  }

  importReport(): Locator {
    return this.ui.id("import.report");
  }

  async importCounts(): Promise<{ beats: number; scenes: number; lines: number }> {
    const n = async (what: string) => Number(await this.ui.id(`import.${what}`).textContent());
    return { beats: await n("beats"), scenes: await n("scenes"), lines: await n("lines") };
  }

  skippedRows(): Locator {
    return this.ui.id("import.skipped");
  }

  async closeImportReport() {
    await this.ui.id("import.done").click();
    await expect(this.importReport()).toHaveCount(0);
  }

  // Provenance

  async openProvenance() {
    await this.openMenu();
    await this.ui.id("file.provenance").click();
    await expect(this.ui.id("provenance.dialog")).toBeVisible();
  }

  /** The share of the words and of the nodes each origin has, as the dialog shows them. */
  async provenanceShares(): Promise<Array<{ origin: string; words: number; nodes: number }>> {
    return this.ui.id("provenance.share").evaluateAll((rows) =>
      rows.map((r) => ({
        origin: r.getAttribute("data-origin") ?? "",
        words: Number(r.getAttribute("data-word-percent")),
        nodes: Number(r.getAttribute("data-node-percent")),
      })),
    );
  }
}
