/**
 * Mining alts for a line: ask for 8 alternates (generated in parallel by the real model), star two,
 * reject one, swap one in and undo the swap, reload — the stars survive and the binder shows them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { Project } from "../../shared/story/model";
import { CascadePage } from "../support/CascadePage";
import { launchCascade, type RunningApp } from "../support/launch";
import { ARTIFACTS } from "../support/paths";

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.close();
  app = null;
});

function savedProject(home: string): Project {
  const dir = join(home, "projects");
  const file = readdirSync(dir).find((f) => f.endsWith(".cascade"))!;
  return JSON.parse(readFileSync(join(dir, file), "utf8")) as Project;
}

test("generate 8 alts for a line, star two, reject one, swap and undo, reload; the binder keeps the stars", async () => {
  app = await launchCascade();
  const ui = new CascadePage(app.page);
  await ui.createProject({ title: "Room", form: "screenplay", premise: "Two comics share one microphone." });

  // Premise → beats → scenes of the first beat → lines of its first scene.
  await ui.selectPremise();
  await ui.generateChildrenOfSelected();
  await ui.select(ui.rows("beat").first());
  await ui.generateChildrenOfSelected();
  await ui.select(ui.rows("scene").first());
  await ui.generateChildrenOfSelected();
  const line = ui.rows("line").first();
  const lineId = (await line.getAttribute("data-node-id"))!;
  await ui.select(line);
  const original = (await ui.id("editor.text").textContent())?.trim() ?? "";

  await ui.id("alts.open").click();
  await ui.id("alts.count").fill("8");
  await ui.startGeneration(() => ui.id("alts.generate").click());
  await ui.waitSaved();
  const generated = savedProject(app.home).nodes[lineId]!.alts.filter((a) => a.reason === "generated");
  expect(generated).toHaveLength(8);
  expect(new Set(generated.map((a) => a.provenance?.seed)).size).toBe(8);
  for (const a of generated) expect(Number.isFinite(a.score)).toBe(true);

  const cards = ui.id("alts.card");
  await expect(cards.first()).toBeVisible();
  const ids = await cards.evaluateAll((els) => els.map((el) => el.getAttribute("data-alt-id") ?? ""));
  expect(ids.length).toBeGreaterThanOrEqual(4);
  const card = (id: string) => app!.page.locator(`[data-testid="alts.card"][data-alt-id="${id}"]`);

  await card(ids[0]!).getByTestId("alts.star").click();
  await card(ids[1]!).getByTestId("alts.star").click();
  await expect(card(ids[0]!)).toHaveAttribute("data-starred", "true");
  await expect(card(ids[1]!)).toHaveAttribute("data-starred", "true");
  await card(ids[2]!).getByTestId("alts.reject").click();
  await expect(card(ids[2]!)).toHaveCount(0);

  // Swap one in: it becomes the line; undo puts the original back.
  const swapText = (await card(ids[3]!).getAttribute("data-alt-text")) ?? "";
  await card(ids[3]!).getByTestId("alts.swap").click();
  expect(swapText).not.toBe("");
  await expect(ui.id("editor.text")).toContainText(swapText.slice(0, 20));
  await expect(ui.id("editor.text")).not.toHaveText(original);
  await ui.undo();
  await expect(ui.id("editor.text")).toHaveText(original);
  await ui.waitSaved();

  await app.page.reload();
  await expect(ui.rows("premise")).toHaveCount(1);
  const saved = savedProject(app.home).nodes[lineId]!;
  expect(saved.text.trim()).toBe(original);
  expect(saved.alts.filter((a) => a.starred).map((a) => a.id).sort()).toEqual([ids[0]!, ids[1]!].sort());
  expect(saved.alts.find((a) => a.id === ids[2])?.rejected).toBe(true);

  await ui.id("binder.open").click();
  await expect(ui.id("binder.alt")).toHaveCount(2);
});

test("ask for outlines of the premise and use one", async () => {
  app = await launchCascade();
  const ui = new CascadePage(app.page);
  await ui.createProject({ title: "Outlines", form: "prose", premise: "A tailor sews a coat that changes its wearer." });
  await ui.selectPremise();
  await ui.id("alts.open").click();
  await ui.id("alts.kind-outlines").click();
  await ui.id("alts.count").fill("3");
  await ui.startGeneration(() => ui.id("alts.generate").click());
  await ui.waitSaved();
  const premiseId = (await ui.rows("premise").getAttribute("data-node-id"))!;
  const outlines = savedProject(app.home).nodes[premiseId]!.alts.filter((a) => a.outline);
  expect(outlines).toHaveLength(3);

  const card = ui.id("alts.card").first();
  const chosenId = (await card.getAttribute("data-alt-id"))!;
  const chosen = outlines.find((a) => a.id === chosenId)!;
  await card.getByTestId("alts.swap-outline").click();
  await expect(ui.rows("beat")).toHaveCount(chosen.outline!.length);
  await ui.waitSaved();
  const after = savedProject(app.home);
  const beats = after.nodes[premiseId]!.childIds.map((id) => after.nodes[id]!);
  expect(beats.map((b) => b.text)).toEqual(chosen.outline!.map((b) => b.text));
  await app.page.screenshot({ path: join(ARTIFACTS, "outline-alts.png") });
});
