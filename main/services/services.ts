/**
 * What every shell binds: the contract's handlers, a stream of push events, and lifecycle.
 * The Electron shell, the web shell, the CLI and tests all drive the same Services object.
 */
import type { EventName, EventPayloads, Handlers } from "../../shared/ipc/contract";
import type { EngineStats } from "../engine/engineTypes";

export type EventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface Services {
  handlers: Handlers;
  /** Subscribes to push events; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** Resolves when no generation job is queued or running (CLI and tests wait on this). */
  whenIdle(): Promise<void>;
  /** The loaded engine's own counters (tests, benchmarks), or null when no model is loaded. */
  engineStats?: () => EngineStats | null;
  /** Writes any unsaved project change now. */
  flush(): Promise<void>;
  /** Cancels running work, flushes, unloads the model. */
  dispose(): Promise<void>;
}
