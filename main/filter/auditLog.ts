/**
 * The per-project audit log of the style filter: every decision other than allow (warn, rewrite, ask,
 * block), appended as one JSON line to `<project file>.audit.jsonl` beside the project. The writer
 * reads it in the project settings or with `cli filter-log`. A batch of alts sends the same prompt
 * many times: identical decisions within a minute fold into one entry with a count.
 */
import { appendFile, open, readFile, type FileHandle } from "node:fs/promises";
import type { FilterDecision } from "../../shared/filter/types";
import type { FilterAuditEntry } from "../../shared/ipc/contract";

export type AuditEntry = FilterAuditEntry;

const FOLD_WINDOW_MS = 60_000;
const READ_LIMIT = 1000;

export function auditPathFor(projectPath: string): string {
  return `${projectPath}.audit.jsonl`;
}

export class AuditLog {
  private last: { key: string; at: number; entry: AuditEntry } | null = null;
  private folded = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  /** Records a decision (allow is not recorded). Never throws: a full disk must not stop the writer. */
  record(decision: FilterDecision, purpose: string, nodeId?: string): void {
    if (decision.decision === "allow") return;
    const matches = decision.matches
      .filter((m) => m.action !== "allow")
      .map((m) => ({ name: m.name, status: m.status, action: m.action, matched: m.matched, ...(m.replacement ? { replacement: m.replacement } : {}) }));
    const key = JSON.stringify([decision.decision, purpose, nodeId ?? "", matches]);
    const now = Date.now();
    if (this.last && this.last.key === key && now - this.last.at < FOLD_WINDOW_MS) {
      this.last.at = now;
      this.folded++;
      return;
    }
    this.flushFolded();
    const entry: AuditEntry = { at: new Date(now).toISOString(), decision: decision.decision, mode: decision.mode, purpose, ...(nodeId ? { nodeId } : {}), matches, count: 1 };
    this.last = { key, at: now, entry };
    this.write(entry);
  }

  /** Repeats of the last decision are written as one line saying how many more there were. */
  private flushFolded(): void {
    if (this.folded === 0 || !this.last) return;
    this.write({ ...this.last.entry, at: new Date(this.last.at).toISOString(), count: this.folded, repeats: true });
    this.folded = 0;
  }

  private checkedEnd = false;

  private write(entry: AuditEntry): void {
    const line = `${JSON.stringify(entry)}\n`;
    this.pending = this.pending
      .then(async () => {
        // A crash can leave a last line without its newline: start on a fresh line, or this entry is lost with it.
        const lead = this.checkedEnd ? "" : await missingNewline(this.path);
        this.checkedEnd = true;
        await appendFile(this.path, lead + line, "utf8");
      })
      .catch((err: unknown) => console.warn(`Could not write the style-filter audit log ${this.path}: ${String(err)}`));
  }

  /** Waits for pending writes (folded repeats included). */
  async flush(): Promise<void> {
    this.flushFolded();
    await this.pending;
  }

  /** The newest entries first; unreadable lines (a torn last write) are skipped. */
  async read(): Promise<AuditEntry[]> {
    await this.flush();
    return readAudit(this.path);
  }
}

async function missingNewline(path: string): Promise<string> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, "r");
    const { size } = await handle.stat();
    if (size === 0) return "";
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a ? "" : "\n";
  } catch {
    return "";
  } finally {
    await handle?.close();
  }
}

export async function readAudit(path: string): Promise<AuditEntry[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return [];
  }
  const entries: AuditEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as AuditEntry);
    } catch {
      // A line cut short by a crash: skip it, keep the rest.
    }
  }
  return entries.slice(-READ_LIMIT).reverse();
}
