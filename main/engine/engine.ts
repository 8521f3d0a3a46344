/**
 * The generation engine: one model, one context with N parallel sequences, and a scheduler that
 * feeds requests to those sequences. This is the only class the rest of the app talks to.
 */
import os from "node:os";
import path from "node:path";
import {
  resolveChatWrapper,
  type ChatWrapper,
  type LlamaContext,
  type LlamaGrammar,
  type LlamaModel,
  type LlamaModelOptions,
  type Token,
} from "node-llama-cpp";
import type { HeldMemory } from "../../shared/models/types";
import {
  loadAbortedError,
  type EngineInfo,
  type EngineLoadHooks,
  type EngineOptions,
  type EngineStats,
  type GenerationRequest,
  type GenerationResult,
  type GpuLayersSetting,
  type ScoreRequest,
  type ScoreResult,
} from "./engineTypes";
import { loadedFootprint } from "./footprint";
import { getRuntime, logMark, toModelLoadError, type GpuMode } from "./llamaRuntime";
import { resolveThreads, validateModelFile } from "./modelFile";
import { Scheduler, SchedulerDisposedError } from "./scheduler";
import { emptyScore, scoreAbortedError, scoreOnSequence } from "./scoring";
import { emptyStats, runOnSequence, type SequenceSlot } from "./sequenceRunner";

const DEFAULT_SEQUENCES = 4;
const DEFAULT_MAX_CONTEXT = 4096;

/** What the scheduler runs on a sequence: a generation or a likelihood score. */
type EngineJob = (
  | { kind: "generate"; req: GenerationRequest }
  | { kind: "score"; req: ScoreRequest }
) & { priority?: number; affinityKey?: string; signal?: AbortSignal };

/** A score of null means the job was cancelled. */
type EngineJobResult = { kind: "generate"; result: GenerationResult } | { kind: "score"; result: ScoreResult | null };

function toJob(kind: "generate", req: GenerationRequest): EngineJob;
function toJob(kind: "score", req: ScoreRequest): EngineJob;
function toJob(kind: "generate" | "score", req: GenerationRequest | ScoreRequest): EngineJob {
  return { kind, req, priority: req.priority, affinityKey: req.affinityKey, signal: req.signal } as EngineJob;
}

/** The cumulative part of EngineStats; the live part (running, queued, peak) comes from the scheduler. */
type Counters = Omit<EngineStats, "maxConcurrent" | "running" | "queued">;

export class Engine {
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private readonly scheduler: Scheduler<SequenceSlot, EngineJob, EngineJobResult>;
  private readonly slots: SequenceSlot[];
  private readonly chatWrapper: ChatWrapper | undefined;
  private readonly counters: Counters = {
    requests: 0,
    completed: 0,
    aborted: 0,
    failed: 0,
    promptTokens: 0,
    evaluatedTokens: 0,
    reusedTokens: 0,
    generatedTokens: 0,
  };
  private disposed = false;

  private constructor(
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly engineInfo: EngineInfo,
    private readonly held: HeldMemory,
  ) {
    this.chatWrapper = engineInfo.promptFormat === "chat" ? resolveChatWrapper(model) : undefined;
    this.slots = Array.from({ length: context.totalSequences }, (_, index) => ({
      index,
      sequence: context.getSequence(),
    }));
    this.scheduler = new Scheduler({
      slots: this.slots,
      run: async (job, slot, _index, signal): Promise<EngineJobResult> => {
        const format = this.engineInfo.promptFormat;
        if (job.kind === "score") {
          const opts = { model: this.model, format, chatWrapper: this.chatWrapper };
          return { kind: "score", result: await scoreOnSequence(slot, job.req, signal, opts) };
        }
        const { req } = job;
        const result = await runOnSequence(slot, req, signal, {
          model: this.model,
          format,
          chatWrapper: this.chatWrapper,
          grammar: req.jsonSchema != null ? await this.grammarFor(req.jsonSchema) : undefined,
        });
        return { kind: "generate", result };
      },
      abortedResult: (job): EngineJobResult =>
        job.kind === "score"
          ? { kind: "score", result: null }
          : { kind: "generate", result: { text: "", aborted: true, complete: false, stats: emptyStats() } },
    });
  }

