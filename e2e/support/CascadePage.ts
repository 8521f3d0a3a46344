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

  /** Waits until no job is queued or running (the jobs panel lists none), nor being checked by the style filter and started. */
  async waitIdle(timeout = 150_000) {
    const active = this.id("jobs.item").and(this.page.locator('[data-state="running"], [data-state="queued"]'));
    await expect(this.id("jobs.panel")).not.toHaveAttribute("data-starting", "true", { timeout });
    await expect(active).toHaveCount(0, { timeout });
  }

  /**
   * Clicks something that asks for a generation, waits until the app has taken the request (the
   * jobs panel counts requests: right after a click, "nothing running" may only mean "not started
   * yet"), then until it is done.
   */
  async startGeneration(click: () => Promise<void>) {
    const panel = this.id("jobs.panel");
    const before = Number((await panel.getAttribute("data-requested")) ?? "0");
    await click();
    await expect.poll(async () => Number((await panel.getAttribute("data-requested")) ?? "0")).toBeGreaterThan(before);
    await this.waitIdle();
  }

  async generateChildrenOfSelected() {
    await this.startGeneration(() => this.id("node.generate").click());
  }

  async generateScenesForAllBeats() {
    await this.startGeneration(() => this.id("level.generate-scenes").click());
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

  // Settings

  async openSettings() {
    await this.id("settings.open").click();
    await expect(this.id("settings.dialog")).toBeVisible();
  }

  async closeSettings() {
    await this.id("settings.dialog.close").click();
    await expect(this.id("settings.dialog")).toHaveCount(0);
  }

  /** Sets the project's style-filter mode in the open settings dialog and saves it (one undoable step). */
  async setFilterMode(mode: "warn" | "rewrite" | "strict" | "off") {
    await this.id("settings.filter.mode").selectOption(mode);
    if (mode === "off") await this.id("settings.filter.off-ack").check();
    await this.id("settings.filter.save").click();
    await expect(this.id("settings.filter.save")).toBeDisabled();
  }

  /** Opens the style filter's audit log in the open settings dialog; returns its rows. */
  async openFilterAuditLog(): Promise<Locator> {
    await this.id("settings.filter.audit-open").click();
    await expect(this.id("settings.filter.audit")).toBeVisible();
    return this.id("settings.filter.audit-entry");
  }

  // Alts

  /** Opens the alts panel (if closed) and asks for `count` alts of the selected node, steered by `angle`. Does not wait for them. */
  async askForAlts(count: number, angle = "") {
    if (!(await this.id("alts.panel").isVisible().catch(() => false))) await this.id("alts.open").click();
    await this.id("alts.count").fill(String(count));
    await this.id("alts.angle").fill(angle);
    await this.id("alts.generate").click();
  }

  /** Clicks Generate on the selected node without waiting: the style filter may ask first. */
  async startGeneratingSelected() {
    await this.id("node.generate").click();
  }

  jobItems(): Locator {
    return this.id("jobs.item");
  }

  // The style filter's dialog

  filterDialog(): Locator {
    return this.id("filter.dialog");
  }

  /** Waits for the filter dialog and checks which decision it shows (rewrite, ask or block). */
  async expectFilterDecision(decision: "rewrite" | "ask" | "block") {
    await expect(this.filterDialog()).toBeVisible();
    await expect(this.id("filter.view")).toHaveAttribute("data-decision", decision);
  }

  /** The highlighted spans, and in the rewrite view the struck-through and the inserted words. */
  filterMarks(): Locator {
    return this.id("filter.mark");
  }

  filterRemoved(): Locator {
    return this.id("filter.removed");
  }

  filterInserted(): Locator {
    return this.id("filter.inserted");
  }

  filterMessage(): Locator {
    return this.id("filter.message");
  }

  filterExcerpts(): Locator {
    return this.id("filter.excerpt");
  }

  filterReasons(): Locator {
    return this.id("filter.reason");
  }

  async undoRewrite() {
    await this.id("filter.undo").click();
    await expect(this.id("filter.view")).toHaveAttribute("data-undone", "true");
  }

  async useRewriteAgain() {
    await this.id("filter.redo").click();
    await expect(this.id("filter.view")).toHaveAttribute("data-undone", "false");
  }

  async generateWithRewrite() {
    await this.id("filter.generate-rewrite").click();
    await expect(this.filterDialog()).toHaveCount(0);
  }

  async describeQualitiesInstead() {
    await this.id("filter.describe").click();
    await expect(this.filterDialog()).toHaveCount(0);
  }

  /** "Add to allow list…" in the dialog: checks the name it offers, gives the reason, saves. */
  async allowFromFilter(name: string, reason: string) {
    await this.id("filter.allow-open").click();
    await expect(this.id("filter.allow-name")).toHaveValue(name);
    await this.id("filter.allow-reason").fill(reason);
    await this.id("filter.allow-save").click();
  }

  /**
   * Every row of the outline (expanded parts) — identity, status and visible text, in order. The
   * outline is virtualized (only rows near the viewport are in the page), so this scrolls it from top
   * to bottom a screenful at a time, as a reader would, and puts the scroll position back.
   */
  async treeRows(): Promise<TreeRow[]> {
    return this.id("tree").evaluate(async (tree) => {
      const seen = new Map<number, TreeRow>();
      const collect = () => {
        for (const el of tree.querySelectorAll('[data-testid="tree.node"]')) {
          seen.set(Number(el.getAttribute("data-index")), {
            id: el.getAttribute("data-node-id") ?? "",
            level: el.getAttribute("data-level") ?? "",
            freshness: el.getAttribute("data-freshness") ?? "",
            origin: el.getAttribute("data-origin") ?? "",
            locked: el.getAttribute("data-locked") === "true",
            text: (el.textContent ?? "").replace(/\s+/g, " ").trim(),
          });
        }
      };
      // In the page; this file is compiled without the DOM's types.
      const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): number }).requestAnimationFrame.bind(globalThis);
      const frame = () => new Promise<void>((resolve) => raf(() => raf(resolve)));
      const start = tree.scrollTop;
      for (let top = 0; ; top += Math.max(100, tree.clientHeight - 60)) {
        tree.scrollTop = top;
        await frame();
        collect();
        if (top + tree.clientHeight >= tree.scrollHeight) break;
      }
      tree.scrollTop = start;
      await frame();
      return [...seen].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
    });
  }

  /** How many outline rows (of a level, or with a freshness) there are, rendered or not. */
  async countRows(filter: { level?: string; freshness?: string } = {}): Promise<number> {
    const rows = await this.treeRows();
    return rows.filter((r) => (!filter.level || r.level === filter.level) && (!filter.freshness || r.freshness === filter.freshness)).length;
  }

  /** Waits until the outline has `count` such rows (rendered or not). */
  async expectRowCount(filter: { level?: string; freshness?: string }, count: number) {
    await expect.poll(() => this.countRows(filter)).toBe(count);
  }
}
