/**
 * A changed text as the diff view shows it: the word diff from main, with long unchanged stretches
 * cut down to a few words of context either side of each change, so a one-word edit in a long
 * scene reads as one line, not the whole scene. Pure; tested in wordDiff.test.ts.
 */
import type { TextPart } from "../../../shared/story/treeDiff";

/** An unchanged run cut short: `text` keeps its edges, the middle is left out. */
export interface ShownPart extends TextPart {
  /** Words were left out of this part (before, after or in the middle of `text`). */
  cut: boolean;
}

const ELLIPSIS = "…";

function words(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? [];
}

/**
 * Keeps `context` words of each unchanged run next to a change; a run between two changes keeps
 * both edges (or all of it when that is shorter). Changed parts are never cut.
 */
export function trimUnchanged(parts: readonly TextPart[], context = 12): ShownPart[] {
  return parts.map((p, i) => {
    if (p.kind !== "same") return { ...p, cut: false };
    const w = words(p.text);
    const hasBefore = i > 0;
    const hasAfter = i < parts.length - 1;
    const keep = (hasBefore ? context : 0) + (hasAfter ? context : 0);
    if (w.length <= keep || (!hasBefore && !hasAfter)) return { ...p, cut: false };
    const head = hasBefore ? w.slice(0, context).join("") : "";
    const tail = hasAfter ? w.slice(w.length - context).join("") : "";
    const text = hasBefore && hasAfter ? `${head.trimEnd()} ${ELLIPSIS} ${tail.trimStart()}` : hasBefore ? `${head.trimEnd()} ${ELLIPSIS}` : `${ELLIPSIS} ${tail.trimStart()}`;
    return { kind: "same", text, cut: true };
  });
}

/** How many words were added and removed, for the entry's short summary. */
export function changeSize(parts: readonly TextPart[]): { added: number; removed: number } {
  const count = (kind: TextPart["kind"]) =>
    parts
      .filter((p) => p.kind === kind)
      .reduce((n, p) => n + p.text.split(/\s+/).filter(Boolean).length, 0);
  return { added: count("added"), removed: count("removed") };
}
