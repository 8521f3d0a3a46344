/**
 * The WebSocket wire format of the web shell (the Electron binding uses ipcRenderer.invoke instead).
 * Client → server: calls. Server → client: results (matched by id) and pushed events.
 */
import type { EventName, Result } from "./contract";

export interface WireCall {
  t: "call";
  id: number;
  method: string;
  input: unknown;
}

export interface WireResult {
  t: "result";
  id: number;
  result: Result<unknown>;
}

export interface WireEvent {
  t: "event";
  event: EventName;
  payload: unknown;
}

export type ServerMessage = WireResult | WireEvent;

/** The path the web shell accepts WebSocket upgrades on; the token goes in the `token` query parameter. */
export const WS_PATH = "/ws";
