/**
 * An editor restructures a story the real model wrote: drags a scene to another beat on the board,
 * sees why it (and what was written beside it) went stale, undoes and redoes it from the keyboard
 * and the history panel; splits and merges a scene; takes a snapshot, changes things, compares the
 * snapshot with now and restores it.
 */
import { expect, test } from "@playwright/test";
import { CascadePage } from "../support/CascadePage";
import { launchCascade, type RunningApp } from "../support/launch";
import { RestructurePage } from "../support/RestructurePage";

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.close();
  app = null;
});

async function storyWithScenes(): Promise<{ ui: CascadePage; r: RestructurePage }> {
  app = await launchCascade();
  const ui = new CascadePage(app.page);
  await ui.createProject({ title: "The Ferry", form: "prose", premise: "Two strangers miss the last ferry and must cross the bay by rowing boat." });
  await ui.selectPremise();
  await ui.generateChildrenOfSelected();
  await ui.generateScenesForAllBeats();
  return { ui, r: new RestructurePage(ui) };
}

test("drag a scene to another beat on the board, see why it is stale, undo and redo", async () => {
  const { ui, r } = await storyWithScenes();

  // Lines for the first scene of beat 2: the moved scene will land right before that scene, so these
  // lines will have been written beside another scene.
  await r.openBoard();
  const [beat1, beat2] = (await r.beatIds()) as [string, string];
  expect(beat2).toBeTruthy();
  const before = await r.boardCards();
  const moved = before.find((c) => c.beatId === beat1)!.id;
  const neighbour = before.find((c) => c.beatId === beat2)!.id;
  expect(before.every((c) => c.freshness === "fresh")).toBe(true);
  await r.openWriteView();
  await ui.select(ui.rows("scene").and(app!.page.locator(`[data-node-id="${neighbour}"]`)));
  await ui.generateChildrenOfSelected();
  await expect(ui.rows("line").first()).toBeVisible();
  await ui.expectRowCount({ freshness: "stale" }, 0);

  // Drag scene 1 of beat 1 onto the first scene of beat 2: it lands before it.
  await r.openBoard();
  await r.dragCardOnto(moved, neighbour);
  await expect(r.column(beat2).locator(`[data-testid="board.card"][data-node-id="${moved}"]`)).toBeVisible();
  await expect(r.card(moved)).toHaveAttribute("data-freshness", "stale");
  await expect(r.card(moved).getByTestId("board.card.reason")).toHaveText("Moved from beat 1 to beat 2");
  // The neighbour itself is fresh; its lines are not: a new scene now comes before theirs.
  await expect(r.card(neighbour)).toHaveAttribute("data-freshness", "fresh");
  await r.openWriteView();
  const lines = await ui.countRows({ level: "line" });
  expect(lines).toBeGreaterThan(0);
  await ui.expectRowCount({ level: "line", freshness: "stale" }, lines);
  await ui.select(ui.rows("line").first());
  await expect(ui.id("editor.status")).toContainText(/now comes before its scene/);

  // Undo puts it back and everything is fresh; redo moves it again.
  await ui.undo();
  await ui.expectRowCount({ freshness: "stale" }, 0);
  await r.openBoard();
  await expect(r.column(beat1).locator(`[data-testid="board.card"][data-node-id="${moved}"]`)).toBeVisible();
  await app!.page.keyboard.press("ControlOrMeta+Shift+Z");
  await expect(r.column(beat2).locator(`[data-testid="board.card"][data-node-id="${moved}"]`)).toBeVisible();
  await expect(r.card(moved)).toHaveAttribute("data-freshness", "stale");

  // The keyboard equivalent of the drag: Alt+← takes it back to the previous beat.
  await r.focusCard(moved);
  await app!.page.keyboard.press("Alt+ArrowLeft");
  await expect(r.column(beat1).locator(`[data-testid="board.card"][data-node-id="${moved}"]`)).toBeVisible();

  // The history panel lists each operation by name, newest first; clicking the first "Move scene" (the
  // drag, redone) steps back to just after it: the keyboard move is undone, the scene is in beat 2 again.
  await r.openHistory();
  const done = await r.historyLabels("done");
  expect(done.slice(0, 2)).toEqual(["Move scene", "Move scene"]);
  await ui.id("history.entry").and(app!.page.locator('[data-state="done"]')).nth(1).click();
  await expect.poll(() => r.historyLabels("undone")).toEqual(["Move scene"]);
  await r.closeHistory();
  await expect(r.column(beat2).locator(`[data-testid="board.card"][data-node-id="${moved}"]`)).toBeVisible();
});

