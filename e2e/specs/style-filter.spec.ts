/**
 * The style-name filter as a writer meets it: a generation whose prompt names a protected creator
 * shows the filter's decision before anything runs. (a) Rewrite: the dialog shows the span and the
 * rewrite as a diff; undo shows the original; generating with the rewrite writes the beats and the
 * project's audit log records it. (b) Strict mode blocks an alts angle naming a protected creator —
 * no job starts — until the writer allow-lists the name from the dialog, and then the alts run.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { Project } from "../../shared/story/model";
import type { FilterAuditEntry } from "../../shared/ipc/contract";
import { CascadePage } from "../support/CascadePage";
import { launchCascade, type RunningApp } from "../support/launch";
import { ARTIFACTS } from "../support/paths";

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.close();
  app = null;
});

function projectFile(home: string): string {
  const dir = join(home, "projects");
  return join(dir, readdirSync(dir).find((f) => f.endsWith(".cascade"))!);
}

function savedProject(home: string): Project {
  return JSON.parse(readFileSync(projectFile(home), "utf8")) as Project;
}

function auditEntries(home: string): FilterAuditEntry[] {
  return readFileSync(`${projectFile(home)}.audit.jsonl`, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as FilterAuditEntry);
}

const SPAN = "in the style of Quentin Tarantino";

test("a rewrite is shown before it runs: undo shows the original, generate with the rewrite writes the beats and logs it", async () => {
  app = await launchCascade();
  const ui = new CascadePage(app.page);
  await ui.createProject({ title: "Heist", form: "prose", premise: `A heist crew falls apart, told ${SPAN}.` });
  await ui.selectPremise();
  await ui.startGeneratingSelected();

  await ui.expectFilterDecision("rewrite");
  // The part of the prompt around the match, not the whole prompt; the span struck, neutral words in its place.
  await expect(ui.filterExcerpts()).toHaveCount(1);
  await expect(ui.filterExcerpts()).toContainText("A heist crew falls apart, told");
  await expect(ui.filterExcerpts()).not.toContainText("You are a skilled co-writer");
  await expect(ui.filterRemoved()).toHaveText(SPAN);
  await expect(ui.filterInserted()).toHaveCount(1);
  await expect(ui.filterInserted()).not.toContainText("Tarantino");
  const replacement = (await ui.filterInserted().textContent()) ?? "";
  await expect(ui.filterReasons()).toContainText("Quentin Tarantino, b. 1963 — living — protected");
  await app.page.screenshot({ path: join(ARTIFACTS, "filter-rewrite.png"), animations: "disabled" });
  // Nothing runs while the dialog waits.
  await expect(ui.jobItems()).toHaveCount(0);

  await ui.undoRewrite();
  await expect(ui.filterMarks()).toHaveText(SPAN);
  await expect(ui.filterInserted()).toHaveCount(0);
  await expect(ui.filterMessage()).toContainText("can't be sent as written");
  await expect(ui.id("filter.describe")).toBeVisible();
  await expect(ui.id("filter.allow-open")).toBeVisible();

  await ui.useRewriteAgain();
  await expect(ui.filterInserted()).toHaveText(replacement);
  await ui.generateWithRewrite();
  await expect(ui.rows("beat").first()).toBeVisible({ timeout: 150_000 });
  await ui.waitIdle();
  await ui.waitSaved();

  // The audit log, in the project settings and in its file beside the project.
  await ui.openSettings();
  const entries = await ui.openFilterAuditLog();
  await expect(entries.first()).toHaveAttribute("data-decision", "rewrite");
  await expect(entries.first()).toContainText("Quentin Tarantino");
  await expect(entries.first()).toContainText(SPAN);
  await ui.closeSettings();
  const logged = auditEntries(app.home).filter((e) => e.decision === "rewrite");
  expect(logged.length).toBeGreaterThan(0);
  expect(logged[0]!.matches[0]).toMatchObject({ name: "Quentin Tarantino", action: "rewrite", matched: SPAN, replacement });
});

test("strict mode stops an alts angle naming a protected creator before any job starts; allow-listing it from the dialog lets it run", async () => {
  app = await launchCascade();
  const ui = new CascadePage(app.page);
  await ui.createProject({ title: "Room", form: "screenplay", premise: "Two comics share one microphone." });

  await ui.openSettings();
  await ui.setFilterMode("strict");
  await ui.closeSettings();
  await ui.waitSaved();
  expect(savedProject(app.home).settings.filter?.mode).toBe("strict");

  await ui.selectPremise();
  const premiseId = (await ui.rows("premise").getAttribute("data-node-id"))!;
  await ui.askForAlts(2, "in the style of Jerry Seinfeld");
  await ui.expectFilterDecision("block");
  await expect(ui.filterMessage()).toContainText("Jerry Seinfeld");
  await expect(ui.filterMarks()).toHaveText("in the style of Jerry Seinfeld");
  await app.page.screenshot({ path: join(ARTIFACTS, "filter-block.png"), animations: "disabled" });
  await expect(ui.jobItems()).toHaveCount(0);

  // "Describe the qualities instead" puts the cursor back in the angle, where the name was typed.
  await ui.describeQualitiesInstead();
  await expect(ui.id("alts.angle")).toBeFocused();
  await expect(ui.jobItems()).toHaveCount(0);

  await ui.id("alts.generate").click();
  await ui.expectFilterDecision("block");
  await ui.allowFromFilter("Jerry Seinfeld", "licensed parody");
  await expect(ui.filterDialog()).toHaveCount(0);
  await expect(ui.id("alts.card").first()).toBeVisible({ timeout: 150_000 });
  await ui.waitIdle();
  await ui.waitSaved();

  const saved = savedProject(app.home);
  expect(saved.settings.filter?.allow).toEqual([{ name: "Jerry Seinfeld", reason: "licensed parody" }]);
  expect(saved.nodes[premiseId]!.alts.filter((a) => a.reason === "generated")).toHaveLength(2);
});
