/**
 * Bad input gets a clear message in the UI and loses nothing: no model, a missing model file, a
 * file that is not a model, a corrupt project file, and a cascade cancelled halfway.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { CascadePage } from "../support/CascadePage";
import { launchCascade, newHome, type RunningApp } from "../support/launch";
import { ARTIFACTS, testModelPath } from "../support/paths";

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.close();
  app = null;
});

test("no model, a missing model and a non-GGUF model each say what to do; the writing survives", async () => {
  app = await launchCascade({ model: null });
  const ui = new CascadePage(app.page);
  // The start screen offers a model (the onboarding); writing does not wait for one.
  await expect(ui.id("onboarding.dialog")).toContainText("Choose a model");
  await ui.createProject({ title: "Offline", form: "prose", premise: "A clockmaker hides a letter." });
  await expect(ui.id("model.banner")).toContainText("No model");
  await ui.selectPremise();
  await expect(ui.id("node.generate")).toBeDisabled();
  await ui.appendToSelectedText(" Nobody reads it.");
  await ui.waitSaved();

  const banner = ui.id("model.banner");
  if (!(await banner.isVisible())) await ui.id("model.chip").click();
  await ui.id("model.path-input").fill("/nowhere/at/all/model.gguf");
  await ui.id("model.path-save").click();
  await expect(banner).toContainText("not found");
  await expect(banner).toContainText("/nowhere/at/all/model.gguf");

  const notAModel = join(app.home, "notes.gguf");
  writeFileSync(notAModel, "Chapter one. It was a dark and stormy night.");
  await ui.id("model.path-input").fill(notAModel);
  await ui.id("model.path-save").click();
  await expect(banner).toContainText("not a GGUF");
  mkdirSync(ARTIFACTS, { recursive: true });
  await app.page.screenshot({ path: join(ARTIFACTS, "model-error.png") });

  // The writer's text is intact, and a real model brings generation back.
  await expect(ui.id("editor.text")).toContainText("A clockmaker hides a letter. Nobody reads it.");
  await ui.id("model.path-input").fill(testModelPath());
  await ui.id("model.path-save").click();
  await expect(ui.id("node.generate")).toBeEnabled();
  await ui.generateChildrenOfSelected();
  expect(await ui.rows("beat").count()).toBeGreaterThan(0);
  await expect(ui.rows("premise")).toContainText("A clockmaker hides a letter");
});

test("a corrupt project file is listed with the reason and never written to", async () => {
  const home = newHome();
  mkdirSync(join(home, "projects"), { recursive: true });
  const broken = join(home, "projects", "Broken.cascade");
  writeFileSync(broken, '{"schemaVersion":1,"id":"p_1","title":"Broken","nodes":{"premise_1":{"text":"Half a sto');
  const bytes = readFileSync(broken);

  app = await launchCascade({ home, model: null });
  const ui = new CascadePage(app.page);
  const problem = ui.id("start.problem");
  await expect(problem).toContainText("Broken.cascade");
  await expect(problem).toContainText("truncated");
  await app.page.screenshot({ path: join(ARTIFACTS, "start-screen.png") });
  // The rest of the app still works.
  await ui.createProject({ title: "Fresh", form: "screenplay", premise: "Two rivals share a taxi." });
  await app.close();
  app = null;
  expect(readFileSync(broken).equals(bytes)).toBe(true);
});

test("cancelling a cascade says so, keeps what finished, and loses nothing", async () => {
  app = await launchCascade();
  const ui = new CascadePage(app.page);
  await ui.createProject({ title: "Cancel me", form: "prose", premise: "A baker's oven starts speaking." });
  await ui.selectPremise();
  await ui.generateChildrenOfSelected();
  await ui.generateScenesForAllBeats();
  await ui.startGeneration(() => ui.id("level.generate-lines").click());

  await ui.selectPremise();
  await ui.appendToSelectedText(" It only speaks French.");
  await expect(ui.staleRows().first()).toBeVisible();
  await ui.waitSaved();
  const before = await ui.treeRows();

  await ui.regenerateBelowSelected();
  await ui.id("jobs.cancel-all").click();
  const cascade = ui.id("jobs.item").and(app.page.locator("[data-cascade-id]"));
  await expect(cascade).toHaveAttribute("data-state", "cancelled");
  await expect(cascade).toContainText(/cancelled/i);
  await ui.waitIdle();

  // Same nodes; what was not regenerated is still stale; one undo restores the tree exactly.
  const after = await ui.treeRows();
  expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
  expect(after.filter((r) => r.freshness === "stale").length).toBeGreaterThan(0);
  await expect(ui.id("history.undo")).toBeEnabled();
  if (after.some((r, i) => r.text !== before[i]!.text)) {
    await ui.undo();
    await expect.poll(() => ui.treeRows()).toEqual(before);
  }
});
