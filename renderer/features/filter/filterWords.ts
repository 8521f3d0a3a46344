/**
 * The filter's words for the writer: short and neutral, never scolding. Labels for statuses and
 * candidates, the dialog's lead line, the prefill of the "edit the rewrite" field, and an audit
 * entry as one row. Pure; tested in filterWords.test.ts.
 */
import type { FilterCandidate, FilterDecisionKind, FilterMatch, FilterMode, Jurisdiction } from "../../../shared/filter/types";
import type { FilterAuditEntry } from "../../../shared/ipc/contract";

export const MODE_LABELS: Record<FilterMode, string> = { warn: "Warn", rewrite: "Rewrite", strict: "Strict", off: "Off" };
export const MODE_HINTS: Record<FilterMode, string> = {
  warn: "Send prompts as written and say when one names a protected creator.",
  rewrite: "Replace protected creators' names with neutral style words.",
  strict: "Stop any prompt that asks for a protected creator's style.",
  off: "No checks: prompts are sent exactly as written.",
};
export const JURISDICTION_LABELS: Record<Jurisdiction, string> = { "life+70": "Life + 70", "life+50": "Life + 50", "us-conservative": "US, conservative" };

export const DECISION_LABELS: Record<FilterDecisionKind, string> = { allow: "Allowed", warn: "Sent with a note", rewrite: "Rewritten", ask: "Needs a choice", block: "Not sent" };

const STATUS_LABELS: Record<FilterMatch["status"], string> = {
  "public-domain": "public domain",
  protected: "protected",
  "allow-listed": "allow list",
  "deny-listed": "deny list",
  ambiguous: "which one?",
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as FilterMatch["status"]] ?? status;
}

/** "Jonathan Swift — public domain". */
export function candidateLabel(c: FilterCandidate): string {
  return `${c.name} — ${statusLabel(c.status)}`;
}

/** The distinct names of the matches the filter acts on in this way, as one phrase. */
export function namesOf(matches: FilterMatch[], action?: FilterDecisionKind): string {
  const names = [...new Set(matches.filter((m) => (action ? m.action === action : m.action !== "allow")).map((m) => m.name))];
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The dialog's first line for a rewrite, before and after the writer undoes it. */
export function rewriteLead(matches: FilterMatch[], undone: boolean): string {
  const names = namesOf(matches, "rewrite");
  return undone
    ? `As written, this prompt asks for the style of ${names}, a protected creator, so it can't be sent as written. Use the rewrite, describe the qualities you want, or add the name to this project's allow list.`
    : `This prompt asks for the style of ${names}, a protected creator. It can go with neutral style words in place of the name:`;
}

/**
 * The words to start the "edit the rewrite" field with: the writer's own override when there is one,
 * else the descriptive words inside the filter's replacement ("in a stylized, violent style, in the
 * tradition of …" → "stylized, violent").
 */
export function rewriteWordsFrom(replacement: string, override?: string): string {
  if (override) return override;
  const own = /\bin a style that is (.+)$/i.exec(replacement);
  if (own) return own[1]!.trim();
  const styled = /\ban? (.+?) style\b/i.exec(replacement);
  if (styled) return styled[1]!.trim();
  const article = /^an? (.+)$/i.exec(replacement.trim());
  return (article ? article[1]! : replacement).trim();
}

export interface AuditRow {
  key: string;
  kind: FilterAuditEntry["decision"];
  when: string;
  decision: string;
  names: string;
  matched: string;
  replacement: string;
  count: number;
}

/** An audit entry as the log view shows it. `locale` is for tests; the view uses the writer's. */
export function auditRow(entry: FilterAuditEntry, index: number, locale?: string): AuditRow {
  const at = new Date(entry.at);
  return {
    key: `${entry.at}:${index}`,
    kind: entry.decision,
    when: Number.isNaN(at.getTime()) ? entry.at : at.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" }),
    decision: DECISION_LABELS[entry.decision] ?? entry.decision,
    names: [...new Set(entry.matches.map((m) => m.name))].join(", "),
    matched: entry.matches.map((m) => m.matched).join(" · "),
    replacement: entry.matches.map((m) => m.replacement ?? "").filter(Boolean).join(" · "),
    count: entry.count,
  };
}
