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
} from "node-llama-cpp";
import type {
  EngineInfo,
  EngineLoadHooks,
  EngineOptions,
  EngineStats,
  GenerationRequest,
  GenerationResult,
  GpuLayersSetting,
} from "./engineTypes";
import { getRuntime, logMark, toModelLoadError, type GpuMode } from "./llamaRuntime";
import { resolveThreads, validateModelFile } from "./modelFile";
import { Scheduler } from "./scheduler";
import { emptyStats, runOnSequence, type SequenceSlot } from "./sequenceRunner";

const DEFAULT_SEQUENCES = 4;
const DEFAULT_MAX_CONTEXT = 4096;

/** The cumulative part of EngineStats; the live part (running, queued, peak) comes from the scheduler. */
type Counters = Omit<EngineStats, "maxConcurrent" | "running" | "queued">;

export class Engine {
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private readonly scheduler: Scheduler<SequenceSlot, GenerationRequest, GenerationResult>;
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
  ) {
    this.chatWrapper = engineInfo.promptFormat === "chat" ? resolveChatWrapper(model) : undefined;
    this.slots = Array.from({ length: context.totalSequences }, (_, index) => ({
      index,
      sequence: context.getSequence(),
    }));
    this.scheduler = new Scheduler({
      slots: this.slots,
      run: async (req, slot, _index, signal) =>
        runOnSequence(slot, req, signal, {
          model: this.model,
          format: this.engineInfo.promptFormat,
          chatWrapper: this.chatWrapper,
          grammar: req.jsonSchema != null ? await this.grammarFor(req.jsonSchema) : undefined,
        }),
      abortedResult: () => ({ text: "", aborted: true, complete: false, stats: emptyStats() }),
    });
  }

  /**
   * Validates the model file, loads it and creates a context with `sequences` parallel sequences.
   * Every failure is a `ModelLoadError` whose message names the file and whose hint says what to do.
   */
  static async load(opts: EngineOptions, hooks: EngineLoadHooks = {}): Promise<Engine> {
    const file = await validateModelFile(opts.modelPath);
    const modelPath = file.path;
    const gpuMode: GpuMode = opts.gpuLayers === "off" ? "off" : "auto";

    let mark = logMark();
    const llama = await getRuntime(gpuMode).catch((err: unknown) => {
      throw toModelLoadError(err, modelPath, "runtime", mark);
    });

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
      });
    } catch (err) {
      throw toModelLoadError(err, modelPath, "model", mark);
    }

    let context: LlamaContext;
    try {
      context = await model.createContext({ contextSize, sequences, threads });
    } catch (err) {
      await model.dispose().catch(() => undefined);
      throw toModelLoadError(err, modelPath, "context", mark);
    }

    const hasChatTemplate = typeof model.fileInfo.metadata?.tokenizer?.chat_template === "string";
    const requested = opts.promptFormat ?? "auto";
    const engine = new Engine(model, context, {
      modelId: path.basename(modelPath),
      modelPath,
      contextSize: context.contextSize,
      sequences: context.totalSequences,
      threads: context.idealThreads,
      gpu: llama.gpu,
      gpuLayers: model.gpuLayers,
      hasChatTemplate,
      promptFormat: requested === "auto" ? (hasChatTemplate ? "chat" : "completion") : requested,
    });
    hooks.onProgress?.(1);
    return engine;
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
      result = await this.scheduler.submit(req);
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
