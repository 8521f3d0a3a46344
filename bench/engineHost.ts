/**
 * Section 5 of the benchmark: what running the model through Cascade's engine costs, in this process
 * and in the engine process the app uses (a separate process, so a native crash cannot take the app
 * down), against node-llama-cpp called directly. Same model, same settings (CPU only, the bench's
 * threads, context 1024, 1 sequence), same prompt, seed and maxTokens, side by side in one run:
 *
 * - model load time, compared like with like: node-llama-cpp directly = getLlama + loadModel +
 *   createContext vs the engine process started fresh (process start + its runtime + Engine.load there:
 *   what the first request after start-up or after a crash waits for); and, with the llama runtime
 *   already started (the app starts it once per process), loadModel + createContext directly vs
 *   Engine.load in process vs a load into the running engine process;
 * - generation tokens/s: one completion streamed to the caller (onText), wall time at the caller,
 *   tokens as generated (EOS cannot be disabled), several rounds with the order rotating.
 *
 * Ratios are engine ÷ direct: for load time above 1× is slower, for tokens/s below 1× is slower.
 * The engine process runs the bundled worker (built here to .cascade-tmp/bench/engineWorker.mjs, as the app
 * ships it in dist/electron) under plain Node.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getLlama, LlamaCompletion, LlamaLogLevel, type Llama, type LlamaContext, type LlamaModel } from "node-llama-cpp";
import { Engine } from "../main/engine/engine";
import type { EngineOptions, GenerationRequest } from "../main/engine/engineTypes";
import type { EngineHandle } from "../main/engine/host/engineHost";
import { nodeLauncher } from "../main/engine/host/nodeLauncher";
import { createProcessHost, type ProcessHost } from "../main/engine/host/processHost";
import { completionPromptText } from "../main/engine/sequenceRunner";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH } from "../main/engine/testModel";
import { APP_ROOT, buildEngineWorker } from "../scripts/buildElectron";
import type { EngineSkipped } from "./engine";
import { median, summarize, type Timing } from "./measure";
import { fmtMs, fmtRate, fmtRatio, fmtRounds, labelled, type Log, type SummaryRow } from "./report";

const LOAD_ROUNDS = 7;
const GEN_ROUNDS = 15;
const CONTEXT = 1024;
const MAX_TOKENS = 256;
const SEED = 7;
const SAMPLING = { temperature: 0.8, topP: 0.95, minP: 0.05, maxTokens: MAX_TOKENS };
const PROMPT = { system: "", user: "Lily found a red box in the garden. She opened it and" };

type Arm = "direct" | "inProcess" | "process";
const ARMS: Arm[] = ["direct", "inProcess", "process"];
const LABEL: Record<Arm, string> = {
  direct: "node-llama-cpp directly",
  inProcess: "engine in process",
  process: "engine process",
};

export interface GenArm {
  /** Median over the rounds of tokens ÷ wall time. */
  tokensPerSecond: number;
  /** Median tokens generated per round. */
  tokens: number;
  ms: Timing;
}

export interface EngineHostResults {
  model: string;
  threads: number;
  contextSize: number;
  maxTokens: number;
  worker: string;
  load: {
    /** getLlama + loadModel + createContext. */
    direct: Timing;
    /** loadModel + createContext on a runtime already started. */
    directWarm: Timing;
    inProcess: Timing;
    process: Timing;
    processWarm: Timing;
    /** process ÷ direct (both start a runtime). */
    processRatio: number;
    /** inProcess ÷ directWarm and processWarm ÷ directWarm (neither starts a runtime). */
    inProcessRatio: number;
    processWarmRatio: number;
  };
  generation: {
    direct: GenArm;
    inProcess: GenArm;
    process: GenArm;
    /** engine tokens/s ÷ direct tokens/s: the median of the per-round ratios (each round's arms ran back to back). */
    inProcessRatio: number;
    processRatio: number;
    identicalTexts: number;
    comparedTexts: number;
  };
}

interface Direct {
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
}

