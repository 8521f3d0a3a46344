/**
 * Page object for restructuring: the board, the node menu's split and merge, the history panel and
 * snapshots — what an editor does, in their words, over the app's dotted test ids.
 */
import { expect, type Locator, type Page } from "@playwright/test";
import type { CascadePage } from "./CascadePage";

export interface BoardCard {
  id: string;
  beatId: string;
  freshness: string;
  reason: string;
}

export class RestructurePage {
  readonly page: Page;

  constructor(readonly ui: CascadePage) {
    this.page = ui.page;
  }

  // Board

  async openBoard() {
    await this.ui.id("view.board").click();
    await expect(this.ui.id("board")).toBeVisible();
  }

  async openWriteView() {
    await this.ui.id("view.write").click();
    await expect(this.ui.id("tree")).toBeVisible();
  }

  columns(): Locator {
    return this.ui.id("board.column");
  }

  column(beatId: string): Locator {
    return this.columns().and(this.page.locator(`[data-node-id="${beatId}"]`));
  }

  card(sceneId: string): Locator {
    return this.ui.id("board.card").and(this.page.locator(`[data-node-id="${sceneId}"]`));
  }

  /** Every card in board order: which beat it sits in, its freshness and its stale reason. */
  async boardCards(): Promise<BoardCard[]> {
    return this.columns().evaluateAll((cols) =>
      cols.flatMap((col) =>
        [...col.querySelectorAll('[data-testid="board.card"]')].map((card) => ({
          id: card.getAttribute("data-node-id") ?? "",
          beatId: col.getAttribute("data-node-id") ?? "",
          freshness: card.getAttribute("data-freshness") ?? "",
          reason: (card.querySelector('[data-testid="board.card.reason"]')?.textContent ?? "").trim(),
        })),
      ),
    );
  }

  async beatIds(): Promise<string[]> {
    return this.columns().evaluateAll((cols) => cols.map((c) => c.getAttribute("data-node-id") ?? ""));
  }

  /** Keyboard focus on a card (its main part is the focusable drag handle). */
  async focusCard(sceneId: string) {
    await this.card(sceneId).locator("[data-focus-id]").focus();
  }

  /** Drags a card with the mouse and drops it over another card (before it, in that card's beat). */
  async dragCardOnto(sceneId: string, targetSceneId: string) {
    const from = await this.card(sceneId).boundingBox();
    const to = await this.card(targetSceneId).boundingBox();
    if (!from || !to) throw new Error("drag: a card is not on screen");
    const targetBeat = await this.card(targetSceneId).evaluate((el) => el.closest('[data-testid="board.column"]')?.getAttribute("data-node-id") ?? "");
    const mouse = this.page.mouse;
    await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await mouse.down();
    // Past the activation distance first, then across in steps, as a hand would.
    await mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 6, { steps: 4 });
    await mouse.move(to.x + to.width / 2, to.y + to.height / 4, { steps: 20 });
    // The board shows the card in its new beat while it is held; drop only once it does.
    await mouse.move(to.x + to.width / 2, to.y + to.height / 4 + 2, { steps: 2 });
    await expect(this.column(targetBeat).locator(`[data-node-id="${sceneId}"]`).first()).toBeAttached();
    await mouse.up();
  }

  // Node menu (right click on an outline row)

  async runFromMenu(row: Locator, action: "split-here" | "merge-next" | "duplicate" | "delete") {
    await row.click({ button: "right" });
    await this.ui.id(`menu.${action}`).click();
  }

  // History

  async openHistory(): Promise<Locator> {
    await this.ui.id("history.toggle").click();
    const panel = this.ui.id("history.panel");
    await expect(panel).toBeVisible();
    return panel;
  }

  async historyLabels(state: "done" | "undone"): Promise<string[]> {
    return this.ui
      .id("history.entry")
      .and(this.page.locator(`[data-state="${state}"]`))
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-label") ?? ""));
  }

  async closeHistory() {
    await this.ui.id("history.close").click();
    await expect(this.ui.id("history.panel")).toHaveCount(0);
  }

  // Snapshots

  async takeSnapshot(name: string) {
    await this.ui.id("snapshots.open").click();
    await expect(this.ui.id("snapshots.dialog")).toBeVisible();
    await this.ui.id("snapshots.name").fill(name);
    await this.ui.id("snapshots.take").click();
    await expect(this.snapshotItem(name)).toBeVisible();
    await this.closeSnapshots();
  }

  snapshotItem(name: string): Locator {
    return this.ui.id("snapshots.item").filter({ hasText: name });
  }

  async compareWithNow(name: string): Promise<Locator> {
    await this.ui.id("snapshots.open").click();
    await this.snapshotItem(name).getByTestId("snapshots.compare").click();
    const diff = this.ui.id("snapshots.diff");
    await expect(diff).toBeVisible();
    return diff;
  }

  diffEntries(kind?: "added" | "removed" | "moved" | "changed"): Locator {
    const all = this.ui.id("snapshots.diff.entry");
    return kind ? all.and(this.page.locator(`[data-kind="${kind}"]`)) : all;
  }

  async restoreEverything() {
    await this.ui.id("snapshots.restore-all").click();
    await this.ui.id("snapshots.restore-confirm").click();
  }

  async closeSnapshots() {
    await this.ui.id("snapshots.dialog.close").click();
    await expect(this.ui.id("snapshots.dialog")).toHaveCount(0);
  }
}
