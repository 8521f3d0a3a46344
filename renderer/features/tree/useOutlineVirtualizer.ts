/**
 * The outline's virtualized list (@tanstack/react-virtual): only the rows in view, plus a margin,
 * are in the DOM, so a novel of thousands of rows scrolls and types as smoothly as a short story.
 *
 * What must hold: the selected row and the row being dragged are always rendered, even scrolled far
 * out of view, so aria-activedescendant and the drag never point at nothing; and the list follows
 * the selection — to a newly selected row, and with a selected row that moves while in view — but
 * never yanks the view back to a selection the writer scrolled away from.
 */
import { defaultRangeExtractor, useVirtualizer, type Range, type Virtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, type RefObject } from "react";
import type { TreeRow } from "./flattenTree";

/** A row's usual height (`.tree-row` in tree.css); rows are measured, this only guides the first layout. */
const ROW_HEIGHT = 30;
const estimateSize = () => ROW_HEIGHT;

export function useOutlineVirtualizer(
  scrollRef: RefObject<HTMLDivElement | null>,
  rows: TreeRow[],
  selectedIndex: number,
  activeIndex: number,
): Virtualizer<HTMLDivElement, Element> {
  const getItemKey = useCallback((i: number) => {
    const row = rows[i];
    return row ? (row.kind === "node" ? row.id : row.key) : i;
  }, [rows]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const out = defaultRangeExtractor(range);
      for (const pinned of [selectedIndex, activeIndex]) if (pinned >= 0 && pinned < range.count && !out.includes(pinned)) out.push(pinned);
      return out.sort((a, b) => a - b);
    },
    [selectedIndex, activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: 12,
    // The list's own padding: kept in the virtual layout so scrolling to a row accounts for it.
    paddingStart: 8,
    paddingEnd: 24,
    scrollPaddingStart: 8,
    scrollPaddingEnd: 8,
  });

  const last = useRef<{ index: number; start: number; end: number } | null>(null);
  const selectedKey = selectedIndex >= 0 ? getItemKey(selectedIndex) : null;
  const lastKey = useRef<string | number | null>(null);
  useEffect(() => {
    const before = last.current;
    const sameRow = selectedKey === lastKey.current;
    lastKey.current = selectedKey;
    const item = selectedIndex >= 0 ? virtualizer.measurementsCache[selectedIndex] : undefined;
    last.current = item ? { index: selectedIndex, start: item.start, end: item.end } : null;
    if (!item) return;
    if (sameRow && before && (before.index === selectedIndex || !wasInView(virtualizer, before))) return;
    virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [virtualizer, selectedKey, selectedIndex]);
  return virtualizer;
}

function wasInView(v: Virtualizer<HTMLDivElement, Element>, row: { start: number; end: number }): boolean {
  const top = v.scrollOffset ?? 0;
  const height = v.scrollRect?.height ?? 0;
  return row.end > top && row.start < top + height;
}