test("split a scene at a line, merge it back, and undo both", async () => {
  const { ui, r } = await storyWithScenes();
  const scene = ui.rows("scene").first();
  const sceneId = (await scene.getAttribute("data-node-id"))!;
  await ui.select(scene);
  await ui.generateChildrenOfSelected();
  const scenes = await ui.countRows({ level: "scene" });
  const original = await ui.treeRows();
  const lineIds = original.filter((row) => row.level === "line").map((row) => row.id);
  expect(lineIds.length).toBeGreaterThanOrEqual(2);

  // Split before the second line: a new scene holds it and the lines after it.
  await r.runFromMenu(ui.rows("line").nth(1), "split-here");
  await ui.expectRowCount({ level: "scene" }, scenes + 1);
  const split = await ui.treeRows();
  const newScene = split[split.findIndex((row) => row.id === sceneId) + 2]!;
  expect(newScene.level).toBe("scene");
  expect(split.filter((row) => row.level === "line").map((row) => row.id)).toEqual(lineIds);

  // Merge it back into the first: one scene with every line again.
  await r.runFromMenu(ui.rows("scene").and(app!.page.locator(`[data-node-id="${sceneId}"]`)), "merge-next");
  await ui.expectRowCount({ level: "scene" }, scenes);
  // Merging the split back gives the same scene: same words (no "(continued)" heading), the same lines, none stale.
  const merged = await ui.treeRows();
  expect(merged.some((row) => row.id === newScene.id)).toBe(false);
  expect(merged.find((row) => row.id === sceneId)).toEqual(original.find((row) => row.id === sceneId));
  expect(merged.filter((row) => row.level === "line").map((row) => row.id)).toEqual(lineIds);
  expect(merged.filter((row) => row.freshness !== "fresh")).toEqual([]);

  // Two undos: the split scene comes back, then the original tree, text for text.
  await ui.undo();
  await ui.expectRowCount({ level: "scene" }, scenes + 1);
  await ui.undo();
  await ui.expectRowCount({ level: "scene" }, scenes);
  expect((await ui.treeRows()).map(({ id, text }) => ({ id, text }))).toEqual(original.map(({ id, text }) => ({ id, text })));
});

test("take a snapshot, change things, compare it with now and restore it", async () => {
  const { ui, r } = await storyWithScenes();
  const original = await ui.treeRows();
  await r.takeSnapshot("Before the rewrite");

  // Change a beat's words and move a scene down.
  const beat = ui.rows("beat").first();
  const beatId = (await beat.getAttribute("data-node-id"))!;
  await ui.select(beat);
  await ui.appendToSelectedText(" The bay freezes over.");
  await ui.waitSaved();
  const scene = ui.rows("scene").first();
  const sceneId = (await scene.getAttribute("data-node-id"))!;
  await ui.select(scene);
  await app!.page.keyboard.press("Alt+ArrowDown");
  await expect(ui.rows("scene").first()).not.toHaveAttribute("data-node-id", sceneId);

  // The diff names both changes: the beat's words (with a word diff) and the move.
  await r.compareWithNow("Before the rewrite");
  await expect(r.diffEntries("changed").and(app!.page.locator(`[data-node-id="${beatId}"]`))).toBeVisible();
  await expect(r.diffEntries("changed").locator("ins").filter({ hasText: "freezes" })).toBeVisible();
  await expect(r.diffEntries("moved").first()).toBeVisible();

  // Restore everything: one step, and the tree is the snapshot's again.
  await r.restoreEverything();
  await expect(ui.id("snapshots.diff.empty")).toBeVisible();
  await r.closeSnapshots();
  expect((await ui.treeRows()).map(({ id, text }) => ({ id, text }))).toEqual(original.map(({ id, text }) => ({ id, text })));
});
