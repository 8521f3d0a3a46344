/**
 * Runs one GenerationRequest on one context sequence, either through the model's chat template
 * (LlamaChatSession) or as a plain completion. Both paths reuse whatever prefix of the prompt is
 * already in the sequence's KV cache: the library erases everything after the first differing
 * token before evaluating, so a sequence never accumulates stale tokens across requests.
 */
import {
  LlamaChatSession,
  type ChatWrapper,
  LlamaCompletion,
  type ChatHistoryItem,
  type EvaluationPriority,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaModel,
  type LlamaText,
  type Token,
} from "node-llama-cpp";
import type { GenerationRequest, GenerationResult, GenerationStats, PromptParts } from "./engineTypes";

export interface SequenceSlot {
  readonly index: number;
  readonly sequence: LlamaContextSequence;
  /** Created lazily and kept: a LlamaCompletion is just a thin wrapper around the sequence. */
  completion?: LlamaCompletion;
}

export interface RunOptions {
  model: LlamaModel;
  format: "chat" | "completion";
  grammar: LlamaGrammar | undefined;
  /** Resolved once per engine: "auto" resolution parses the Jinja template, too slow per request. */
  chatWrapper?: ChatWrapper;
}

type StopReason = "eogToken" | "stopGenerationTrigger" | "customStopTrigger" | "maxTokens" | "abort" | "functionCalls";

/** The prompt text used when a model has no chat template. */
export function completionPromptText(system: string, user: string): string {
  return system.trim() === "" ? `${user}\n` : `${system}\n\n${user}\n`;
}

/**
 * The prompt exactly as the completion path feeds it to LlamaCompletion: the tokens of the prompt
 * text (plus `continuation`, when scoring one) and the BOS that LlamaCompletion prepends itself.
 * The tokenizer's leading space is stripped when BOS is prepended, as LlamaCompletion does.
 */
export function completionInput(model: LlamaModel, prompt: PromptParts, continuation = ""): { bos: Token | null; tokens: Token[] } {
  const bos = model.tokens.shouldPrependBosToken ? model.tokens.bos : null;
  const text = completionPromptText(prompt.system, prompt.user) + continuation;
  return { bos, tokens: model.tokenize(text, false, bos != null ? "trimLeadingSpace" : undefined) };
}

/**
 * The chat path's full context up to where the model starts answering: system (none when empty,
 * never the library's default persona), user turn, and the template's opening of the model turn.
 */
export function chatPromptText(chatWrapper: ChatWrapper, prompt: PromptParts): LlamaText {
  const initial = prompt.system.trim() === "" ? [] : chatWrapper.generateInitialChatHistory({ systemPrompt: prompt.system });
  const history: ChatHistoryItem[] = [...initial, { type: "user", text: prompt.user }, { type: "model", response: [] }];
  return chatWrapper.generateContextState({ chatHistory: history }).contextText;
}

/** Zeroed stats for a request that never ran (e.g. cancelled while queued). */
export function emptyStats(sequenceIndex = -1): GenerationStats {
  return { promptTokens: 0, evaluatedTokens: 0, reusedTokens: 0, generatedTokens: 0, ms: 0, sequenceIndex };
}

/**
 * Generates for `req` on `slot`. Never throws because of cancellation: an aborted run resolves
 * with the text streamed so far and `aborted: true`. Other failures (bad prompt, native errors) throw.
 */
