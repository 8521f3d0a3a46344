/**
 * Process-wide access to the native llama.cpp runtime, plus translation of its failures into
 * `ModelLoadError`s. getLlama() loads a native addon and probes the GPU, which is slow and must not
 * happen per model switch, so instances are cached for the life of the process.
 */
import { getLlama, InsufficientMemoryError, Llama, LlamaLogLevel } from "node-llama-cpp";
import { ModelLoadError } from "./engineTypes";
import { errorMessage, PICK_MODEL_HINT } from "./modelFile";

export type GpuMode = "auto" | "off";

const instances = new Map<GpuMode, Promise<Llama>>();

// llama.cpp explains load failures only through its log ("error loading model: unknown model
// architecture ..."), while the thrown error says just "Failed to load model". Keep the recent
// warnings/errors so the message we show can carry the real reason.
const recentLog: string[] = [];
const RECENT_LOG_LIMIT = 30;

function logger(level: LlamaLogLevel, message: string): void {
  if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal || level === LlamaLogLevel.warn) {
    recentLog.push(message.trim());
    if (recentLog.length > RECENT_LOG_LIMIT) recentLog.splice(0, recentLog.length - RECENT_LOG_LIMIT);
  }
  // Warnings ("bad special token…") are noise to a writer; they are kept above for error messages
  // and printed only when debugging.
  if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal || process.env.CASCADE_DEBUG) {
    Llama.defaultConsoleLogger(level, message);
  }
}

/**
 * Returns the shared llama runtime for a GPU mode, creating it on first use.
 * "off" gets a CPU-only runtime so a broken GPU driver is never even probed.
 * Prebuilt binaries only: building from source is not possible on writers' machines.
 */
export function getRuntime(mode: GpuMode): Promise<Llama> {
  let pending = instances.get(mode);
  if (pending == null) {
    pending = getLlama({ gpu: mode === "off" ? false : "auto", build: "never", logger });
    // A failed start must not poison the cache: the writer may fix drivers and retry.
    pending.catch(() => instances.delete(mode));
    instances.set(mode, pending);
  }
  return pending;
}

/** Marks the current end of the captured log so a later failure can read only its own lines. */
export function logMark(): number {
  return recentLog.length;
}

function logSince(mark: number): string[] {
  return recentLog.slice(Math.min(mark, recentLog.length));
}

const OOM_PATTERN =
  /out of memory|not enough (v?ram|memory)|too large for the available|failed to allocate|unable to allocate|cudaMalloc|OutOfDeviceMemory|insufficient memory/i;

export type LoadStage = "runtime" | "model" | "context";

/**
 * Converts an error thrown while starting the runtime, loading the model or creating the context
 * into a `ModelLoadError`, choosing the kind from the error type and the native log.
 */
export function toModelLoadError(err: unknown, modelPath: string, stage: LoadStage, mark: number): ModelLoadError {
  if (err instanceof ModelLoadError) return err;
  const message = errorMessage(err);
  const log = logSince(mark);
  // The most specific line wins: llama.cpp follows the real reason with generic "failed to load".
  const newestFirst = [...log].reverse();
  const detail =
    newestFirst.find((l) => /error loading model/i.test(l)) ?? newestFirst.find((l) => /error:|failed to/i.test(l));

  if (err instanceof InsufficientMemoryError || OOM_PATTERN.test(message) || log.some((l) => OOM_PATTERN.test(l))) {
    return new ModelLoadError(
      "out-of-memory",
      modelPath,
      `Not enough memory to ${stage === "context" ? "create the context for" : "load"} ${modelPath}: ${message}`,
      "Pick a smaller model or quantization, lower the context size or parallel sequences, or lower GPU layers in Settings → Model.",
      { cause: err },
    );
  }

  if (stage === "runtime") {
    return new ModelLoadError(
      "load-failed",
      modelPath,
      `The llama.cpp runtime could not start: ${message}`,
      "Set GPU layers to Off in Settings → Model; if that does not help, reinstall Cascade.",
      { cause: err },
    );
  }

  const reason = detail != null ? cleanLogLine(detail) : message;
  const unsupported = /unknown (model )?architecture|unsupported/i.test(reason);
  return new ModelLoadError(
    "load-failed",
    modelPath,
    `Could not load ${modelPath}: ${reason}`,
    unsupported
      ? "This model type is not supported by the bundled llama.cpp: pick a different model on the Models screen."
      : PICK_MODEL_HINT,
    { cause: err },
  );
}

function cleanLogLine(line: string): string {
  // "llama_model_load: error loading model: X" → "X"
  const m = /error loading model:\s*(.*)$/i.exec(line);
  return (m?.[1] ?? line).trim();
}
