/**
 * What every generation in the services does the same way: how many output tokens the context has
 * room for after a prompt, the message when it has none, and streaming the raw output at a bounded
 * rate (parsing partial JSON on every token is wasted work).
 */

/** Streamed text is reported at most this often. */
export const STREAM_INTERVAL_MS = 80;

/**
 * Tokens left for output after a prompt of `estimatedPromptTokens` (the pure estimate runs low for
 * some tokenizers, hence the 1.5× margin, plus room for the template's own tokens).
 */
export function roomForOutput(contextSize: number, estimatedPromptTokens: number): number {
  return contextSize - (Math.ceil(estimatedPromptTokens * 1.5) + 64);
}

/** The failure a job reports when the prompt leaves too little room to write anything. */
export function contextTooSmall(contextSize: number): { kind: "failed"; message: string } {
  return { kind: "failed", message: `The model's context (${contextSize} tokens) is too small for this prompt. Raise the context size in Settings.` };
}

/** An `onText` callback that accumulates the output and reports it (with the chunk count) at a bounded rate. */
export function throttledText(report: (raw: string, chunks: number) => void): (chunk: string) => void {
  let raw = "";
  let chunks = 0;
  let lastReport = 0;
  return (chunk) => {
    raw += chunk;
    chunks += 1;
    const now = Date.now();
    if (now - lastReport >= STREAM_INTERVAL_MS) {
      lastReport = now;
      report(raw, chunks);
    }
  };
}
