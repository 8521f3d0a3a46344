/**
 * Public types of the generation engine. Everything outside `main/engine/` should depend on this
 * file (and `engine.ts`), never on node-llama-cpp directly, so the runtime can be swapped or mocked.
 */
import type { SamplingProfile } from "../../shared/story/sampling";

/** GPU offload setting: "auto" fits as many layers as memory allows, "off" never touches the GPU. */
export type GpuLayersSetting = "auto" | "off" | number;

/** CPU threads for evaluation: "auto" picks a count that leaves the machine responsive. */
export type ThreadsSetting = "auto" | number;

/**
 * How a request is turned into model input.
 * "auto" uses the model's chat template when it has one and plain completion otherwise;
 * the explicit values exist mainly so tests can exercise both paths with one tiny model.
 */
export type PromptFormat = "auto" | "chat" | "completion";

export interface EngineOptions {
  modelPath: string;
  threads: ThreadsSetting;
  gpuLayers: GpuLayersSetting;
  /** Tokens per sequence. Default: min(4096, the model's training context). */
  contextSize?: number;
  /** Parallel sequences in the one batched context. Default 4. */
  sequences?: number;
  /** Default "auto". */
  promptFormat?: PromptFormat;
}

export interface EngineLoadHooks {
  /** Model load progress in [0, 1]; 1 is reported once the context is ready. */
  onProgress?: (fraction: number) => void;
  /** Cancels the load: it then rejects with `loadAbortedError` (an AbortError) and leaves nothing loaded. */
  signal?: AbortSignal;
}

/** What a cancelled model load rejects with: a DOMException named "AbortError", as fetch() does. */
export function loadAbortedError(modelPath: string): DOMException {
  return new DOMException(`Loading ${modelPath} was cancelled.`, "AbortError");
}

export interface PromptParts {
  system: string;
  user: string;
}

export interface GenerationRequest {
  prompt: PromptParts;
  /**
   * When set, output is constrained by a JSON-schema grammar and always parses,
   * unless aborted or cut by maxTokens — then `result.complete` is false.
   */
  jsonSchema?: object;
  sampling: SamplingProfile;
  seed: number;
  /** Higher runs first; default 0. Interactive work uses 10, background cascades 0. */
  priority?: number;
  /** Requests with the same key prefer the same sequence so the shared prompt prefix is reused from the KV cache. */
  affinityKey?: string;
  /** Cancels queued or running work. */
  signal?: AbortSignal;
  /** Streaming: called with each decoded text chunk, in order. */
  onText?: (chunk: string) => void;
}

export interface GenerationStats {
  /** Tokens of the rendered prompt (including BOS / template tokens). */
  promptTokens: number;
  /** Prompt tokens that had to be evaluated for this request. */
  evaluatedTokens: number;
  /** Prompt tokens already present in the sequence's KV cache and reused. */
  reusedTokens: number;
  generatedTokens: number;
  /** Time spent running on a sequence (queue wait excluded). */
  ms: number;
  /** Sequence that served the request; -1 when it never ran. */
  sequenceIndex: number;
}

export interface GenerationResult {
  text: string;
  aborted: boolean;
  /** False if aborted or maxTokens was hit before the model (or grammar) finished. */
  complete: boolean;
  stats: GenerationStats;
}

/**
 * Asks how likely the model finds `text` as the answer to `prompt` (rendered exactly as a
 * generation with the same prompt would be), e.g. to rank alternates.
 */
export interface ScoreRequest {
  prompt: PromptParts;
  /** The continuation to score. Empty (or tokenizing to nothing) → `tokens: 0`, see ScoreResult. */
  text: string;
  /** Higher runs first; default 0. Shares the queue (and its priorities) with generations. */
  priority?: number;
  /** Scores of many texts for one prompt share its KV cache when they share a key. */
  affinityKey?: string;
  /** Cancels queued or running scoring: `score()` then rejects with an `AbortError`. */
  signal?: AbortSignal;
}

/**
 * The model's log-likelihood of the text's tokens given the prompt, from the full (unsampled)
 * next-token distribution: temperature, top-p etc. play no part.
 */
export interface ScoreResult {
  /** Tokens of the text, as it tokenizes after the rendered prompt. */
  tokens: number;
  /** Sum of ln p(token | everything before it) over the text's tokens; always ≤ 0. 0 when tokens is 0. */
  logProb: number;
  /**
   * logProb / tokens: the length-normalised score to sort by (higher = more likely).
   * -Infinity when tokens is 0, so an empty text sorts last.
   */
  logProbPerToken: number;
}

export interface EngineInfo {
  /** Model file basename. */
  modelId: string;
  modelPath: string;
  contextSize: number;
  sequences: number;
  threads: number;
  gpu: string | false;
  gpuLayers: number;
  hasChatTemplate: boolean;
  /** The prompt format actually used ("auto" resolved). */
  promptFormat: "chat" | "completion";
}

/** Cumulative counters since load; `maxConcurrent` is the peak of simultaneously running requests. */
export interface EngineStats {
  requests: number;
  completed: number;
  aborted: number;
  failed: number;
  promptTokens: number;
  evaluatedTokens: number;
  reusedTokens: number;
  generatedTokens: number;
  maxConcurrent: number;
  running: number;
  queued: number;
}

export type ModelLoadErrorKind = "missing" | "not-gguf" | "unreadable" | "load-failed" | "out-of-memory";

/** A model could not be opened or loaded. `message` names the path; `hint` tells the writer what to do. */
export class ModelLoadError extends Error {
  override readonly name = "ModelLoadError";
  readonly kind: ModelLoadErrorKind;
  readonly path: string;
  /** One line telling the writer what to do. */
  readonly hint: string;

  constructor(kind: ModelLoadErrorKind, path: string, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.path = path;
    this.hint = hint;
  }
}

/**
 * The engine process died (native crash, killed for memory) while this request was in flight, or the
 * engine belonged to a process that is gone. The project is untouched; the next load starts a new process.
 */
export class EngineCrashedError extends Error {
  override readonly name = "EngineCrashedError";

  constructor(
    readonly exitCode: number | null,
    readonly signal: string | null,
  ) {
    super(`The model process stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${exitCode ?? "unknown"}`}). Cascade restarts it on the next request.`);
  }
}
