/**
 * What the model returns for one generation job: a JSON object `{ "items": [...] }` whose items are
 * the children of one parent. Generated under this JSON schema (a grammar), the output always parses
 * unless the job was cancelled or ran out of tokens, which `parseGenerated` reports.
 */
import { parse as parsePartial, Allow } from "partial-json";
import type { Form, Level } from "../story/model";

export interface GeneratedItem {
  title: string;
  text: string;
  speaker?: string;
}

export const TITLE_MAX = 80;
export const TEXT_MAX: Record<Level, number> = { premise: 600, beat: 360, scene: 480, line: 320 };
export const SPEAKER_MAX = 30;

/** The JSON schema of one item at `level`: `{title,text}` for beats and scenes, `{text}` for the premise and prose lines, `{speaker,text}` for screenplay lines. */
export function itemSchema(level: Level, form: Form): object {
  const text = { type: "string", maxLength: TEXT_MAX[level] };
  if (level === "premise") return { type: "object", properties: { text } };
  if (level === "line") {
    return form === "screenplay"
      ? { type: "object", properties: { speaker: { type: "string", maxLength: SPEAKER_MAX }, text } }
      : { type: "object", properties: { text } };
  }
  return { type: "object", properties: { title: { type: "string", maxLength: TITLE_MAX }, text } };
}

/** The JSON schema for `count` children at `level`. Counts are exact so slots line up with the tree. */
export function outputSchema(level: Exclude<Level, "premise">, form: Form, count: number): object {
  return {
    type: "object",
    properties: { items: { type: "array", items: itemSchema(level, form), minItems: count, maxItems: count } },
  };
}

export type ParseResult = { ok: true; items: GeneratedItem[] } | { ok: false; error: string; items: GeneratedItem[] };

/** Parses a finished generation. On failure, still returns the items that were complete. */
export function parseGenerated(raw: string): ParseResult {
  try {
    const doc: unknown = JSON.parse(raw);
    return { ok: true, items: toItems(doc) };
  } catch {
    // Only items whose closing brace arrived: the last one may stop mid-sentence.
    const items = partialItems(raw).slice(0, closedItemCount(raw));
    return { ok: false, error: "The model's output was cut off before it finished", items };
  }
}

/** How many objects of the `items` array (depth 3 of `{"items":[{…}]}`) were closed in `raw`. */
function closedItemCount(raw: string): number {
  let depth = 0;
  let closed = 0;
  let inString = false;
  let escaped = false;
  for (const ch of raw) {
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (ch === "}" && depth === 2) closed++;
    }
  }
  return closed;
}

/** The items visible so far in a streaming generation, for live display. Never throws. */
export function partialItems(raw: string): GeneratedItem[] {
  if (!raw.trim()) return [];
  try {
    return toItems(parsePartial(raw, Allow.ALL));
  } catch {
    return [];
  }
}

function toItems(doc: unknown): GeneratedItem[] {
  const items = (doc as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return [];
  const out: GeneratedItem[] = [];
  for (const it of items) {
    if (!it || typeof it !== "object") continue;
    const o = it as Record<string, unknown>;
    const item: GeneratedItem = {
      title: typeof o.title === "string" ? o.title.trim() : "",
      text: typeof o.text === "string" ? o.text.trim() : "",
    };
    if (typeof o.speaker === "string") item.speaker = o.speaker.trim();
    out.push(item);
  }
  return out;
}

/** Parses one finished item (an alt's output, a bare object). Null when it does not parse. */
export function parseItem(raw: string): GeneratedItem | null {
  try {
    return toItems({ items: [JSON.parse(raw) as unknown] })[0] ?? null;
  } catch {
    return null;
  }
}

/** One item as far as it has streamed, for live display. Never throws. */
export function partialItem(raw: string): GeneratedItem | null {
  if (!raw.trim()) return null;
  try {
    return toItems({ items: [parsePartial(raw, Allow.ALL) as unknown] })[0] ?? null;
  } catch {
    return null;
  }
}
