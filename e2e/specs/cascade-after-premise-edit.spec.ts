/**
 * The foundation's writer journey: create a project, generate beats and scenes with the real model,
 * edit the premise, see what went stale, regenerate below, undo the whole cascade in one step,
 * reload, reopen the app, and find the project exactly as left.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { CascadePage } from "../support/CascadePage";
import { launchCascade, type RunningApp } from "../support/launch";
import { ARTIFACTS } from "../support/paths";

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.close();
  app = null;
});

test("edit the premise, regenerate below, undo, reload and reopen", async () => {
  app = await launchCascade();
  const ui = new CascadePage(app.page);

  await ui.createProject({
    title: "The Lighthouse",
    form: "prose",
    premise: "A lighthouse keeper finds a stray dog the night the lamp fails.",
    characters: "Ann, the keeper; Biscuit, the dog",
    setting: "A rocky island off Maine",
    tone: "Warm, a little eerie",
  });

  // Beats for the premise, then scenes for every beat, streamed from the real model.
  await ui.selectPremise();
  await ui.generateChildrenOfSelected();
  const beats = await ui.countRows({ level: "beat" });
  expect(beats).toBeGreaterThan(0);
  await ui.generateScenesForAllBeats();
  const scenes = await ui.countRows({ level: "scene" });
  expect(scenes).toBeGreaterThan(0);
  await ui.expectRowCount({ freshness: "stale" }, 0);

  // Edit the premise: every generated node below it goes stale, and nothing is regenerated yet.
  await ui.selectPremise();
  await ui.appendToSelectedText(" A storm is coming.");
  await ui.expectRowCount({ freshness: "stale" }, beats + scenes);
  await expect(ui.id("tree.stale-marker").first()).toBeVisible();
  await ui.waitSaved();
  const beforeCascade = await ui.treeRows();

  mkdirSync(ARTIFACTS, { recursive: true });
  await app.page.screenshot({ path: join(ARTIFACTS, "main-screen.png"), fullPage: true });

  // Regenerate below: the cascade runs top-down and leaves nothing stale.
  await ui.selectPremise();
  await ui.startGeneration(() => ui.regenerateBelowSelected());
  await ui.expectRowCount({ freshness: "stale" }, 0);
  const afterCascade = await ui.treeRows();
  expect(afterCascade.map((r) => r.id)).toEqual(beforeCascade.map((r) => r.id));
  expect(afterCascade.filter((r, i) => r.text !== beforeCascade[i]!.text).length).toBeGreaterThan(0);
  await app.page.screenshot({ path: join(ARTIFACTS, "after-cascade.png"), fullPage: true });

  // One undo reverses the whole cascade: the old texts are back, and stale again.
  await ui.undo();
  await ui.expectRowCount({ freshness: "stale" }, beats + scenes);
  expect(await ui.treeRows()).toEqual(beforeCascade);
  await ui.waitSaved();

  // Reload the window: the project is exactly as left.
  await app.page.reload();
  await expect(ui.rows("premise")).toHaveCount(1);
  expect(await ui.treeRows()).toEqual(beforeCascade);

  // Quit and start again with the same data folder: open it from the start screen.
  const home = app.home;
  await app.close();
  app = await launchCascade({ home });
  const reopened = new CascadePage(app.page);
  await reopened.id("start.project").first().click();
  await expect(reopened.rows("premise")).toHaveCount(1);
  expect(await reopened.treeRows()).toEqual(beforeCascade);
});
