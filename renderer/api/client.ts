/**
 * The renderer's one way to reach the services. In Electron it wraps the preload's
 * `window.cascadeBridge`; in a browser it speaks the web shell's WebSocket wire format
 * (shared/ipc/wire.ts), authenticated by the per-launch token from the launch link.
 *
 * Must hold: a call always settles with a Result, even when the connection drops (then with a
 * "Lost connection" error); events sent while disconnected are lost, so a listener of
 * onConnectionChange should reload state on "connected".
 */
import type { CascadeApi, ContractError, EventName, EventPayloads, MethodInput, MethodName, MethodOutputs, Result } from "../../shared/ipc/contract";
import { WS_PATH } from "../../shared/ipc/wire";
import type { CascadeBridge } from "./bridge";

export type ConnectionState = "connected" | "reconnecting" | "closed";

export type ApiClient = CascadeApi & {
  /** Calls cb on each change of the connection (never in Electron, whose IPC cannot drop); returns the unsubscribe function. */
  onConnectionChange(cb: (s: ConnectionState) => void): () => void;
};

/** A WebSocket constructor: the browser's, or one injected by tests. */
export type WebSocketConstructor = new (url: string) => WebSocket;

export interface ConnectOptions {
  /** Defaults to the browser's WebSocket. */
  WebSocket?: WebSocketConstructor;
  /** Reconnect backoff: the delay doubles from initialDelayMs up to maxDelayMs; "closed" after maxAttempts failures. */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number; maxAttempts?: number };
}

export const NO_TOKEN_MESSAGE = "Open Cascade with the link printed in the terminal (it carries the access token).";
export const CONNECT_FAILED_MESSAGE =
  "Could not connect to Cascade. Is it still running? If you restarted it, open the new link printed in the terminal.";
export const LOST_CONNECTION: ContractError = { code: "internal", message: "Lost connection to Cascade. Is it still running?" };

const TOKEN_KEY = "cascade.token";
const OPEN = 1; // WebSocket.OPEN, the same in browsers and in the `ws` package.

/** Connects through the Electron bridge when present, else over the web shell's WebSocket. */
export async function connectApi(options: ConnectOptions = {}): Promise<ApiClient> {
  const bridge = typeof window !== "undefined" ? window.cascadeBridge : undefined;
  if (bridge) return bridgeClient(bridge);
  const token = takeToken();
  if (!token) throw new Error(NO_TOKEN_MESSAGE);
  return socketClient(token, options);
}

/**
 * The token from `#token=…` (then kept in sessionStorage and removed from the visible URL, so it
 * never lands in history, bookmarks or screenshots, and a reload still works), else the stored one.
 */
export function takeToken(): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const fromHash = params.get("token");
  if (fromHash) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromHash);
    } catch {
      // Storage disabled: this page load still works; a reload will ask for the link again.
    }
    params.delete("token");
    const rest = params.toString();
    history.replaceState(history.state, "", `${location.pathname}${location.search}${rest ? `#${rest}` : ""}`);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

type AnyListener = (payload: unknown) => void;

/** Event listeners by name; one throwing listener does not stop the others. */
function createEventHub() {
  const listeners = new Map<EventName, Set<AnyListener>>();
  return {
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as AnyListener;
      set.add(l);
      return () => void set.delete(l);
    },
    emit(event: EventName, payload: unknown): void {
      for (const l of [...(listeners.get(event) ?? [])]) {
        try {
          l(payload);
        } catch (err) {
          reportListenerError(err);
        }
      }
    },
  };
}

function reportListenerError(err: unknown): void {
  if (typeof globalThis.reportError === "function") globalThis.reportError(err);
  else console.error(err);
}