  /**
   * Validates the model file, loads it and creates a context with `sequences` parallel sequences.
   * Every failure is a `ModelLoadError` whose message names the file and whose hint says what to do;
   * a load cancelled through `hooks.signal` rejects with a DOMException named "AbortError" instead,
   * having released whatever it had loaded.
   */
  static async load(opts: EngineOptions, hooks: EngineLoadHooks = {}): Promise<Engine> {
    const { signal } = hooks;
    const checkSignal = () => {
      if (signal?.aborted) throw loadAbortedError(opts.modelPath);
    };
    checkSignal();
    const file = await validateModelFile(opts.modelPath);
    const modelPath = file.path;
    const gpuMode: GpuMode = opts.gpuLayers === "off" ? "off" : "auto";

    let mark = logMark();
    const llama = await getRuntime(gpuMode).catch((err: unknown) => {
      throw toModelLoadError(err, modelPath, "runtime", mark);
    });
    checkSignal();

    const threads = resolveThreads(opts.threads, os.availableParallelism?.() ?? os.cpus().length);
    // The runtime silently caps each context's threads at its maxThreads (shared, defaults to
    // the core count); raise it so an explicit setting is honoured.
    if (llama.maxThreads !== 0 && threads > llama.maxThreads) llama.maxThreads = threads;
    const sequences = Math.max(1, Math.floor(opts.sequences ?? DEFAULT_SEQUENCES));
    const contextSize =
      opts.contextSize != null
        ? Math.max(64, Math.floor(opts.contextSize))
        : Math.min(DEFAULT_MAX_CONTEXT, file.trainContextSize ?? DEFAULT_MAX_CONTEXT);

    mark = logMark();
    let model: LlamaModel;
    try {
      model = await llama.loadModel({
        modelPath,
        gpuLayers: gpuLayersOption(opts.gpuLayers, contextSize * sequences),
        onLoadProgress: hooks.onProgress != null ? (p) => hooks.onProgress?.(p * 0.95) : undefined,
        ...(signal ? { loadSignal: signal } : {}),
      });
    } catch (err) {
      checkSignal(); // node-llama-cpp rejects with the signal's reason, whatever that is
      throw toModelLoadError(err, modelPath, "model", mark);
    }

    let context: LlamaContext;
    try {
      checkSignal();
      context = await model.createContext({ contextSize, sequences, threads });
    } catch (err) {
      await model.dispose().catch(() => undefined);
      checkSignal();
      throw toModelLoadError(err, modelPath, "context", mark);
    }
    let held: HeldMemory;
    try {
      held = await loadedFootprint(model, context);
      checkSignal();
    } catch (err) {
      await context.dispose().catch(() => undefined);
      await model.dispose().catch(() => undefined);
      throw err;
    }

    const hasChatTemplate = typeof model.fileInfo.metadata?.tokenizer?.chat_template === "string";
    const requested = opts.promptFormat ?? "auto";
    const info: EngineInfo = {
      modelId: path.basename(modelPath),
      modelPath,
      contextSize: context.contextSize,
      sequences: context.totalSequences,
      threads: context.idealThreads,
      gpu: llama.gpu,
      gpuLayers: model.gpuLayers,
      hasChatTemplate,
      promptFormat: requested === "auto" ? (hasChatTemplate ? "chat" : "completion") : requested,
    };
    const engine = new Engine(model, context, info, held);
    hooks.onProgress?.(1);
    return engine;
  }

  /** The VRAM and RAM this engine's model and context take (estimated for what was loaded; see footprint.ts). */
  memory(): HeldMemory {
    return { ...this.held };
  }

