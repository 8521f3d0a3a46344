/**
 * The renderer's record of field edits main has not confirmed: sent and waiting for the reply, or
 * not delivered because the connection was down, plus edits restored from storage after a reload
 * that are not back in the project yet. Listeners hear every change (pendingEdits.ts mirrors the
 * journal to sessionStorage; the connection banner shows the count). Pure: tested with vitest.
 *
 * An entry leaves only when main confirms it (or refused it for good and said so), when a newer
 * edit of the same field replaces it, or when the writer dismisses kept text.
 */
import { fieldKey, type StoredEdit } from "./undeliveredEdits";

export class EditJournal {
  private readonly sending = new Map<string, { edit: StoredEdit; token: number }>();
  private kept: StoredEdit[] = [];
  private seq = 0;
  private readonly listeners = new Set<() => void>();

  /**
   * Records an edit as it is sent; call the returned function with whether it is settled (applied,
   * or refused for a reason a retry would not fix). A newer edit of the same field supersedes it,
   * including a kept one: each sets the whole value, and the newer is what the writer sees.
   */
  begin(edit: StoredEdit): (settled: boolean) => void {
    const key = fieldKey(edit);
    const token = ++this.seq;
    this.sending.delete(key); // Re-insert so entries stay in the order they were typed.
    this.sending.set(key, { edit, token });
    this.kept = this.kept.filter((k) => fieldKey(k) !== key);
    this.changed();
    return (settled) => {
      if (!settled || this.sending.get(key)?.token !== token) return;
      this.sending.delete(key);
      this.changed();
    };
  }

  /** Takes over edits read back from storage, until `release` says where they went. */
  keep(edits: readonly StoredEdit[]): void {
    if (edits.length === 0) return;
    this.kept = [...this.kept, ...edits];
    this.changed();
  }

  /** Forgets kept edits: they are back in the project, or the writer dismissed their text. */
  release(edits: readonly StoredEdit[]): void {
    const gone = new Set(edits);
    const next = this.kept.filter((e) => !gone.has(e));
    if (next.length === this.kept.length) return;
    this.kept = next;
    this.changed();
  }

  /** How many edits main has not confirmed. */
  get size(): number {
    return this.kept.length + this.sending.size;
  }

  /** Everything unconfirmed, oldest first (so for one field the last entry is the newest). */
  all(): StoredEdit[] {
    return [...this.kept, ...[...this.sending.values()].map((s) => s.edit)];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}
