/**
 * Edits the writer has typed but the debounce has not sent yet. Actions that read the project in
 * main (generate, regenerate below, undo) flush these first, so the model never works from text
 * the writer has already changed on screen.
 *
 * Also the journal of sent edits main has not confirmed (editJournal.ts), mirrored to
 * sessionStorage on every change: text typed while the connection is down, or in the instant
 * before a reload, must survive the page going away (boot's restore puts it back).
 */
import { EditJournal } from "./editJournal";
import { saveEdits, type EditStorage } from "./undeliveredEdits";

type Flush = () => Promise<void> | void;

const pending = new Set<Flush>();

/** Registers a field's flush function; returns the unregister function. */
export function registerPendingEdit(flush: Flush): () => void {
  pending.add(flush);
  return () => pending.delete(flush);
}

/**
 * Sends every debounced edit now and waits for main to have applied them. The sends start before
 * this returns (page-hide handlers rely on that: nothing after the event handler is guaranteed).
 */
export async function flushPendingEdits(): Promise<void> {
  await Promise.all([...pending].map((f) => f()));
}

/**
 * Whether a debounced send is settled: applied, or refused for a reason a retry would not fix
 * (that error was shown). Only a failure while disconnected is worth keeping for a retry.
 */
export function isSettledOutcome(result: unknown, connection: string): boolean {
  return result !== undefined || connection === "connected";
}

export const editJournal = new EditJournal();

/** sessionStorage, or null where there is none (tests in Node) or it is blocked. */
export function sessionStore(): EditStorage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null; // Some browsers throw on mere access when storage is disabled.
  }
}

let persisted = true;
editJournal.subscribe(() => {
  persisted = saveEdits(sessionStore(), editJournal.all());
});

/** Whether the unconfirmed edits are in sessionStorage, so a reload will bring them back. */
export function editsPersisted(): boolean {
  return persisted || editJournal.size === 0;
}
