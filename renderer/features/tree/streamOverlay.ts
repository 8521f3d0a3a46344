/**
 * Merges a running job's streamed items over the tree it is writing into. Items line up with the
 * job's slots: items[i] is the new text of slots[i]; items past the slots are children that do not
 * exist yet and show as ghost rows under the parent. Pure; tested in streamOverlay.test.ts.
 */
import type { GeneratedItem } from "../../../shared/prompts/outputSchema";

export interface StreamLike {
  slots: string[];
  items: GeneratedItem[];
}

export interface Overlay {
  /** Node id → the text streaming into it. */
  replacing: Map<string, GeneratedItem>;
  /** Items for children that do not exist yet, in order. */
  ghosts: GeneratedItem[];
}

const EMPTY: Overlay = { replacing: new Map(), ghosts: [] };

export function overlayOf(stream: StreamLike | undefined): Overlay {
  if (!stream) return EMPTY;
  const replacing = new Map<string, GeneratedItem>();
  stream.slots.forEach((id, i) => {
    const item = stream.items[i];
    if (item) replacing.set(id, item);
  });
  return { replacing, ghosts: stream.items.slice(stream.slots.length) };
}

/** Node ids whose displayed text comes from a stream, across all streams. */
export function streamingIds(streams: Iterable<StreamLike>): Set<string> {
  const out = new Set<string>();
  for (const s of streams) for (const id of overlayOf(s).replacing.keys()) out.add(id);
  return out;
}
