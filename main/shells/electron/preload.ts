/**
 * The Electron preload: exposes exactly the contract's methods and events to the renderer as
 * `window.cascadeBridge` (typed in renderer/api/bridge.d.ts). Bundled to dist/electron/preload.cjs.
 *
 * Must hold: it runs sandboxed, so it imports only `electron` and the dependency-free names list;
 * it never exposes a generic invoke/send, nor Electron's event objects (they carry the sender).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import { EVENT_CHANNEL, EVENT_NAMES, METHOD_NAMES } from "../../../shared/ipc/names";

type MethodName = (typeof METHOD_NAMES)[number];
type EventName = (typeof EVENT_NAMES)[number];

const methods = {} as Record<MethodName, (input: unknown) => Promise<unknown>>;
for (const name of METHOD_NAMES) {
  // Each function is bound to one channel name at load time; the renderer cannot pick another.
  methods[name] = (input: unknown) => ipcRenderer.invoke(name, input);
}

const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);

contextBridge.exposeInMainWorld("cascadeBridge", {
  methods,
  /** Subscribes to every contract event; returns the unsubscribe function. */
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void {
    if (typeof listener !== "function") throw new TypeError("onEvent needs a listener function.");
    const relay = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === "string" && eventNames.has(name)) listener(name as EventName, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
});
