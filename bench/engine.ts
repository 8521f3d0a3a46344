/**
 * Section 2 of the benchmark: the generation engine with the real (tiny) test model, on the CPU.
 *
 * stories260K is a 260K-parameter toy: absolute figures say little about a real model, but the
 * RATIOS measured here (batched sequences vs one, KV prefix reuse vs none, grammar vs none, and in
 * ./alts batched alts vs sequential and the engine vs node-llama-cpp directly) exercise the
 * same engine code paths the app uses. Every comparison runs identical requests side by side in one run.
 */
import { Engine } from "../main/engine/engine";
import type { GenerationRequest, GenerationResult } from "../main/engine/engineTypes";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH, testSampling } from "../main/engine/testModel";
import { assembleChildrenPrompt } from "../shared/prompts/assemble";
import { outputSchema } from "../shared/prompts/outputSchema";
import { buildStory, nodesAt } from "../shared/story/testStory";
import { runAltsBench, type AltsResults } from "./alts";
import { median, spread, summarize, type Spread, type Timing } from "./measure";
import { fmtInt, fmtMs, fmtRate, fmtRatio, fmtRounds, labelled, type Log, type SummaryRow } from "./report";

const PARALLEL_REQUESTS = 4;
const PARALLEL_MAX_TOKENS = 96;
const PARALLEL_ROUNDS = 5;
const REUSE_MAX_TOKENS = 32;
const REUSE_ROUNDS = 3;
const GRAMMAR_MAX_TOKENS = 96;
const GRAMMAR_ROUNDS = 5;

/**
 * Openings for the parallelism requests. Each starts with a different letter, so no two prompts share a
 * KV prefix (beyond BOS) — across requests or rounds — and neither mode gets a reuse advantage.
 */
const NAMES = ["Lily", "Tom", "Ben", "Mia", "Sam", "Anna", "Kate", "Zoe", "Hugo", "Ivy", "Dan", "Eve", "Finn", "Grace", "Jack", "Nina", "Olly", "Pat", "Rosa", "Uma", "Vic", "Wes", "Yuri", "Cleo"];
const DEEDS = ["found a red box in the garden.", "saw a big dog near the park.", "wanted to fly a kite with mom.", "had a small boat on the pond."];

export interface EngineSkipped {
  skipped: string;
}

export interface EngineResults {
  model: string;
  threads: number;
  contextSize: number;
  loadMs: number;
  parallel: {
    requests: number;
    maxTokens: number;
    sequential: Timing & { generatedTokens: number; evaluatedTokens: number; tokensPerSecond: number; maxConcurrent: number };
    parallel: Timing & { generatedTokens: number; evaluatedTokens: number; tokensPerSecond: number; maxConcurrent: number };
    /** sequential median wall ÷ parallel median wall. */
    speedup: number;
    /** Requests whose text was identical in both modes (same seeds, same prompts), over all timed rounds. */
    identicalOutputs: number;
    comparedOutputs: number;
  };
  prefixReuse: {
    maxTokens: number;
    firstPromptTokens: number;
    sameKey: SecondRequest;
    differentKeys: SecondRequest;
    /** differentKeys ÷ sameKey, medians. */
    evaluatedRatio: number;
    msRatio: number;
    firstTextRatio: number;
  };
  grammar: {
    maxTokens: number;
    promptTokens: number;
    firstSchemaCallMs: number;
    free: GrammarArm;
    schema: GrammarArm & { parsed: number };
    /** free tokens/s ÷ schema tokens/s (medians): how much slower generation is under the grammar. */
    slowdown: number;
  };
  /** (d) 8 alts batched vs sequential, and the engine's overhead vs node-llama-cpp directly. */
  alts: AltsResults;
}

interface SecondRequest {
  promptTokens: number;
  evaluatedTokens: number;
  reusedTokens: number;
  sequenceSame: boolean;
  ms: Timing;
  /** Submit → first streamed text: prompt evaluation plus one token. */
  firstTextMs: Timing;
}

interface GrammarArm {
  tokensPerSecond: Spread;
  generatedTokens: number;
  ms: Timing;
}

