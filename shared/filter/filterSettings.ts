/**
 * A project's style-filter settings: read with defaults (older projects have none), and changed by
 * the undoable `setFilterSettings` operation, which checks what it is given.
 */
import type { Project } from "../story/model";
import { OperationError } from "../story/operationError";
import { DEFAULT_FILTER_SETTINGS, FILTER_MODES, JURISDICTIONS, type FilterAlias, type FilterListEntry, type FilterRewriteOverride, type FilterSettings } from "./types";

export const FILTER_LIMITS = { entries: 500, name: 200, reason: 500, rewrite: 400 } as const;

export type FilterSettingsChange = Partial<FilterSettings>;

export function filterSettingsOf(project: Pick<Project, "settings">): FilterSettings {
  return project.settings.filter ?? DEFAULT_FILTER_SETTINGS;
}

function clean(s: string, max: number, what: string): string {
  const t = s.trim();
  if (t.length > max) throw new OperationError(`${what} is too long (at most ${max} characters).`);
  return t;
}

function list<T>(items: T[], what: string, map: (item: T) => T | null): T[] {
  if (items.length > FILTER_LIMITS.entries) throw new OperationError(`The ${what} can hold at most ${FILTER_LIMITS.entries} entries.`);
  return items.map(map).filter((x): x is T => x !== null);
}

/** The settings with `change` merged in. Throws OperationError for a value the filter cannot use. */
export function mergeFilterSettings(current: FilterSettings, change: FilterSettingsChange): FilterSettings {
  const next: FilterSettings = { ...current, ...change };
  if (!FILTER_MODES.includes(next.mode)) throw new OperationError(`Unknown filter mode: ${String(next.mode)}.`);
  if (!JURISDICTIONS.includes(next.jurisdiction)) throw new OperationError(`Unknown jurisdiction profile: ${String(next.jurisdiction)}.`);
  if (next.mode === "off" && !next.offAcknowledged) {
    throw new OperationError("Turning the style filter off needs your acknowledgement that prompts naming protected creators will then be sent as written.");
  }
  const entry = (e: FilterListEntry) => {
    const name = clean(e.name, FILTER_LIMITS.name, "A name");
    return name ? { name, reason: clean(e.reason, FILTER_LIMITS.reason, `The reason for ${name}`) } : null;
  };
  next.allow = list(next.allow, "allow list", entry);
  next.deny = list(next.deny, "deny list", entry);
  next.aliases = list(next.aliases, "alias list", (a: FilterAlias) => {
    const alias = clean(a.alias, FILTER_LIMITS.name, "An alias");
    const name = clean(a.name, FILTER_LIMITS.name, "A name");
    return alias && name ? { alias, name } : null;
  });
  next.rewrites = list(next.rewrites, "rewrite list", (r: FilterRewriteOverride) => {
    const name = clean(r.name, FILTER_LIMITS.name, "A name");
    const text = clean(r.text, FILTER_LIMITS.rewrite, `The description for ${name}`);
    return name && text ? { name, text } : null;
  });
  return next;
}
