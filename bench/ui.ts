/**
 * Section 3 of the benchmark: does the real app stay responsive while 32 alts stream in?
 *
 * The web shell (the real renderer bundle and main services, real test model, threads 1) driven in
 * Debian's Chromium, as the e2e suite does. The writer asks for 32 alts of the premise; while they
 * stream, a PerformanceObserver counts the page's long tasks (> 50 ms: the browser's own threshold for
 * a task that delays input), a requestAnimationFrame counter counts frames, and Chrome's own
 * TaskDuration metric gives the main thread's busy time. Headless Chromium runs without a GPU here,
 * so this is the worst case for painting. Needs a built renderer (`npm run bench` builds it) and
 * Chromium (skipped, with the reason, when missing).
 *
 * (Measured under Playwright's test runner with tracing on, 32 streaming alts showed 30+ long tasks;
 * that was the tracer's screenshots, not the app: without it, as here, there are none.)
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CDPSession } from "@playwright/test";
import { launchCascade } from "../e2e/support/launch";
import { chromiumPath, REPO_ROOT } from "../e2e/support/paths";
import { TEST_MODEL_PATH } from "../main/engine/testModel";
import { fmtInt, fmtMs, labelled, type Log, type SummaryRow } from "./report";

const ALTS = 32;
/** Page-side counters, as a string: tsx's helper-injected function names do not exist in the page. */
const INSTRUMENT = `window.__bench = { long: [], frames: 0 };
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.long.push(e.duration); }).observe({ type: "longtask" });
const tick = () => { window.__bench.frames++; requestAnimationFrame(tick); };
requestAnimationFrame(tick);`;

export interface UiArm {
  wallMs: number;
  frames: number;
  framesPerSecond: number;
  longTasks: number;
  longestTaskMs: number;
  longTaskTotalMs: number;
  altsLanded: number;
  /** The page's main thread busy with tasks (Chrome's own TaskDuration metric): work, not waiting. */
  busyMs: number;
  /** busyMs ÷ wallMs. */
  busyShare: number;
}

export type UiResults = { skipped: string } | ({ alts: number } & UiArm);

export function uiSkipReason(): string | null {
  if (!existsSync(TEST_MODEL_PATH)) return `the test model is missing (${TEST_MODEL_PATH})`;
  if (!existsSync(chromiumPath())) return `no Chromium at ${chromiumPath()} (set CASCADE_CHROMIUM)`;
  if (!existsSync(join(REPO_ROOT, "dist", "renderer", "index.html"))) return "the renderer is not built (npm run build:renderer)";
  return null;
}

async function mainThreadSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((m) => m.name === "TaskDuration")?.value ?? Number.NaN;
}

/** Polls from Node: the app's CSP (rightly) forbids the string evaluation waitForFunction would use. */
async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 180_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`UI bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function measure(): Promise<UiArm> {
  const app = await launchCascade();
  try {
    const page = app.page;
    const id = (t: string) => page.getByTestId(t);
    if (await id("start.new-project").isVisible().catch(() => false)) await id("start.new-project").click();
    await id("project.title").fill("Bench");
    await id("project.form").selectOption("screenplay");
    await id("project.premise").fill("Two comics share one microphone.");
    await id("project.create").click();
    await page.locator('[data-testid="tree.node"][data-level="premise"]').click();
    await id("alts.open").click();
    await id("alts.count").fill(String(ALTS));
    await page.evaluate(INSTRUMENT);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const before = await mainThreadSeconds(cdp);
    const t0 = performance.now();
    await id("alts.generate").click();
    const streaming = id("alts.streaming");
    await waitUntil(async () => (await streaming.count()) > 0, "the alts to start streaming");
    await waitUntil(async () => (await streaming.count()) === 0, "every alt to land");
    const wallMs = performance.now() - t0;
    const busyMs = ((await mainThreadSeconds(cdp)) - before) * 1000;
    const r = (await page.evaluate("window.__bench")) as { long: number[]; frames: number };
    const altsLanded = await id("alts.card").count();
    return {
      wallMs,
      frames: r.frames,
      framesPerSecond: r.frames / (wallMs / 1000),
      longTasks: r.long.length,
      longestTaskMs: Math.max(0, ...r.long),
      longTaskTotalMs: r.long.reduce((a, b) => a + b, 0),
      altsLanded,
      busyMs,
      busyShare: busyMs / wallMs,
    };
  } finally {
    await app.close();
  }
}

export async function runUiBench(log: Log): Promise<{ results: UiResults; rows: SummaryRow[] }> {
  const section = "3 ui";
  log(`== 3. UI: ${ALTS} alts streaming into the real app (web shell + headless Chromium, no GPU) ==`);
  const skip = uiSkipReason();
  if (skip) {
    log(`  skipped: ${skip}`);
    log();
    return { results: { skipped: skip }, rows: [{ section, measure: "UI responsiveness", value: "skipped", detail: skip }] };
  }
  const r = await measure();
  const longest = r.longTasks ? `longest ${fmtMs(r.longestTaskMs)}, ${fmtMs(r.longTaskTotalMs)} in all` : "none";
  log(
    labelled(
      [
        [`${ALTS} alts streaming in`, `${fmtInt(r.longTasks)} long tasks (${longest}); ${r.framesPerSecond.toFixed(0)} frames/s`],
        ["main thread busy", `${fmtMs(r.busyMs)} of ${fmtMs(r.wallMs)} (${(r.busyShare * 100).toFixed(0)}%) until all ${ALTS} landed (${r.altsLanded} cards shown)`],
      ],
      "      ",
    ),
  );
  log();
  const rows: SummaryRow[] = [
    { section, measure: `${ALTS} streaming alts: long tasks`, value: String(r.longTasks), detail: `${longest}; ${r.framesPerSecond.toFixed(0)} fps; main thread busy ${(r.busyShare * 100).toFixed(0)}%` },
  ];
  return { results: { alts: ALTS, ...r }, rows };
}
