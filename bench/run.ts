/**
 * `npm run bench`: Cascade's speed figures, measured side by side in one run.
 *
 * The project's rule: speed is measured here, never asserted in tests. Tests say what must hold; this
 * says how fast it is, on the machine it runs on, so a change that makes something slower shows up as a
 * number to look at, not as a flaky test. Every comparison below runs the same inputs in the same run,
 * and every figure's label says what exactly it is.
 *
 * 1. Pure core on a long novel (30 beats × 10 scenes × 50 lines = 15,000 lines, ~15,300 nodes), the size
 *    at which whole-tree work would start to hurt while the writer types:
 *    - computeStatuses for the whole tree (runs after every edit, to paint stale / inputs-changed);
 *    - one beat edited + statuses recomputed (what one keystroke in a beat costs);
 *    - one scene moved to another beat + statuses recomputed (a drag on the board or the outline; the
 *      budget is one frame, 16.7 ms, printed beside the p95, not asserted);
 *    - planCascade from the premise after a premise edit (the largest cascade there is);
 *    - assembleChildrenPrompt for a scene's lines in a 3×3×3 story vs the novel: both times and both
 *      estimated token counts, because the prompt must not grow with the story (PROMPT_TOKEN_CEILING);
 *    - serializeProject (the file's JSON text, and its size) and saveProject to a temp folder (schema
 *      validation + atomic write with fsync), i.e. what an autosave of the novel costs.
 *    Medians and p95 over repeated runs after warm-up, timed with performance.now().
 * 2. The engine with the real tiny test model (stories260K.gguf; skipped, with the reason, if missing),
 *    CPU only, threads from CASCADE_THREADS or 1 (never the library default, which thrashes 2 cores):
 *    (a) the same 4 generations one after another on 1 sequence vs at once on 4 sequences of one batched
 *        context: wall time, speed-up, tokens/s, and the scheduler's maxConcurrent;
 *    (b) KV prefix reuse: a second request sharing a ~700-token prefix with the first (real app prompts),
 *        routed by the same affinityKey vs by a different one: tokens evaluated / reused and time;
 *    (c) JSON-schema grammar overhead: the same request with and without the app's output schema;
 *    (d) alts: 8 alternatives of one node (same prompt, seeds 1-8, ≤64 tokens each; EOS cannot be
 *        disabled, so tokens are counted as generated) at once on sequences:8 with one affinityKey vs one
 *        after another on sequences:1 (ratio sequential ÷ batched), and the same 8 batched alts through
 *        the engine vs node-llama-cpp called directly (overhead %: the median of per-round differences,
 *        each round's two arms back to back, against the 5% goal; not asserted).
 *    The model is a 260K-parameter toy, so absolute figures mean little for a real model; the ratios
 *    are what these exercise.
 * 4. The style-name filter (bench/filter.ts): loading the creators list and building its index at
 *    start-up (goal < 200 ms), and scanning a 5 KB prompt against it (p99; goal well under 10 ms).
 * 3. The UI while 32 alts stream into the real app (web shell + headless Chromium): long tasks, frames/s
 *    and the main thread's busy time (bench/ui.ts). Skipped without Chromium.
 * 5. The engine process (bench/engineHost.ts): model load time and generation tokens/s for the same
 *    model, settings, prompt and seed through node-llama-cpp directly, the engine in process and the
 *    engine process the app runs the model in, side by side, as ratios engine ÷ direct. Run alone with
 *    `npx tsx bench/engineHost.ts`.
 *
 * Output: a header line per section with its figures, then a summary table. `--json` prints only the
 * figures, as one JSON document on stdout.
 */
import os from "node:os";
import { runCoreBench, type CoreResults } from "./core";
import { engineThreads, runEngineBench, type EngineResults, type EngineSkipped } from "./engine";
import { runEngineHostBench, type EngineHostResults } from "./engineHost";
import { fmtMs, table, type Log, type SummaryRow } from "./report";
import { runFilterBench, type FilterResults } from "./filter";
import { runUiBench, type UiResults } from "./ui";

interface BenchReport {
  startedAt: string;
  totalMs: number;
  machine: { platform: string; arch: string; cpus: number; cpuModel: string; node: string; engineThreads: number };
  core: CoreResults;
  engine: EngineResults | EngineSkipped;
  engineHost: EngineHostResults | EngineSkipped;
  ui: UiResults;
  filter: FilterResults;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--json");
  if (unknown.length) {
    console.error(`Unknown argument(s): ${unknown.join(" ")}. Usage: npm run bench [-- --json]`);
    process.exitCode = 2;
    return;
  }
  const json = args.includes("--json");
  const log: Log = json ? () => {} : (line = "") => console.log(line);

  const started = performance.now();
  const startedAt = new Date().toISOString();
  const threads = engineThreads();
  const machine = {
    platform: process.platform,
    arch: process.arch,
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    engineThreads: threads,
  };
  log(`Cascade benchmark: node ${machine.node}, ${machine.platform}/${machine.arch}, ${machine.cpus} CPUs (${machine.cpuModel}), engine threads ${threads}`);
  log();

  // The filter first: its index build is measured cold, as at the app's start-up.
  const filter = await runFilterBench(log);
  const core = await runCoreBench(log);
  const engine = await runEngineBench(log);
  const engineHost = await runEngineHostBench(log, threads);
  const ui = await runUiBench(log);
  const totalMs = performance.now() - started;

  if (json) {
    const report: BenchReport = { startedAt, totalMs, machine, core: core.results, engine: engine.results, engineHost: engineHost.results, ui: ui.results, filter: filter.results };
    console.log(JSON.stringify(report, null, 2));
    return;
  }

  const rows: SummaryRow[] = [...core.rows, ...engine.rows, ...engineHost.rows, ...ui.rows, ...filter.rows];
  log(`== Summary (times are medians; ratios from the same run; total ${fmtMs(totalMs)}) ==`);
  log(
    table(
      ["section", "measure", "value", "detail"],
      rows.map((r) => [r.section, r.measure, r.value, r.detail]),
      [2],
    ),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
