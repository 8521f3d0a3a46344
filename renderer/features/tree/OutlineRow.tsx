/**
 * One row of the outline. Everything it shows arrives as primitive props, so a memoized row
 * re-renders only when its own node changes, not on every keystroke elsewhere in the story.
 * Rows sit absolutely positioned in the virtualized list (`start` px from the top) and are
 * draggable: a press and a few pixels of movement drag the row, a plain click selects it.
 */
import { useDraggable, useDroppable } from "@dnd-kit/core";
import { memo, useCallback, type CSSProperties, type MouseEvent } from "react";
import { ChevronIcon, LockIcon, MoreIcon } from "../../ui/icons";
import type { GhostRow, NodeRow } from "./flattenTree";
import { originLabel, rowName } from "./nodeText";
import type { DropPlacement } from "./outlineMoves";

export interface OutlineRowProps {
  row: NodeRow;
  selected: boolean;
  /** Position in the flat row list (the virtualizer's `data-index`). */
  index: number;
  /** Offset from the top of the list, in px. */
  start: number;
  /** Reports the row's element to the virtualizer, which measures its height. */
  measure: (el: Element | null) => void;
  /** Where a row being dragged over this one would land; null when none is or it cannot. */
  dropHint: DropPlacement | null;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
  onMenu: (id: string, x: number, y: number) => void;
}

export const OutlineRow = memo(function OutlineRow({ row, selected, index, start, measure, dropHint, onSelect, onToggle, onMenu }: OutlineRowProps) {
  // Every row is a drop target; the premise (beats dropped on it go last) is the one that never moves.
  // dnd-kit's attributes (role=button, tabIndex) are left off: the tree is one tab stop, rows are treeitems.
  const { setNodeRef: setDragRef, listeners, isDragging } = useDraggable({ id: row.id, disabled: row.level === "premise" });
  const { setNodeRef: setDropRef } = useDroppable({ id: row.id });
  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      setDragRef(el);
      setDropRef(el);
      measure(el);
    },
    [setDragRef, setDropRef, measure],
  );

  const openMenu = (e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    onSelect(row.id);
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    onMenu(row.id, e.type === "contextmenu" ? e.clientX : r.left, e.type === "contextmenu" ? e.clientY : r.bottom + 4);
  };
  const name = rowName(row.level, row.number);

  return (
    <div
      ref={ref}
      id={rowDomId(row.id)}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-setsize={row.siblings}
      aria-posinset={row.number}
      aria-selected={selected}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-label={`${name}: ${row.summary}${row.freshness === "stale" ? ", stale" : ""}${row.freshness === "inputs-changed" ? ", inputs changed" : ""}${row.locked ? ", locked" : ""}`}
      className={`tree-row level-${row.level} ${selected ? "is-selected" : ""} ${row.streaming ? "is-streaming" : ""} ${isDragging ? "is-dragging" : ""}`}
      style={rowPlacement(start, row.depth)}
      data-index={index}
      data-testid="tree.node"
      data-node-id={row.id}
      data-level={row.level}
      data-freshness={row.freshness}
      data-origin={row.origin}
      data-locked={row.locked ? "true" : "false"}
      data-streaming={row.streaming ? "true" : undefined}
      data-generating={row.activity ?? undefined}
      data-drop={dropHint ?? undefined}
      {...listeners}
      onClick={() => onSelect(row.id)}
      onContextMenu={openMenu}
    >
      <span
        className={`tree-chevron ${row.hasChildren ? "" : "is-leaf"} ${row.expanded ? "is-open" : ""}`}
        onClick={(e) => {
          e.stopPropagation();
          if (row.hasChildren) onToggle(row.id);
        }}
        aria-hidden="true"
      >
        {row.hasChildren ? <ChevronIcon size={12} /> : null}
      </span>
      <span className={`level-mark level-mark-${row.level}`} aria-hidden="true" title={name} />
      {row.level !== "premise" ? (
        <span className="tree-number" aria-hidden="true">
          {row.number}
        </span>
      ) : null}
      <span className={`tree-summary ${row.empty ? "is-empty" : ""}`}>{row.summary}</span>
      <span className="tree-marks">
        {row.streaming ? <span className="live-dot" aria-hidden="true" title="The model is writing this" /> : null}
        {row.activity ? (
          <span className={`activity activity-${row.activity}`} title={row.activity === "running" ? "Writing what is below…" : "Queued"}>
            {row.activity === "running" ? "writing" : "queued"}
          </span>
        ) : null}
        {row.freshness === "stale" ? (
          <span className="badge badge-stale" data-testid="tree.stale-marker" title={row.reason}>
            stale
          </span>
        ) : null}
        {row.freshness === "inputs-changed" ? (
          <span className="badge badge-inputs" data-testid="tree.inputs-changed-marker" title={row.reason}>
            inputs changed
          </span>
        ) : null}
        {row.locked ? (
          <span className="lock-mark" title="Locked: regeneration never changes it">
            <LockIcon size={12} />
          </span>
        ) : null}
        {row.level !== "premise" ? <span className={`origin-mark origin-${row.origin}`} title={originLabel(row.origin)} aria-hidden="true" /> : null}
      </span>
      <button type="button" className="tree-more" tabIndex={-1} aria-label={`Actions for ${name}`} onClick={openMenu}>
        <MoreIcon size={14} />
      </button>
    </div>
  );
}, sameRowProps);

