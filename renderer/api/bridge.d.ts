/**
 * The shape of `window.cascadeBridge`, exposed by the Electron preload (main/shells/electron/preload.ts).
 * Absent in a browser: there the API client talks to the web shell over a WebSocket.
 */
import type { EventName, MethodInput, MethodName, MethodOutputs, Result } from "../../shared/ipc/contract";

export interface CascadeBridge {
  /** Exactly the contract's methods; each resolves with the dispatched Result. */
  methods: { [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutputs[M]>> };
  /** Subscribes to every contract event; returns the unsubscribe function. */
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    cascadeBridge?: CascadeBridge;
  }
}