export async function runOnSequence(
  slot: SequenceSlot,
  req: GenerationRequest,
  signal: AbortSignal,
  opts: RunOptions,
): Promise<GenerationResult> {
  const started = performance.now();
  let text = "";
  let generatedTokens = 0;
  const stats = emptyStats(slot.index);
  const finish = (aborted: boolean, complete: boolean): GenerationResult => ({
    text,
    aborted,
    complete: complete && !aborted,
    stats: { ...stats, generatedTokens, ms: performance.now() - started },
  });
  if (signal.aborted) return finish(true, false);

  const { sampling } = req;
  const common = {
    signal,
    // Without this the library throws on abort and the partial text is lost.
    stopOnAbortSignal: true,
    maxTokens: Math.max(1, Math.floor(sampling.maxTokens)),
    temperature: sampling.temperature,
    topP: sampling.topP,
    minP: sampling.minP,
    seed: req.seed,
    grammar: opts.grammar,
    // Within one batch, interactive prompts get evaluated ahead of background cascades.
    evaluationPriority: ((req.priority ?? 0) > 0 ? 5 : 3) as EvaluationPriority,
    onTextChunk: (chunk: string) => {
      text += chunk;
      // A throwing UI callback must not kill the generation (or the batch it shares).
      try {
        req.onText?.(chunk);
      } catch (err) {
        console.error("[engine] onText callback threw:", err);
      }
    },
    onToken: (tokens: Token[]) => {
      generatedTokens += tokens.length;
    },
  };

  let stopReason: StopReason;
  try {
    if (opts.format === "chat") {
      stopReason = await runChat(slot, req, opts, common, stats);
    } else {
      stopReason = await runCompletion(slot, req, opts, common, stats);
    }
  } catch (err) {
    // Aborts that land before generation starts (e.g. while waiting for a lock) surface as throws.
    if (signal.aborted) return finish(true, false);
    throw err;
  }

  const aborted = stopReason === "abort" || signal.aborted;
  let complete = stopReason === "eogToken" || stopReason === "stopGenerationTrigger" || stopReason === "customStopTrigger";
  if (complete && req.jsonSchema != null) complete = parses(text);
  return finish(aborted, complete);
}

type CommonOptions = {
  signal: AbortSignal;
  stopOnAbortSignal: boolean;
  maxTokens: number;
  temperature: number;
  topP: number;
  minP: number;
  seed: number;
  grammar: LlamaGrammar | undefined;
  evaluationPriority: EvaluationPriority;
  onTextChunk: (chunk: string) => void;
  onToken: (tokens: Token[]) => void;
};

async function runCompletion(
  slot: SequenceSlot,
  req: GenerationRequest,
  opts: RunOptions,
  common: CommonOptions,
  stats: GenerationStats,
): Promise<StopReason> {
  const { model } = opts;
  const sequence = slot.sequence;
  slot.completion ??= new LlamaCompletion({ contextSequence: sequence, autoDisposeSequence: false });

  // Tokenize exactly as LlamaCompletion would, so the reuse count matches what it evaluates.
  const { bos, tokens } = completionInput(model, req.prompt);
  measurePrompt(sequence, bos != null ? [bos, ...tokens] : tokens, stats);

  const res = await slot.completion.generateCompletionWithMeta(tokens, common);
  return res.metadata.stopReason;
}

async function runChat(
  slot: SequenceSlot,
  req: GenerationRequest,
  opts: RunOptions,
  common: CommonOptions,
  stats: GenerationStats,
): Promise<StopReason> {
  const { system, user } = req.prompt;
  const session = new LlamaChatSession({
    contextSequence: slot.sequence,
    chatWrapper: opts.chatWrapper ?? "auto",
    systemPrompt: system,
    // The sequence belongs to the engine and outlives this one-shot session.
    autoDisposeSequence: false,
  });
  try {
    // An empty system prompt must mean "none", not the library's default assistant persona.
    if (system.trim() === "") session.setChatHistory([]);
    const contextText = chatPromptText(session.chatWrapper, req.prompt);
    measurePrompt(slot.sequence, contextText.tokenize(opts.model.tokenizer), stats);

    const res = await session.promptWithMeta(user, common);
    return res.stopReason;
  } finally {
    session.dispose({ disposeSequence: false });
  }
}

function measurePrompt(sequence: LlamaContextSequence, promptTokens: Token[], stats: GenerationStats): void {
  // Past this size the library silently drops the *start* of the prompt (the instructions) to make
  // room for generation; refusing is better than generating from a beheaded prompt.
  const limit = sequence.contextSize - Math.max(1, Math.floor(sequence.contextSize / 10));
  if (promptTokens.length > limit)
    throw new Error(
      `The prompt is ${promptTokens.length} tokens but at most ${limit} fit in the context; shorten it or raise the context size in Settings → Model`,
    );
  // The library always re-evaluates the last prompt token to get fresh logits, so at most n-1 are reused.
  const common = sequence.compareContextTokens(promptTokens).firstDifferentIndex;
  const reused = Math.max(0, Math.min(common, promptTokens.length - 1));
  stats.promptTokens = promptTokens.length;
  stats.reusedTokens = reused;
  stats.evaluatedTokens = promptTokens.length - reused;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
