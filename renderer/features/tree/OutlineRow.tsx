/**
 * One row of the outline. Everything it shows arrives as primitive props, so a memoized row
 * re-renders only when its own node changes, not on every keystroke elsewhere in the story.
 */
import { memo, useEffect, useRef, type MouseEvent } from "react";
import { ChevronIcon, LockIcon, MoreIcon } from "../../ui/icons";
import type { GhostRow, NodeRow } from "./flattenTree";
import { levelName, originLabel } from "./nodeText";

export interface OutlineRowProps {
  row: NodeRow;
  selected: boolean;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
  onMenu: (id: string, x: number, y: number) => void;
}

export const OutlineRow = memo(function OutlineRow({ row, selected, onSelect, onToggle, onMenu }: OutlineRowProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  const openMenu = (e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    onSelect(row.id);
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    onMenu(row.id, e.type === "contextmenu" ? e.clientX : r.left, e.type === "contextmenu" ? e.clientY : r.bottom + 4);
  };
  const name = `${levelName(row.level)}${row.level === "premise" ? "" : ` ${row.number}`}`;

  return (
    <div
      ref={ref}
      id={rowDomId(row.id)}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-label={`${name}: ${row.summary}${row.freshness === "stale" ? ", stale" : ""}${row.freshness === "inputs-changed" ? ", inputs changed" : ""}${row.locked ? ", locked" : ""}`}
      className={`tree-row level-${row.level} ${selected ? "is-selected" : ""} ${row.streaming ? "is-streaming" : ""}`}
      style={{ paddingInlineStart: `${0.5 + row.depth * 1.1}rem` }}
      data-testid="tree.node"
      data-node-id={row.id}
      data-level={row.level}
      data-freshness={row.freshness}
      data-origin={row.origin}
      data-locked={row.locked ? "true" : "false"}
      data-streaming={row.streaming ? "true" : undefined}
      data-generating={row.activity ?? undefined}
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
  if (a.selected !== b.selected || a.onSelect !== b.onSelect || a.onToggle !== b.onToggle || a.onMenu !== b.onMenu) return false;
  return shallowEqual(a.row, b.row);
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export const GhostOutlineRow = memo(function GhostOutlineRow({ row }: { row: GhostRow }) {
  return (
    <div
      className={`tree-row is-ghost level-${row.level}`}
      style={{ paddingInlineStart: `${0.5 + row.depth * 1.1}rem` }}
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
}, (a, b) => shallowEqual(a.row, b.row));

/** The DOM id of a row, for aria-activedescendant. */
export function rowDomId(nodeId: string): string {
  return `tree-row-${nodeId}`;
}