/** Rows are rebuilt on every revision; compare what they show, not their identity. */
function sameRowProps(a: OutlineRowProps, b: OutlineRowProps): boolean {
  const { row: rowA, ...restA } = a;
  const { row: rowB, ...restB } = b;
  return shallowEqual(restA, restB) && shallowEqual(rowA, rowB);
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

interface GhostRowProps {
  row: GhostRow;
  index: number;
  start: number;
  measure: (el: Element | null) => void;
}

export const GhostOutlineRow = memo(function GhostOutlineRow({ row, index, start, measure }: GhostRowProps) {
  return (
    <div
      ref={measure}
      className={`tree-row is-ghost level-${row.level}`}
      style={rowPlacement(start, row.depth)}
      data-index={index}
      data-testid="tree.ghost"
      data-level={row.level}
      aria-hidden="true"
    >
      <span className="tree-chevron is-leaf" />
      <span className={`level-mark level-mark-${row.level}`} />
      <span className="tree-number">{row.number}</span>
      <span className="tree-summary">{row.summary || "…"}</span>
      <span className="tree-marks">
        <span className="live-dot" title="The model is writing this" />
      </span>
    </div>
  );
}, (a, b) => a.index === b.index && a.start === b.start && a.measure === b.measure && shallowEqual(a.row, b.row));

/** What follows the pointer while a row is dragged: its mark, number and summary. */
export function OutlineDragPreview({ row }: { row: NodeRow }) {
  return (
    <div className={`tree-row tree-drag-preview level-${row.level}`} aria-hidden="true">
      <span className={`level-mark level-mark-${row.level}`} />
      <span className="tree-number">{row.number}</span>
      <span className={`tree-summary ${row.empty ? "is-empty" : ""}`}>{row.summary}</span>
    </div>
  );
}

/**
 * Where a row sits in the virtualized list, and its indent. WARNING: by `top`, not a transform:
 * dnd-kit measures drop targets with their transforms taken out, so translated rows would all
 * measure as if at the top of the list.
 */
function rowPlacement(start: number, depth: number): CSSProperties {
  const indent = `${0.5 + depth * 1.1}rem`;
  // --row-indent: where the drop line starts (tree.css), level with the row's content.
  return { top: start, paddingInlineStart: indent, ["--row-indent" as string]: indent };
}

/** The DOM id of a row, for aria-activedescendant. */
export function rowDomId(nodeId: string): string {
  return `tree-row-${nodeId}`;
}