export function engineThreads(): number {
  const raw = process.env.CASCADE_THREADS;
  if (raw == null || raw.trim() === "") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`CASCADE_THREADS must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

function load(threads: number, sequences: number): Promise<Engine> {
  return Engine.load({ modelPath: TEST_MODEL_PATH, threads, gpuLayers: "off", sequences });
}

/** Generates and records when the first text arrived (ms after submit). */
async function timedGenerate(engine: Engine, req: GenerationRequest): Promise<{ result: GenerationResult; wallMs: number; firstTextMs: number }> {
  const t0 = performance.now();
  let first = Number.NaN;
  const result = await engine.generate({
    ...req,
    onText: () => {
      if (Number.isNaN(first)) first = performance.now() - t0;
    },
  });
  return { result, wallMs: performance.now() - t0, firstTextMs: first };
}

export async function runEngineBench(log: Log): Promise<{ results: EngineResults | EngineSkipped; rows: SummaryRow[] }> {
  const S = "2 engine";
  if (!HAS_TEST_MODEL) {
    const reason = `skipped: ${NO_MODEL_REASON}`;
    log(`== 2. Engine with the real test model: ${reason} ==`);
    log();
    return { results: { skipped: reason }, rows: [{ section: S, measure: "engine section", value: "skipped", detail: NO_MODEL_REASON }] };
  }

  const threads = engineThreads();
  const engines: Engine[] = [];
  try {
    const tLoad = performance.now();
    const seq1 = await load(threads, 1);
    const loadMs = performance.now() - tLoad;
    engines.push(seq1);
    const seq4 = await load(threads, PARALLEL_REQUESTS);
    engines.push(seq4);
    const info = seq4.info();
    log(
      `== 2. Engine with the real test model: ${info.modelId}, CPU only, threads ${info.threads}, context ${info.contextSize} tokens/sequence, ` +
        `${info.promptFormat} format (first load incl. runtime start ${fmtMs(loadMs)}) ==`,
    );

    // ---------------------------------------------------------------- (a) parallel sequences
    const requestsFor = (round: number): GenerationRequest[] =>
      DEEDS.map((deed, i) => ({
        // No system text: the prompt starts with the name, unique per (round, request).
        prompt: { system: "", user: `${NAMES[(round * PARALLEL_REQUESTS + i) % NAMES.length]} ${deed} Once upon a time,` },
        sampling: testSampling(PARALLEL_MAX_TOKENS),
        seed: 100 + i,
      }));
    const seqWalls: number[] = [];
    const parWalls: number[] = [];
    const seqTotals = { generated: 0, evaluated: 0 };
    const parTotals = { generated: 0, evaluated: 0 };
    let identical = 0;
    let compared = 0;
    const runSequential = async (round: number) => {
      const t0 = performance.now();
      const out: GenerationResult[] = [];
      for (const req of requestsFor(round)) out.push(await seq1.generate(req));
      return { out, wall: performance.now() - t0 };
    };
    const runParallel = async (round: number) => {
      const t0 = performance.now();
      const out = await Promise.all(requestsFor(round).map((req) => seq4.generate(req)));
      return { out, wall: performance.now() - t0 };
    };
    // Round 0 warms both engines up and is not counted; the order alternates so drift favours neither.
    for (let round = 0; round <= PARALLEL_ROUNDS; round++) {
      let s: Awaited<ReturnType<typeof runSequential>>;
      let p: Awaited<ReturnType<typeof runParallel>>;
      if (round % 2 === 0) {
        s = await runSequential(round);
        p = await runParallel(round);
      } else {
        p = await runParallel(round);
        s = await runSequential(round);
      }
      if (round === 0) continue;
      seqWalls.push(s.wall);
      parWalls.push(p.wall);
      for (const r of s.out) {
        seqTotals.generated += r.stats.generatedTokens;
        seqTotals.evaluated += r.stats.evaluatedTokens;
      }
      for (const r of p.out) {
        parTotals.generated += r.stats.generatedTokens;
        parTotals.evaluated += r.stats.evaluatedTokens;
      }
      s.out.forEach((r, i) => {
        compared++;
        if (r.text === p.out[i]?.text) identical++;
      });
    }
    const seqT = summarize(seqWalls);
    const parT = summarize(parWalls);
    const seqRate = seqTotals.generated / (seqWalls.reduce((a, b) => a + b, 0) / 1000);
    const parRate = parTotals.generated / (parWalls.reduce((a, b) => a + b, 0) / 1000);
    const speedup = seqT.medianMs / parT.medianMs;
    const seqMax = seq1.stats().maxConcurrent;
    const parMax = seq4.stats().maxConcurrent;
    const perRound = (n: number) => fmtInt(n / PARALLEL_ROUNDS);
    log(
      `  (a) parallelism: the same ${PARALLEL_REQUESTS} generations (distinct short prompts, seeds 100-103, ≤${PARALLEL_MAX_TOKENS} tokens each, no grammar), wall time per round`,
    );
    log(
      labelled(
        [
          ["one after another, sequences:1", `${fmtRounds(seqT)}; ${perRound(seqTotals.generated)} tokens/round generated, ${perRound(seqTotals.evaluated)} prompt tokens evaluated; ${fmtRate(seqRate, "tok")}; maxConcurrent ${seqMax}`],
          ["all at once, sequences:4", `${fmtRounds(parT)}; ${perRound(parTotals.generated)} tokens/round generated, ${perRound(parTotals.evaluated)} prompt tokens evaluated; ${fmtRate(parRate, "tok")}; maxConcurrent ${parMax}`],
          ["speed-up (sequential ÷ parallel)", `${fmtRatio(speedup)}; identical texts in both modes: ${identical}/${compared}`],
        ],
        "      ",
      ),
    );

    // ---------------------------------------------------------------- (b) KV prefix reuse
    // Real app prompts: the lines of one scene (bible, premise, beat, scene, neighbours), then the same
    // scene again with its first line kept (what "regenerate, keep this line" sends). The app routes both
    // by affinityKey = the scene's id; the control routes the second one by another key.
    const story = buildStory({
      beats: 3,
      scenesPerBeat: 3,
      linesPerScene: 6,
      textLength: 100,
      premise: "A lighthouse keeper finds a letter addressed to her from the future.",
      bible: {
        characters: "Mara Olsen, the keeper, fifty, stubborn. Tomas, the postman.",
        setting: "A northern island with one lighthouse and a ferry twice a week.",
        tone: "Quiet, eerie, tender.",
      },
    }).project;
    const scene = nodesAt(story, "scene")[4]!;
    const firstLine = story.nodes[scene.childIds[0]!]!;
    const promptA = assembleChildrenPrompt(story, scene.id, 6, []);
    const promptB = assembleChildrenPrompt(story, scene.id, 5, [firstLine]);
    const reqA: GenerationRequest = { prompt: promptA, sampling: testSampling(REUSE_MAX_TOKENS), seed: 1 };
    const reqB: GenerationRequest = { prompt: promptB, sampling: testSampling(REUSE_MAX_TOKENS), seed: 2 };
    type Arm = "same" | "different";
    const second: Record<Arm, { ms: number[]; first: number[]; last?: GenerationResult; sameSeq: boolean }> = {
      same: { ms: [], first: [], sameSeq: true },
      different: { ms: [], first: [], sameSeq: true },
    };
    let firstPromptTokens = 0;
    for (let round = 0; round < REUSE_ROUNDS; round++) {
      const order: Arm[] = round % 2 === 0 ? ["same", "different"] : ["different", "same"];
      for (const arm of order) {
        // A fresh engine per arm and round: every sequence starts empty, so only the routing differs.
        const engine = await load(threads, PARALLEL_REQUESTS);
        try {
          const a = await engine.generate({ ...reqA, affinityKey: arm === "same" ? scene.id : `${scene.id}#first` });
          firstPromptTokens = a.stats.promptTokens;
          const b = await timedGenerate(engine, { ...reqB, affinityKey: arm === "same" ? scene.id : `${scene.id}#second` });
          const rec = second[arm];
          rec.ms.push(b.result.stats.ms);
          rec.first.push(b.firstTextMs);
          rec.last = b.result;
          rec.sameSeq &&= b.result.stats.sequenceIndex === a.stats.sequenceIndex;
        } finally {
          await engine.dispose();
        }
      }
    }
    const secondOf = (arm: Arm): SecondRequest => {
      const r = second[arm];
      const s = r.last!.stats;
      return {
        promptTokens: s.promptTokens,
        evaluatedTokens: s.evaluatedTokens,
        reusedTokens: s.reusedTokens,
        sequenceSame: r.sameSeq,
        ms: summarize(r.ms),
        firstTextMs: summarize(r.first),
      };
    };
    const sameKey = secondOf("same");
    const differentKeys = secondOf("different");
    const evaluatedRatio = differentKeys.evaluatedTokens / Math.max(1, sameKey.evaluatedTokens);
    const msRatio = differentKeys.ms.medianMs / sameKey.ms.medianMs;
    const firstTextRatio = differentKeys.firstTextMs.medianMs / sameKey.firstTextMs.medianMs;
    log(
      `  (b) KV prefix reuse: request 1 = a scene's 6 lines (${fmtInt(firstPromptTokens)} prompt tokens), request 2 = the same scene with line 1 kept ` +
        `(${fmtInt(sameKey.promptTokens)} tokens, ≤${REUSE_MAX_TOKENS} generated); figures are for request 2, fresh engine per arm`,
    );
    const describeSecond = (r: SecondRequest) =>
      `evaluated ${fmtInt(r.evaluatedTokens)}, reused ${fmtInt(r.reusedTokens)} tokens; time ${fmtRounds(r.ms)}; first text after ${fmtMs(r.firstTextMs.medianMs)}` +
      `${r.sequenceSame ? " (same sequence as request 1)" : " (another sequence)"}`;
    log(
      labelled(
        [
          ["same affinityKey (app routing)", describeSecond(sameKey)],
          ["different keys (control)", describeSecond(differentKeys)],
          [
            "control ÷ same key",
            `evaluated tokens ${fmtRatio(evaluatedRatio)}, time ${fmtRatio(msRatio)}, time to first text ${fmtRatio(firstTextRatio)}`,
          ],
        ],
        "      ",
      ),
    );

    // ---------------------------------------------------------------- (c) JSON-schema grammar overhead
    // The same request (request 1 above) with and without the app's output schema for 6 lines, on the
    // one-sequence engine. The prompt stays in its KV cache, so after the first call each run evaluates one
    // prompt token and the time is generation: tokens/s compares sampling with and without the grammar.
    const schema = outputSchema("line", "prose", 6);
    const grammarReq: GenerationRequest = { prompt: promptA, sampling: testSampling(GRAMMAR_MAX_TOKENS), seed: 5 };
    const warm = await seq1.generate(grammarReq); // evaluates the prompt once
    const tSchema = performance.now();
    await seq1.generate({ ...grammarReq, jsonSchema: schema }); // compiles (and caches) the grammar
    const firstSchemaCallMs = performance.now() - tSchema;
    const arms = { free: [] as GenerationResult[], schema: [] as GenerationResult[] };
    for (let round = 0; round < GRAMMAR_ROUNDS; round++) {
      const order = round % 2 === 0 ? (["free", "schema"] as const) : (["schema", "free"] as const);
      for (const arm of order) arms[arm].push(await seq1.generate(arm === "schema" ? { ...grammarReq, jsonSchema: schema } : grammarReq));
    }
    const armOf = (list: GenerationResult[]): GrammarArm => ({
      tokensPerSecond: spread(list.map((r) => r.stats.generatedTokens / (r.stats.ms / 1000))),
      generatedTokens: median(list.map((r) => r.stats.generatedTokens)),
      ms: summarize(list.map((r) => r.stats.ms)),
    });
    const free = armOf(arms.free);
    const schemaArm = { ...armOf(arms.schema), parsed: arms.schema.filter((r) => r.complete).length };
    const slowdown = free.tokensPerSecond.median / schemaArm.tokensPerSecond.median;
    log(
      `  (c) JSON-schema grammar: request 1 with vs without the app's 6-line output schema, seed 5, ≤${GRAMMAR_MAX_TOKENS} tokens, sequences:1 ` +
        `(prompt cached; first schema call incl. grammar compile ${fmtMs(firstSchemaCallMs)})`,
    );
    log(
      labelled(
        [
          ["no schema", `${fmtRate(free.tokensPerSecond.median, "tok")} median (n=${free.tokensPerSecond.samples}); ${free.generatedTokens} tokens in ${fmtMs(free.ms.medianMs)}`],
          [
            "with schema (grammar)",
            `${fmtRate(schemaArm.tokensPerSecond.median, "tok")} median (n=${schemaArm.tokensPerSecond.samples}); ${schemaArm.generatedTokens} tokens in ${fmtMs(schemaArm.ms.medianMs)}; ` +
              `finished JSON within ${GRAMMAR_MAX_TOKENS} tokens ${schemaArm.parsed}/${arms.schema.length} (the others were cut by maxTokens)`,
          ],
          ["no schema ÷ schema (tokens/s)", fmtRatio(slowdown)],
        ],
        "      ",
      ),
    );

    // ---------------------------------------------------------------- (d) alts
    const alts = await runAltsBench(log, threads, S);
    log();

    const rows: SummaryRow[] = [
      {
        section: S,
        measure: `${PARALLEL_REQUESTS} gens one by one (sequences:1)`,
        value: fmtMs(seqT.medianMs),
        detail: `${fmtRate(seqRate, "tok")}; maxConcurrent ${seqMax}`,
      },
      {
        section: S,
        measure: `${PARALLEL_REQUESTS} gens at once (sequences:4)`,
        value: fmtMs(parT.medianMs),
        detail: `${fmtRate(parRate, "tok")}; maxConcurrent ${parMax}`,
      },
      { section: S, measure: "  parallel speed-up", value: fmtRatio(speedup), detail: "sequential ÷ parallel wall (medians)" },
      {
        section: S,
        measure: "2nd request, same affinityKey",
        value: fmtMs(sameKey.ms.medianMs),
        detail: `evaluated ${fmtInt(sameKey.evaluatedTokens)}, reused ${fmtInt(sameKey.reusedTokens)}; first text ${fmtMs(sameKey.firstTextMs.medianMs)}`,
      },
      {
        section: S,
        measure: "2nd request, different keys",
        value: fmtMs(differentKeys.ms.medianMs),
        detail: `evaluated ${fmtInt(differentKeys.evaluatedTokens)}, reused ${fmtInt(differentKeys.reusedTokens)}; first text ${fmtMs(differentKeys.firstTextMs.medianMs)}`,
      },
      {
        section: S,
        measure: "  KV reuse saving (control ÷ same)",
        value: fmtRatio(msRatio),
        detail: `evaluated tokens ${fmtRatio(evaluatedRatio)}; first text ${fmtRatio(firstTextRatio)}`,
      },
      { section: S, measure: "generation, no schema", value: fmtRate(free.tokensPerSecond.median, "tok"), detail: `${free.generatedTokens} tokens in ${fmtMs(free.ms.medianMs)}` },
      {
        section: S,
        measure: "generation, JSON schema",
        value: fmtRate(schemaArm.tokensPerSecond.median, "tok"),
        detail: `${schemaArm.generatedTokens} tokens in ${fmtMs(schemaArm.ms.medianMs)}`,
      },
      { section: S, measure: "  grammar slowdown (free ÷ schema)", value: fmtRatio(slowdown), detail: "tokens/s, medians" },
      ...alts.rows,
    ];

    return {
      results: {
        model: info.modelId,
        threads: info.threads,
        contextSize: info.contextSize,
        loadMs,
        parallel: {
          requests: PARALLEL_REQUESTS,
          maxTokens: PARALLEL_MAX_TOKENS,
          sequential: { ...seqT, generatedTokens: seqTotals.generated, evaluatedTokens: seqTotals.evaluated, tokensPerSecond: seqRate, maxConcurrent: seqMax },
          parallel: { ...parT, generatedTokens: parTotals.generated, evaluatedTokens: parTotals.evaluated, tokensPerSecond: parRate, maxConcurrent: parMax },
          speedup,
          identicalOutputs: identical,
          comparedOutputs: compared,
        },
        prefixReuse: { maxTokens: REUSE_MAX_TOKENS, firstPromptTokens, sameKey, differentKeys, evaluatedRatio, msRatio, firstTextRatio },
        grammar: {
          maxTokens: GRAMMAR_MAX_TOKENS,
          promptTokens: warm.stats.promptTokens,
          firstSchemaCallMs,
          free,
          schema: schemaArm,
          slowdown,
        },
        alts: alts.results,
      },
      rows,
    };
  } finally {
    for (const e of engines) await e.dispose();
  }
}
