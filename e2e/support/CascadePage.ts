/**
 * Page object for Cascade: what a writer does, in their words, over the app's dotted test ids.
 * Specs use this and never raw selectors, so a UI change is fixed in one place.
 */
import { expect, type Locator, type Page } from "@playwright/test";

export interface TreeRow {
  id: string;
  level: string;
  freshness: string;
  origin: string;
  locked: boolean;
  text: string;
}

export class CascadePage {
  constructor(readonly page: Page) {}

  id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  async createProject(p: { title: string; form: "prose" | "screenplay"; premise: string; characters?: string; setting?: string; tone?: string }) {
    const newButton = this.id("start.new-project");
    if (await newButton.isVisible().catch(() => false)) await newButton.click();
    await this.id("project.title").fill(p.title);
    await this.id("project.form").selectOption(p.form);
    await this.id("project.premise").fill(p.premise);
    if (p.characters) await this.id("bible.characters").fill(p.characters);
    if (p.setting) await this.id("bible.setting").fill(p.setting);
    if (p.tone) await this.id("bible.tone").fill(p.tone);
    await this.id("project.create").click();
    await expect(this.rows("premise")).toHaveCount(1);
  }

  rows(level?: string): Locator {
    const all = this.id("tree.node");
    return level ? all.and(this.page.locator(`[data-level="${level}"]`)) : all;
  }

  staleRows(): Locator {
    return this.rows().and(this.page.locator('[data-freshness="stale"]'));
  }

  async select(row: Locator) {
    await row.click();
  }

  async selectPremise() {
    await this.select(this.rows("premise"));
  }

  /** Waits until no job is queued or running (the jobs panel lists none). */
  async waitIdle(timeout = 150_000) {
    const active = this.id("jobs.item").and(this.page.locator('[data-state="running"], [data-state="queued"]'));
    await expect(active).toHaveCount(0, { timeout });
  }

  async generateChildrenOfSelected() {
    await this.id("node.generate").click();
    await this.waitIdle();
  }

  async generateScenesForAllBeats() {
    await this.id("level.generate-scenes").click();
    await this.waitIdle();
  }

  async regenerateBelowSelected() {
    await this.id("node.regenerate-below").click();
  }

  /** Types at the end of the selected node's body text, as a writer would. */
  async appendToSelectedText(text: string) {
    const editor = this.id("editor.text");
    await editor.click();
    await this.page.keyboard.press("ControlOrMeta+End");
    await this.page.keyboard.type(text);
  }

  async waitSaved() {
    await expect(this.id("save.state")).toHaveAttribute("data-state", "saved", { timeout: 20_000 });
  }

  async undo() {
    await this.id("history.undo").click();
  }

  /** Every tree row's identity, status and visible text, in order. */
  async treeRows(): Promise<TreeRow[]> {
    return this.rows().evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute("data-node-id") ?? "",
        level: el.getAttribute("data-level") ?? "",
        freshness: el.getAttribute("data-freshness") ?? "",
        origin: el.getAttribute("data-origin") ?? "",
        locked: el.getAttribute("data-locked") === "true",
        text: (el.textContent ?? "").replace(/\s+/g, " ").trim(),
      })),
    );
  }
}
