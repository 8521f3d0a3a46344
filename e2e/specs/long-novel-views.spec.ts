/**
 * A long novel (30 beats, 300 scenes, 15,000 lines) in the outline and on the board: both views open
 * it, a scene moves on the board from the keyboard, and the outline scrolls — with the browser's own
 * performance marks (outline:render, board:render) and long tasks printed for the record. Speed is
 * printed here, never asserted (the project's rule); what is asserted is that the work is done right.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { saveProject } from "../../main/storage/projectStore";
import { buildStory } from "../../shared/story/testStory";
import { CascadePage } from "../support/CascadePage";
import { launchCascade, newHome, type RunningApp } from "../support/launch";
import { RestructurePage } from "../support/RestructurePage";

// The tracer repaints and screenshots every frame: it would be measured instead of the app.
test.use({ trace: "off", screenshot: "off" });

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.close();
  app = null;
});

const NOVEL = { beats: 30, scenesPerBeat: 10, linesPerScene: 50, textLength: 120 };

/** Starts collecting long tasks (main-thread tasks over 50 ms) from now on. */
async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    // Runs in the page (this file is compiled without the DOM's types: globalThis is the window there).
    const w = globalThis as unknown as { __longTasks: number[]; __longTaskObserver?: { disconnect(): void } };
    w.__longTaskObserver?.disconnect();
    w.__longTasks = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    });
    observer.observe({ type: "longtask" as "function" }); // a browser entry type Node's typings do not list
    w.__longTaskObserver = observer;
  });
}

async function longTasks(page: Page): Promise<string> {
  const tasks = await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks);
  if (tasks.length === 0) return "no long tasks";
  return `${tasks.length} long task(s), longest ${Math.round(Math.max(...tasks))} ms`;
}

/** Forgets earlier measures of `name`, so the next one read is the next one made. */
async function forget(page: Page, name: string) {
  await page.evaluate((n) => performance.clearMeasures(n), name);
}

async function measure(page: Page, name: string): Promise<number> {
  await expect.poll(() => page.evaluate((n) => performance.getEntriesByName(n).length, name)).toBeGreaterThan(0);
  return page.evaluate((n) => {
    const all = performance.getEntriesByName(n);
    return Math.round(all[all.length - 1]!.duration);
  }, name);
}

test("a 15,000-line novel in the outline and on the board (figures printed, not asserted)", async () => {
  const home = newHome();
  mkdirSync(join(home, "projects"), { recursive: true });
  const { project } = buildStory(NOVEL);
  const title = "The Long Novel";
  await saveProject(join(home, "projects", "long-novel.cascade"), { ...project, title });
  const figures: string[] = [];

  app = await launchCascade({ home });
  const ui = new CascadePage(app.page);
  const r = new RestructurePage(ui);
  const page = app.page;

  // Open it from the start screen: the outline renders the first screenful of 15,331 rows.
  await ui.id("start.project").filter({ hasText: title }).click();
  await expect(ui.rows("premise")).toHaveCount(1);
  await expect(ui.id("tree")).toHaveAttribute("data-row-count", /\d{3,}/);
  figures.push(`outline:render ${await measure(page, "outline:render")} ms (rows: ${await ui.id("tree").getAttribute("data-row-count")}, in the DOM: ${await ui.rows().count()})`);

  // Scroll the whole outline with the wheel.
  await watchLongTasks(page);
  await ui.id("tree").hover();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 1500);
  await expect.poll(async () => Number(await ui.rows().last().getAttribute("data-index"))).toBeGreaterThan(200);
  figures.push(`outline scroll (20 wheel turns): ${await longTasks(page)}`);

  // The board: 30 columns, 300 cards.
  await watchLongTasks(page);
  await forget(page, "board:render");
  await r.openBoard();
  await expect(r.columns()).toHaveCount(NOVEL.beats);
  await expect(ui.id("board.card")).toHaveCount(NOVEL.beats * NOVEL.scenesPerBeat);
  figures.push(`board:render ${await measure(page, "board:render")} ms; ${await longTasks(page)}`);

  // Move a scene to the next beat from the keyboard and wait until the board shows it there.
  const [beat1, beat2] = (await r.beatIds()) as [string, string];
  const scene = project.nodes[beat1]!.childIds[4]!;
  await r.focusCard(scene);
  await watchLongTasks(page);
  const started = await page.evaluate(() => performance.now());
  await page.keyboard.press("Alt+ArrowRight");
  await expect(r.column(beat2).locator(`[data-testid="board.card"][data-node-id="${scene}"]`)).toBeVisible();
  await expect(r.card(scene)).toHaveAttribute("data-freshness", "stale");
  const shown = await page.evaluate(() => performance.now());
  figures.push(`move a scene on the board (key press → shown stale in its new beat, through main and back): ${Math.round(shown - started)} ms; ${await longTasks(page)}`);

  // Back to the outline: the move is there too.
  await watchLongTasks(page);
  await forget(page, "outline:render");
  await r.openWriteView();
  figures.push(`outline:render (again, after the board) ${await measure(page, "outline:render")} ms; ${await longTasks(page)}`);

  console.log(`\nLong novel (${NOVEL.beats} beats, ${NOVEL.beats * NOVEL.scenesPerBeat} scenes, ${NOVEL.beats * NOVEL.scenesPerBeat * NOVEL.linesPerScene} lines):\n  ${figures.join("\n  ")}\n`);
  for (const f of figures) test.info().annotations.push({ type: "figure", description: f });
});
