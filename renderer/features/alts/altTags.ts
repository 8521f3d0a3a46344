/**
 * Turning what the writer types into the tag box into stored tags. Stored tags are normalised the
 * way the services store them (trimmed, inner spaces collapsed, lower case, no duplicates; see
 * `normalizeTags` in shared/story/altOperations.ts), so the chips show what will be saved. Unlike
 * that function this one never throws: over-long tags are cut and the count is capped, because a
 * keystroke should not produce an error toast. Pure; tested in altTags.test.ts.
 */
import { ALT_LIMITS } from "../../../shared/story/model";

/** One typed entry may hold several tags separated by commas: "funny, callback". */
export function parseTagInput(input: string): string[] {
  return input
    .split(",")
    .map((t) => t.normalize("NFKC").trim().replace(/\s+/gu, " ").toLowerCase().slice(0, ALT_LIMITS.tagLength).trim())
    .filter(Boolean);
}

/** The alt's tags with the typed ones added (existing order kept, duplicates dropped, capped). */
export function addTags(existing: readonly string[], input: string): string[] {
  const out = [...existing];
  for (const tag of parseTagInput(input)) if (!out.includes(tag)) out.push(tag);
  return out.slice(0, ALT_LIMITS.tags);
}

export function removeTag(existing: readonly string[], tag: string): string[] {
  return existing.filter((t) => t !== tag);
}
