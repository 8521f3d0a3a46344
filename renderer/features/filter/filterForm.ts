/**
 * The "Style filter" settings form, read into the change one `setFilterSettings` operation carries:
 * rows trimmed, empty rows dropped, half-filled rows and Off without the acknowledgement reported.
 * Only what differs from the project is sent. Pure; tested in filterForm.test.ts.
 */
import { FILTER_LIMITS } from "../../../shared/filter/filterSettings";
import type { FilterAlias, FilterListEntry, FilterRewriteOverride, FilterSettings } from "../../../shared/filter/types";

export type FilterForm = FilterSettings;
export type FilterListKey = "allow" | "deny" | "aliases" | "rewrites";

export interface FilterRead {
  errors: string[];
  /** Off is chosen but not acknowledged yet: not an error (the checkbox asks), but nothing can be saved. */
  needsAck: boolean;
  /** What differs from the current settings, when the form is valid and something differs. */
  change: Partial<FilterSettings> | null;
}

const LIST_NAMES: Record<FilterListKey, string> = { allow: "Allow list", deny: "Deny list", aliases: "Aliases", rewrites: "Rewrite words" };

export function readFilterForm(form: FilterForm, current: FilterSettings): FilterRead {
  const errors: string[] = [];
  const offAcknowledged = form.mode === "off" && form.offAcknowledged;
  const needsAck = form.mode === "off" && !form.offAcknowledged;
  const tooLong = (what: string, s: string, max: number) => s.length > max && errors.push(`${what} is too long (at most ${max} characters).`);

  const entries = (key: "allow" | "deny", rows: FilterListEntry[]) =>
    rows.flatMap((r, i) => {
      const name = r.name.trim();
      const reason = r.reason.trim();
      if (!name && !reason) return [];
      if (!name) errors.push(`${LIST_NAMES[key]}, row ${i + 1}: add a name, or remove the row.`);
      tooLong(`${LIST_NAMES[key]}, row ${i + 1}: the name`, name, FILTER_LIMITS.name);
      tooLong(`${LIST_NAMES[key]}, row ${i + 1}: the reason`, reason, FILTER_LIMITS.reason);
      return [{ name, reason }];
    });
  /** Rows of two required fields: [first, second] of each row, built back into a row by `make`. */
  const pairs = <T,>(key: "aliases" | "rewrites", rows: T[], fields: (r: T) => [string, string], make: (x: string, y: string) => T, missing: [string, string], max: number) =>
    rows.flatMap((r, i) => {
      const [x, y] = fields(r).map((f) => f.trim()) as [string, string];
      if (!x && !y) return [];
      if (!x || !y) errors.push(`${LIST_NAMES[key]}, row ${i + 1}: add ${!x ? missing[0] : missing[1]}, or remove the row.`);
      tooLong(`${LIST_NAMES[key]}, row ${i + 1}`, x, FILTER_LIMITS.name);
      tooLong(`${LIST_NAMES[key]}, row ${i + 1}`, y, max);
      return [make(x, y)];
    });

  const next: FilterSettings = {
    mode: form.mode,
    jurisdiction: form.jurisdiction,
    offAcknowledged,
    allow: entries("allow", form.allow),
    deny: entries("deny", form.deny),
    aliases: pairs<FilterAlias>("aliases", form.aliases, (a) => [a.alias, a.name], (alias, name) => ({ alias, name }), ["what you type", "whom it means"], FILTER_LIMITS.name),
    rewrites: pairs<FilterRewriteOverride>("rewrites", form.rewrites, (r) => [r.name, r.text], (name, text) => ({ name, text }), ["the creator's name", "the words"], FILTER_LIMITS.rewrite),
  };
  const denied = new Set(next.deny.map((e) => e.name.toLowerCase()));
  for (const e of next.allow) if (denied.has(e.name.toLowerCase())) errors.push(`${e.name} is on both the allow list and the deny list; keep one.`);
  for (const key of ["allow", "deny", "aliases", "rewrites"] as const) {
    if (next[key].length > FILTER_LIMITS.entries) errors.push(`${LIST_NAMES[key]} can hold at most ${FILTER_LIMITS.entries} entries.`);
  }
  if (errors.length || needsAck) return { errors, needsAck, change: null };

  const change: Partial<FilterSettings> = {};
  for (const key of Object.keys(next) as Array<keyof FilterSettings>) {
    if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) Object.assign(change, { [key]: next[key] });
  }
  return { errors, needsAck, change: Object.keys(change).length ? change : null };
}

/** `rows` with `row` in place of the one `same` finds, or added at the end (a dialog choice made twice replaces itself). */
export function withEntry<T>(rows: T[], row: T, same: (a: T, b: T) => boolean): T[] {
  const i = rows.findIndex((r) => same(r, row));
  return i < 0 ? [...rows, row] : rows.map((r, j) => (j === i ? row : r));
}

export function withoutRow<T>(rows: T[], index: number): T[] {
  return rows.filter((_, i) => i !== index);
}

export function withRow<T>(rows: T[], index: number, row: T): T[] {
  return rows.map((r, i) => (i === index ? row : r));
}

/** Names compare as the filter compares them: case and spacing do not matter. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase().replace(/\s+/g, " ") === b.trim().toLowerCase().replace(/\s+/g, " ");
}