  /** What was loaded and how (sizes as actually allocated, which may differ from what was asked). */
  info(): EngineInfo {
    return { ...this.engineInfo };
  }

  /**
   * Queues a generation and resolves when it finishes. Cancellation (via `req.signal` or
   * `dispose()`) resolves with `aborted: true` and the partial text; it never rejects.
   * Rejects only for real failures: prompt too long for the context, native errors, or an
   * engine that was already disposed. (An invalid JSON schema does NOT reject: node-llama-cpp
   * logs a warning and falls back to a looser grammar.)
   */
  async generate(req: GenerationRequest): Promise<GenerationResult> {
    this.counters.requests++;
    let result: GenerationResult;
    try {
      const out = await this.scheduler.submit(toJob("generate", req));
      if (out.kind !== "generate") throw new Error("internal: a generation came back as another kind of job");
      result = out.result;
    } catch (err) {
      this.counters.failed++;
      throw err;
    }
    const c = this.counters;
    if (result.aborted) c.aborted++;
    else c.completed++;
    c.promptTokens += result.stats.promptTokens;
    c.evaluatedTokens += result.stats.evaluatedTokens;
    c.reusedTokens += result.stats.reusedTokens;
    c.generatedTokens += result.stats.generatedTokens;
    return result;
  }

  /**
   * Scores how likely the model finds `req.text` as the continuation of `req.prompt` (see
   * scoring.ts): queued with generations, by the same priorities, on the same sequences.
   * An empty text resolves with `tokens: 0` (see ScoreResult) without queueing.
   * Cancellation (via `req.signal` or `dispose()`) rejects with a DOMException named "AbortError";
   * it also rejects when prompt+text does not fit in the context or the engine is disposed.
   */
  async score(req: ScoreRequest): Promise<ScoreResult> {
    if (this.disposed) throw new SchedulerDisposedError();
    if (req.signal?.aborted) throw scoreAbortedError();
    if (req.text === "") return emptyScore();
    const out = await this.scheduler.submit(toJob("score", req));
    if (out.kind !== "score") throw new Error("internal: a score came back as another kind of job");
    if (out.result == null) throw scoreAbortedError();
    return out.result;
  }

  /** The model's tokens for `text`, without BOS or other added tokens (lengths, tests). */
  tokenize(text: string): number[] {
    return this.model.tokenize(text, false);
  }

  /** The text of `tokens` (the inverse of `tokenize`, up to the tokenizer's normalisation). */
  detokenize(tokens: readonly number[]): string {
    return this.model.detokenize(tokens as readonly Token[]);
  }

  /** Cumulative counters since load plus the scheduler's current queue state. */
  stats(): EngineStats {
    const s = this.scheduler.stats();
    return { ...this.counters, maxConcurrent: s.maxConcurrent, running: s.running, queued: s.queued };
  }

  /** Cancels all work, then frees the context and the model. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.scheduler.dispose();
    for (const slot of this.slots) slot.completion?.dispose({ disposeSequence: false });
    await this.context.dispose();
    await this.model.dispose();
  }

  // Compiling a JSON schema into a GBNF grammar is not free and the same few schemas are used
  // over and over (one per story level), so cache by the schema's JSON text.
  private grammarFor(schema: object): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    let pending = this.grammars.get(key);
    if (pending == null) {
      pending = this.model.llama.createGrammarForJsonSchema(schema as never) as Promise<LlamaGrammar>;
      pending.catch(() => this.grammars.delete(key));
      this.grammars.set(key, pending);
    }
    return pending;
  }
}

function gpuLayersOption(setting: GpuLayersSetting, plannedContextTokens: number): LlamaModelOptions["gpuLayers"] {
  if (setting === "off") return 0;
  if (typeof setting === "number" && Number.isFinite(setting)) return Math.max(0, Math.floor(setting));
  // Tell the fitter about the context we are about to create (all sequences' KV cache), so it
  // leaves room for it instead of assuming the library's default context.
  return { fitContext: { contextSize: plannedContextTokens } };
}
