/**
 * Likelihood scoring: how probable the model finds a text as the continuation of a prompt.
 *
 * The prompt is rendered exactly as a generation would render it (same tokens, so the KV cache
 * is shared with generations and with other scores of the same prompt), the text is tokenized as
 * it reads after that prompt, and prompt+text is evaluated with `controlledEvaluate`. At each
 * position that predicts a text token we ask the library for three things: the raw logit of the
 * actual next token, the logit of the greedy (= argmax) token, and the total logit weight
 * Σ exp(logit − maxLogit) over the whole vocabulary. Then, exactly (no top-k truncation):
 *
 *   ln p(token) = logit(token) − maxLogit − ln(Σ exp(logit − maxLogit))
 *
 * The default sampler of controlledEvaluate is greedy (temperature 0), which leaves the raw
 * logits untouched and selects the argmax; this is what makes `maxLogit` the selected token's
 * logit. Only a couple of numbers cross into JS per token, never the vocabulary-sized map.
 */
import { LlamaText, type ChatWrapper, type ControlledEvaluateInputItem, type EvaluationPriority, type LlamaModel, type Token } from "node-llama-cpp";
import type { ScoreRequest, ScoreResult } from "./engineTypes";
import { chatPromptText, completionInput, type SequenceSlot } from "./sequenceRunner";

export interface ScoreOptions {
  model: LlamaModel;
  format: "chat" | "completion";
  /** Required for the chat format (the engine resolves it once). */
  chatWrapper?: ChatWrapper;
}

/** The defined result for a text with no tokens: nothing to score, so it sorts last. */
export function emptyScore(): ScoreResult {
  return { tokens: 0, logProb: 0, logProbPerToken: Number.NEGATIVE_INFINITY };
}

/** What `Engine.score()` rejects with when cancelled (by its signal or by dispose). */
export function scoreAbortedError(): DOMException {
  return new DOMException("Scoring was cancelled", "AbortError");
}

/**
 * The rendered prompt (BOS included) and the text's tokens. The text is tokenized together with
 * the prompt and split off after it, so it gets the tokens it would have in context (e.g. no
 * leading-space piece after a newline); if the two ever merge across the boundary, the text is
 * tokenized on its own instead.
 */
export function scoringTokens(req: Pick<ScoreRequest, "prompt" | "text">, opts: ScoreOptions): { prompt: Token[]; text: Token[] } {
  const { model } = opts;
  let prompt: Token[];
  let joint: Token[];
  if (opts.format === "chat") {
    if (opts.chatWrapper == null) throw new Error("Scoring in chat format needs the engine's chat wrapper");
    const context = chatPromptText(opts.chatWrapper, req.prompt);
    prompt = context.tokenize(model.tokenizer);
    joint = LlamaText([context, req.text]).tokenize(model.tokenizer);
  } else {
    const head = completionInput(model, req.prompt);
    const full = completionInput(model, req.prompt, req.text);
    const bos = head.bos != null ? [head.bos] : [];
    prompt = [...bos, ...head.tokens];
    joint = [...bos, ...full.tokens];
  }
  const aligned = prompt.every((token, i) => joint[i] === token);
  const text = aligned ? joint.slice(prompt.length) : model.tokenize(req.text, false, "trimLeadingSpace");
  return { prompt, text };
}

/**
 * Scores `req.text` on `slot`'s sequence. Resolves with null when `signal` aborted it (checked
 * between chunks of at most one batch); throws if prompt+text does not fit in the context.
 */
export async function scoreOnSequence(
  slot: SequenceSlot,
  req: ScoreRequest,
  signal: AbortSignal,
  opts: ScoreOptions,
): Promise<ScoreResult | null> {
  if (signal.aborted) return null;
  const { sequence } = slot;
  const { prompt, text } = scoringTokens(req, opts);
  if (text.length === 0) return emptyScore();
  if (prompt.length === 0) throw new Error("Cannot score without a prompt token to condition on");

  const all = [...prompt, ...text];
  // The last text token is never evaluated (nothing after it is scored), so all.length - 1 tokens
  // go in; more than the context holds would make the library shift (drop) the prompt's start.
  if (all.length - 1 > sequence.contextSize - 1)
    throw new Error(
      `The prompt and text are ${all.length} tokens but at most ${sequence.contextSize} fit in the context; score a shorter text or raise the context size in Settings → Model`,
    );

  // Reuse the cached prefix, but re-evaluate from the last prompt token on: logits are not cached.
  const firstNeeded = prompt.length - 1;
  const reuse = Math.min(sequence.compareContextTokens(all).firstDifferentIndex, firstNeeded);
  if (sequence.nextTokenIndex > reuse)
    await sequence.eraseContextTokenRanges([{ start: reuse, end: sequence.nextTokenIndex }]);

  const input: ControlledEvaluateInputItem[] = [];
  for (let i = reuse; i < all.length - 1; i++) {
    if (i < firstNeeded) {
      input.push(all[i]!);
      continue;
    }
    const next = all[i + 1]!;
    input.push([
      all[i]!,
      { generateNext: { token: true, totalLogitWeight: true, logits: { filter: { tokens: [next], includeSelected: true } } } },
    ]);
  }

  const evaluationPriority: EvaluationPriority = (req.priority ?? 0) > 0 ? 5 : 3;
  const chunkSize = Math.max(1, sequence.context.batchSize);
  let logProb = 0;
  for (let start = 0; start < input.length; start += chunkSize) {
    if (signal.aborted) return null;
    const chunk = input.slice(start, start + chunkSize);
    const outputs = await sequence.controlledEvaluate(chunk, { evaluationPriority });
    for (let j = 0; j < chunk.length; j++) {
      const i = reuse + start + j; // position in `all`
      if (i < firstNeeded) continue;
      logProb += tokenLogProb(outputs[j], all[i + 1]!, i);
    }
  }
  return { tokens: text.length, logProb, logProbPerToken: logProb / text.length };
}

type EvalOutput = Awaited<ReturnType<SequenceSlot["sequence"]["controlledEvaluate"]>>[number];

/** ln p(target) from one position's output; see the file comment for the formula. */
function tokenLogProb(output: EvalOutput, target: Token, position: number): number {
  const next = output?.next;
  const logits = next?.logits;
  const weight = next?.totalLogitWeight;
  const targetLogit = logits?.get(target);
  if (logits == null || weight == null || !(weight >= 1) || targetLogit == null)
    throw new Error(`The model returned no usable logits for token ${position} while scoring`);
  let maxLogit = Number.NEGATIVE_INFINITY;
  for (const value of logits.values()) if (value > maxLogit) maxLogit = value;
  // A target logit of -Infinity (a banned token) is a genuine probability of 0; the clamp only
  // removes float rounding above 0 for tokens of probability ≈ 1.
  return Math.min(0, targetLogit - maxLogit - Math.log(weight));
}