function bridgeClient(bridge: CascadeBridge): ApiClient {
  const hub = createEventHub();
  // One bridge subscription for all listeners keeps the preload's listener count at one.
  let subscribed = false;
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutputs[M]>> {
      const fn = bridge.methods[method] as ((i: MethodInput<M>) => Promise<Result<MethodOutputs[M]>>) | undefined;
      if (typeof fn !== "function") return { ok: false, error: { code: "unknown-method", message: `Unknown method: ${method}` } };
      try {
        return await fn(input);
      } catch (err) {
        return { ok: false, error: { code: "internal", message: err instanceof Error ? err.message : String(err) } };
      }
    },
    on(event, listener) {
      if (!subscribed) {
        subscribed = true;
        bridge.onEvent((name, payload) => hub.emit(name, payload));
      }
      return hub.on(event, listener);
    },
    onConnectionChange: () => () => undefined,
  };
}

function socketClient(token: string, options: ConnectOptions): Promise<ApiClient> {
  const Ctor = options.WebSocket ?? WebSocket;
  const initialDelayMs = options.reconnect?.initialDelayMs ?? 250;
  const maxDelayMs = options.reconnect?.maxDelayMs ?? 5_000;
  const maxAttempts = options.reconnect?.maxAttempts ?? 30;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const url = `${scheme}//${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;

  const hub = createEventHub();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let socket: WebSocket | null = null;
  let state: ConnectionState = "connected";
  let nextId = 1;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const cb of [...stateListeners]) {
      try {
        cb(next);
      } catch (err) {
        reportListenerError(err);
      }
    }
  };

  const onMessage = (data: unknown): void => {
    if (typeof data !== "string") return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof msg !== "object" || msg === null) return;
    const m = msg as { t?: unknown; id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (m.t === "result" && typeof m.id === "number") {
      const settle = pending.get(m.id);
      if (!settle) return;
      pending.delete(m.id);
      const result = m.result as Result<unknown> | undefined;
      settle(result && typeof result === "object" && typeof result.ok === "boolean" ? result : { ok: false, error: { code: "internal", message: "Malformed reply from Cascade." } });
    } else if (m.t === "event" && typeof m.event === "string") {
      hub.emit(m.event as EventName, m.payload);
    }
  };

  const onLost = (): void => {
    socket = null;
    for (const settle of pending.values()) settle({ ok: false, error: LOST_CONNECTION });
    pending.clear();
    setState("reconnecting");
    void reconnect();
  };

  /** Opens one socket; resolves when open, rejects if it closes first. */
  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      let opened = false;
      let ws: WebSocket;
      try {
        ws = new Ctor(url);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      ws.addEventListener("open", () => {
        opened = true;
        resolve(ws);
      });
      ws.addEventListener("message", (e: MessageEvent) => onMessage(e.data));
      // "error" is always followed by "close"; handle both outcomes there. (A listener is still
      // needed: Node WebSocket implementations throw an "error" nobody listens to.)
      ws.addEventListener("error", () => undefined);
      ws.addEventListener("close", () => {
        if (!opened) reject(new Error(CONNECT_FAILED_MESSAGE));
        else if (socket === ws) onLost();
      });
    });

  const reconnect = async (): Promise<void> => {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(maxDelayMs, initialDelayMs * 2 ** attempt)));
      try {
        socket = await open();
        setState("connected");
        return;
      } catch {
        // Try again after a longer pause.
      }
    }
    setState("closed");
  };

  const client: ApiClient = {
    call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutputs[M]>> {
      const ws = socket;
      if (!ws || ws.readyState !== OPEN) return Promise.resolve({ ok: false, error: LOST_CONNECTION });
      const id = nextId++;
      let text: string;
      try {
        text = JSON.stringify({ t: "call", id, method, input });
      } catch (err) {
        return Promise.resolve({ ok: false, error: { code: "invalid-input", message: `Could not send ${method}: ${err instanceof Error ? err.message : String(err)}` } });
      }
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<unknown>) => void);
        ws.send(text);
      });
    },
    on: hub.on,
    onConnectionChange(cb) {
      stateListeners.add(cb);
      return () => void stateListeners.delete(cb);
    },
  };

  return open().then(
    (ws) => {
      socket = ws;
      return client;
    },
    () => {
      throw new Error(CONNECT_FAILED_MESSAGE);
    },
  );
}
