/**
 * Edits the writer has typed but the debounce has not sent yet. Actions that read the project in
 * main (generate, regenerate below, undo) flush these first, so the model never works from text
 * the writer has already changed on screen.
 */
type Flush = () => Promise<void> | void;

const pending = new Set<Flush>();

/** Registers a field's flush function; returns the unregister function. */
export function registerPendingEdit(flush: Flush): () => void {
  pending.add(flush);
  return () => pending.delete(flush);
}

/** Sends every debounced edit now and waits for main to have applied them. */
export async function flushPendingEdits(): Promise<void> {
  await Promise.all([...pending].map((f) => f()));
}
