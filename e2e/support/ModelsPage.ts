/**
 * Page object for the model manager: the first-run onboarding on the start screen and the Models
 * screen (this computer, the current model, the models on disk, downloads, the catalog).
 */
import { expect, type Locator, type Page } from "@playwright/test";

export interface LocalModelRow {
  file: string;
  size: string;
  quantization: string;
  context: string;
  chatTemplate: string;
  license: string;
}

export class ModelsPage {
  constructor(readonly page: Page) {}

  id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  // The onboarding

  onboarding(): Locator {
    return this.id("onboarding.dialog");
  }

  recommendation(): Locator {
    return this.id("onboarding.recommendation");
  }

  /** "Use a GGUF file I already have": types the path and uses it (the web shell has no file dialog). */
  async useFileFromOnboarding(path: string) {
    await this.id("onboarding.path").fill(path);
    await this.id("onboarding.use-file").click();
  }

  async notNow() {
    await this.id("onboarding.not-now").click();
    await expect(this.onboarding()).toHaveCount(0);
  }

  /** Waits until the model chip says the model is ready (it is in the top bar once a project is open). */
  async waitModelReady(timeout = 120_000) {
    await expect(this.id("model.chip")).toHaveAttribute("data-state", "ready", { timeout });
  }

  // The Models screen

  screen(): Locator {
    return this.id("models.screen");
  }

  async open() {
    await this.id("models.open").click();
    await expect(this.screen()).toBeVisible();
  }

  async openWithShortcut() {
    await this.page.keyboard.press("ControlOrMeta+Shift+M");
    await expect(this.screen()).toBeVisible();
  }

  async close() {
    await this.page.keyboard.press("Escape");
    await expect(this.screen()).toHaveCount(0);
  }

  hardware(): Locator {
    return this.id("models.hardware");
  }

  gpu(): Locator {
    return this.id("models.gpu");
  }

  current(): Locator {
    return this.id("models.current");
  }

  localRow(fileName: string): Locator {
    return this.id("models.local-row").and(this.page.locator(`[data-file="${fileName}"]`));
  }

  /** The metadata cells of one local model's row, as shown. */
  async localModel(fileName: string): Promise<LocalModelRow> {
    const row = this.localRow(fileName);
    await expect(row).toBeVisible();
    const cell = async (testId: string) => ((await row.getByTestId(testId).textContent()) ?? "").trim();
    return {
      file: fileName,
      size: await cell("models.local-size"),
      quantization: await cell("models.local-quant"),
      context: await cell("models.local-context"),
      chatTemplate: await cell("models.local-template"),
      license: await cell("models.local-license"),
    };
  }

  /** "Check fit" on a local model; returns the estimate's line once it shows. */
  async checkFit(fileName: string): Promise<Locator> {
    await this.localRow(fileName).getByTestId("models.check-fit").click();
    const fit = this.screen().getByTestId("models.fit");
    await expect(fit).toBeVisible();
    return fit;
  }

  catalogItems(): Locator {
    return this.id("models.catalog-item");
  }

  recommendedItem(): Locator {
    return this.catalogItems().and(this.page.locator('[data-recommended="true"]'));
  }
}
