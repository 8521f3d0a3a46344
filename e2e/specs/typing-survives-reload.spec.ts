/**
 * A crash or reload loses at most the last moments of typing: text typed right before the window
 * reloads — before the editor's debounce has sent it — is still there afterwards, and on disk; and
 * when the app is killed outright, what was typed a few seconds earlier is on disk.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { CascadePage } from "../support/CascadePage";
import { launchCascade, type RunningApp } from "../support/launch";

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.close();
  app = null;
});

test("text typed just before a reload survives it", async () => {
  app = await launchCascade({ model: null });
  const ui = new CascadePage(app.page);
  await ui.createProject({ title: "Quick", form: "prose", premise: "A ferry that never docks." });
  await ui.selectPremise();
  await ui.appendToSelectedText(" The captain knows why.");
  // No waiting for the debounce or the autosave: reload at once.
  await app.page.reload();
  await expect(ui.rows("premise")).toHaveCount(1);
  await ui.selectPremise();
  await expect(ui.id("editor.text")).toContainText("A ferry that never docks. The captain knows why.");
  await ui.waitSaved();

  const dir = join(app.home, "projects");
  const file = readdirSync(dir).find((f) => f.endsWith(".cascade"))!;
  const saved = JSON.parse(readFileSync(join(dir, file), "utf8")) as { rootId: string; nodes: Record<string, { text: string }> };
  expect(saved.nodes[saved.rootId]!.text).toBe("A ferry that never docks. The captain knows why.");
});

test("a crash loses at most the last few seconds of typing", async () => {
  app = await launchCascade({ model: null });
  const ui = new CascadePage(app.page);
  await ui.createProject({ title: "Crash", form: "prose", premise: "A lamp that remembers faces." });
  await ui.selectPremise();
  await ui.appendToSelectedText(" It forgets only one.");
  // No save button, no waiting for "Saved": just a few seconds of the writer thinking, then a crash.
  await app.page.waitForTimeout(4_000);
  const home = app.home;
  await app.crash();
  app = null;

  app = await launchCascade({ home, model: null });
  const reopened = new CascadePage(app.page);
  await reopened.id("start.project").first().click();
  await reopened.selectPremise();
  await expect(reopened.id("editor.text")).toContainText("A lamp that remembers faces. It forgets only one.");
});
