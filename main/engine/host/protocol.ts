/**
 * The messages between the main side (processHost.ts) and the engine process (engineWorker.ts).
 * Everything here is structured-clone data (Node IPC runs with `serialization: "advanced"`, Electron's
 * parentPort clones anyway), so -Infinity scores and nested schemas cross unchanged.
 */
import type { FitEstimate, HardwareInfo } from "../../../shared/models/types";
import { EngineCrashedError, ModelLoadError, type EngineInfo, type EngineOptions, type EngineStats, type GenerationRequest, type GenerationResult, type ModelLoadErrorKind, type ScoreRequest, type ScoreResult } from "../engineTypes";
import type { FitSettings } from "./engineHost";

/** A generation as it crosses: no callbacks or signal (cancel and stream are messages of their own). */
export type WireGeneration = Omit<GenerationRequest, "signal" | "onText">;
export type WireScore = Omit<ScoreRequest, "signal">;

/** Main → engine process. Every request but `cancel` gets exactly one `result` or `error` with its id. */
export type HostRequest =
  | { id: number; type: "load"; opts: EngineOptions }
  | { id: number; type: "generate"; engineId: number; req: WireGeneration; stream: boolean }
  | { id: number; type: "score"; engineId: number; req: WireScore }
  | { id: number; type: "stats"; engineId: number }
  | { id: number; type: "dispose"; engineId: number }
  /** Hardware and estimate count what the process's engines hold as available (runtimeInfo.ts). */
  | { id: number; type: "hardware" }
  | { id: number; type: "estimate"; path: string; settings: FitSettings }
  /** Disposes every engine, answers, then exits 0. */
  | { id: number; type: "shutdown" }
  /**
   * Aborts the running load/generate/score request `target` (its AbortSignal); no answer of its own.
   * A cancelled load answers with an AbortError.
   */
  | { type: "cancel"; target: number };

export interface LoadReply {
  engineId: number;
  info: EngineInfo;
  stats: EngineStats;
}

/** What each request's `result` carries. */
export interface ReplyValues {
  load: LoadReply;
  generate: { result: GenerationResult; stats: EngineStats };
  score: { result: ScoreResult; stats: EngineStats };
  stats: EngineStats;
  dispose: null;
  hardware: HardwareInfo;
  estimate: FitEstimate;
  shutdown: null;
}

/** Engine process → main. */
export type WorkerMessage =
  /** Sent once the process listens; requests wait for it. */
  | { type: "ready"; pid: number }
  | { type: "result"; id: number; value: unknown }
  /** `stats`: a failed generate/score still moves the engine's counters. */
  | { type: "error"; id: number; error: WireError; stats?: EngineStats }
  | { type: "progress"; id: number; fraction: number }
  /** Streamed text: the decoded chunks since the last message, in order (each one an `onText` call). */
  | { type: "text"; id: number; chunks: string[] };

export interface WireError {
  name: string;
  message: string;
  stack?: string;
  /** ModelLoadError's fields. */
  kind?: ModelLoadErrorKind;
  path?: string;
  hint?: string;
  exitCode?: number | null;
  signal?: string | null;
}

export function toWireError(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const out: WireError = { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  if (err instanceof ModelLoadError) Object.assign(out, { kind: err.kind, path: err.path, hint: err.hint });
  return out;
}

/** Rebuilds the error on the main side: a real ModelLoadError, an AbortError DOMException, or an Error with the same name. */
export function fromWireError(w: WireError): Error {
  if (w.name === "ModelLoadError" && w.kind && w.path != null) {
    return new ModelLoadError(w.kind, w.path, w.message, w.hint ?? "");
  }
  if (w.name === "AbortError") return new DOMException(w.message, "AbortError");
  if (w.name === "EngineCrashedError") return new EngineCrashedError(w.exitCode ?? null, w.signal ?? null);
  const err = new Error(w.message);
  err.name = w.name;
  if (w.stack) err.stack = `${w.name}: ${w.message}\n    (in the engine process)\n${w.stack.split("\n").slice(1).join("\n")}`;
  return err;
}