function startRuntime(): Promise<Llama> {
  return getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
}

async function loadDirect(threads: number, runtime?: Llama): Promise<Direct> {
  const llama = runtime ?? (await startRuntime());
  if (llama.maxThreads !== 0 && threads > llama.maxThreads) llama.maxThreads = threads;
  const model = await llama.loadModel({ modelPath: TEST_MODEL_PATH, gpuLayers: 0 });
  const context = await model.createContext({ contextSize: CONTEXT, sequences: 1, threads });
  return { llama, model, context };
}

async function disposeDirect(d: Direct, keepRuntime = false): Promise<void> {
  await d.context.dispose();
  await d.model.dispose();
  if (!keepRuntime) await d.llama.dispose();
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** The bundled worker (as the app ships it), or the TypeScript one under tsx if the bundle cannot be built. */
async function workerPath(log: Log): Promise<string> {
  // Inside the app (so node-llama-cpp resolves from its node_modules), outside dist/ (which installers pack).
  const out = path.join(APP_ROOT, ".cascade-tmp", "bench", "engineWorker.mjs");
  try {
    await buildEngineWorker(out);
    return out;
  } catch (err) {
    log(`  (could not bundle the worker, using the TypeScript one under tsx: ${err instanceof Error ? err.message : String(err)})`);
    return fileURLToPath(new URL("../main/engine/host/engineWorker.ts", import.meta.url));
  }
}

export async function runEngineHostBench(log: Log, threads: number): Promise<{ results: EngineHostResults | EngineSkipped; rows: SummaryRow[] }> {
  const S = "5 engine host";
  if (!HAS_TEST_MODEL) {
    const reason = `skipped: ${NO_MODEL_REASON}`;
    log(`== 5. Engine process vs node-llama-cpp directly: ${reason} ==`);
    log();
    return { results: { skipped: reason }, rows: [{ section: S, measure: "engine host section", value: "skipped", detail: NO_MODEL_REASON }] };
  }
  const worker = await workerPath(log);
  const opts: EngineOptions = { modelPath: TEST_MODEL_PATH, threads, gpuLayers: "off", sequences: 1, contextSize: CONTEXT, promptFormat: "completion" };
  const newHost = () => createProcessHost(nodeLauncher({ workerPath: worker }));
  const hosts: ProcessHost[] = [];
  const cleanup: Array<() => Promise<unknown>> = [];
  try {
    // ------------------------------------------------------------ model load
    const loads: Record<Arm | "processWarm" | "directWarm", number[]> = { direct: [], directWarm: [], inProcess: [], process: [], processWarm: [] };
    const runtime = await startRuntime();
    cleanup.push(() => runtime.dispose());
    const loadOnce: Record<Arm, () => Promise<void>> = {
      direct: async () => {
        const r = await timed(() => loadDirect(threads));
        loads.direct.push(r.ms);
        await disposeDirect(r.value);
        const warm = await timed(() => loadDirect(threads, runtime));
        loads.directWarm.push(warm.ms);
        await disposeDirect(warm.value, true);
      },
      inProcess: async () => {
        const r = await timed(() => Engine.load(opts));
        loads.inProcess.push(r.ms);
        await r.value.dispose();
      },
      process: async () => {
        const host = newHost();
        const r = await timed(() => host.load(opts));
        loads.process.push(r.ms);
        await r.value.dispose();
        const warm = await timed(() => host.load(opts));
        loads.processWarm.push(warm.ms);
        await host.dispose();
      },
    };
    // Round 0 warms everything (the native binding, the file cache, tsx/esbuild) and is not counted.
    for (let round = 0; round <= LOAD_ROUNDS; round++) {
      for (let i = 0; i < ARMS.length; i++) await loadOnce[ARMS[(round + i) % ARMS.length]!]();
      if (round === 0) for (const k of Object.keys(loads) as Array<keyof typeof loads>) loads[k].length = 0;
    }
    const load = {
      direct: summarize(loads.direct),
      directWarm: summarize(loads.directWarm),
      inProcess: summarize(loads.inProcess),
      process: summarize(loads.process),
      processWarm: summarize(loads.processWarm),
    };
    const loadRatios = {
      processRatio: load.process.medianMs / load.direct.medianMs,
      inProcessRatio: load.inProcess.medianMs / load.directWarm.medianMs,
      processWarmRatio: load.processWarm.medianMs / load.directWarm.medianMs,
    };

    // ------------------------------------------------------------ generation
    const direct = await loadDirect(threads, runtime);
    cleanup.push(() => disposeDirect(direct, true));
    const completion = new LlamaCompletion({ contextSequence: direct.context.getSequence(), autoDisposeSequence: false });
    const inProcess = await Engine.load(opts);
    cleanup.push(() => inProcess.dispose());
    const host = newHost();
    hosts.push(host);
    const remote = await host.load(opts);
    const promptText = completionPromptText(PROMPT.system, PROMPT.user);
    const req: GenerationRequest = { prompt: PROMPT, sampling: SAMPLING, seed: SEED };

    const viaEngine = async (engine: EngineHandle) => {
      const r = await timed(() => engine.generate({ ...req, onText: () => undefined }));
      return { ms: r.ms, tokens: r.value.stats.generatedTokens, text: r.value.text };
    };
    const generateOnce: Record<Arm, () => Promise<{ ms: number; tokens: number; text: string }>> = {
      direct: async () => {
        let tokens = 0;
        const r = await timed(() =>
          completion.generateCompletion(promptText, {
            ...SAMPLING,
            seed: SEED,
            onToken: (t) => {
              tokens += t.length;
            },
            onTextChunk: () => undefined,
          }),
        );
        return { ms: r.ms, tokens, text: r.value };
      },
      inProcess: () => viaEngine(inProcess),
      process: () => viaEngine(remote),
    };
    const gens: Record<Arm, Array<{ ms: number; tokens: number; text: string }>> = { direct: [], inProcess: [], process: [] };
    for (let round = 0; round <= GEN_ROUNDS; round++) {
      for (let i = 0; i < ARMS.length; i++) {
        const arm = ARMS[(round + i) % ARMS.length]!;
        const g = await generateOnce[arm]();
        if (round > 0) gens[arm].push(g);
      }
    }
    const genArm = (list: Array<{ ms: number; tokens: number }>): GenArm => ({
      tokensPerSecond: median(list.map((g) => g.tokens / (g.ms / 1000))),
      tokens: median(list.map((g) => g.tokens)),
      ms: summarize(list.map((g) => g.ms)),
    });
    const generation = { direct: genArm(gens.direct), inProcess: genArm(gens.inProcess), process: genArm(gens.process) };
    let identical = 0;
    let compared = 0;
    gens.direct.forEach((d, i) => {
      for (const arm of ["inProcess", "process"] as const) {
        compared++;
        if (gens[arm][i]?.text === d.text) identical++;
      }
    });
    // Paired: each round's arms ran back to back, so the machine's drift over the run cancels out.
    const rate = (g: { ms: number; tokens: number }) => g.tokens / g.ms;
    const paired = (arm: Arm) => median(gens[arm].map((g, i) => rate(g) / rate(gens.direct[i]!)));
    const genRatios = { inProcessRatio: paired("inProcess"), processRatio: paired("process") };

    // ------------------------------------------------------------ report
    const info = inProcess.info();
    log(
      `== 5. Engine process vs node-llama-cpp directly: ${info.modelId}, CPU only, threads ${threads}, context ${CONTEXT}, 1 sequence, ` +
        `seed ${SEED}, ≤${MAX_TOKENS} tokens (worker: ${path.relative(APP_ROOT, worker)}) ==`,
    );
    log(`  model load (${LOAD_ROUNDS} rounds after an untimed warm-up, order rotating; ratio = engine ÷ direct, above 1× is slower)`);
    log(
      labelled(
        [
          [`${LABEL.direct}: getLlama + loadModel + createContext`, fmtRounds(load.direct)],
          [`${LABEL.process}, fresh: process start + runtime + load`, `${fmtRounds(load.process)}; ${fmtRatio(loadRatios.processRatio)} direct`],
          [`${LABEL.direct}, runtime started: loadModel + createContext`, fmtRounds(load.directWarm)],
          [`${LABEL.inProcess}: Engine.load (runtime started)`, `${fmtRounds(load.inProcess)}; ${fmtRatio(loadRatios.inProcessRatio)} direct`],
          [`${LABEL.process}, running: Engine.load there`, `${fmtRounds(load.processWarm)}; ${fmtRatio(loadRatios.processWarmRatio)} direct`],
        ],
        "      ",
      ),
    );
    log(`  generation (one streamed completion, ${GEN_ROUNDS} rounds after a warm-up, order rotating; tokens/s at the caller; ratio = engine ÷ direct, median of per-round ratios, below 1× is slower)`);
    const genLine = (g: GenArm, ratio?: number) =>
      `${fmtRate(g.tokensPerSecond, "tok")} median; ${g.tokens} tokens in ${fmtMs(g.ms.medianMs)}${ratio != null ? `; ${fmtRatio(ratio)}` : ""}`;
    log(
      labelled(
        [
          [LABEL.direct, genLine(generation.direct)],
          [LABEL.inProcess, genLine(generation.inProcess, genRatios.inProcessRatio)],
          [LABEL.process, genLine(generation.process, genRatios.processRatio)],
          ["identical texts (engines vs direct)", `${identical}/${compared}`],
        ],
        "      ",
      ),
    );
    log();

    const rows: SummaryRow[] = [
      { section: S, measure: `load, ${LABEL.direct}`, value: fmtMs(load.direct.medianMs), detail: "getLlama + loadModel + createContext" },
      { section: S, measure: `load, ${LABEL.process} (fresh)`, value: fmtMs(load.process.medianMs), detail: `${fmtRatio(loadRatios.processRatio)} direct; incl. process + runtime start` },
      { section: S, measure: "load, direct, runtime started", value: fmtMs(load.directWarm.medianMs), detail: "loadModel + createContext" },
      { section: S, measure: `load, ${LABEL.inProcess}`, value: fmtMs(load.inProcess.medianMs), detail: `${fmtRatio(loadRatios.inProcessRatio)} direct (runtime started)` },
      { section: S, measure: `load, ${LABEL.process} (running)`, value: fmtMs(load.processWarm.medianMs), detail: `${fmtRatio(loadRatios.processWarmRatio)} direct (runtime started)` },
      { section: S, measure: `tokens/s, ${LABEL.direct}`, value: fmtRate(generation.direct.tokensPerSecond, "tok"), detail: `${generation.direct.tokens} tokens/round` },
      { section: S, measure: `tokens/s, ${LABEL.inProcess}`, value: fmtRate(generation.inProcess.tokensPerSecond, "tok"), detail: `${fmtRatio(genRatios.inProcessRatio)} direct` },
      { section: S, measure: `tokens/s, ${LABEL.process}`, value: fmtRate(generation.process.tokensPerSecond, "tok"), detail: `${fmtRatio(genRatios.processRatio)} direct` },
    ];
    return {
      results: {
        model: info.modelId,
        threads,
        contextSize: CONTEXT,
        maxTokens: MAX_TOKENS,
        worker: path.relative(APP_ROOT, worker),
        load: { ...load, ...loadRatios },
        generation: { ...generation, ...genRatios, identicalTexts: identical, comparedTexts: compared },
      },
      rows,
    };
  } finally {
    for (const dispose of cleanup.reverse()) await dispose();
    for (const h of hosts) await h.dispose();
  }
}

// `npx tsx bench/engineHost.ts`: this section alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { engineThreads } = await import("./engine");
  const { table } = await import("./report");
  const { rows } = await runEngineHostBench((line = "") => console.log(line), engineThreads());
  console.log(table(["section", "measure", "value", "detail"], rows.map((r) => [r.section, r.measure, r.value, r.detail]), [2]));
}
