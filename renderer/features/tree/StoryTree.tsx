/**
 * The outline on the left: premise, beats, scenes and lines, collapsible and selectable with the
 * mouse or the keyboard, and rows dragged to reorder them or move them to another parent. The tree
 * is a single tab stop (aria-activedescendant points at the selected row), as the WAI-ARIA tree
 * pattern recommends; its rows are virtualized (useOutlineVirtualizer), so each says its level and
 * place among its siblings (aria-level, -posinset, -setsize) for rows that are not in the DOM.
 */
import { DndContext, DragOverlay } from "@dnd-kit/core";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { NodeMenu, type MenuAnchor } from "../actions/NodeMenu";
import { LevelActions } from "../actions/LevelActions";
import { requestEditorFocus } from "../editor/editorFocus";
import type { TreeRow } from "./flattenTree";
import { GhostOutlineRow, OutlineDragPreview, OutlineRow, rowDomId } from "./OutlineRow";
import { treeKeyCommand } from "./treeNavigation";
import { useOutlineDrag } from "./useOutlineDrag";
import { useOutlineVirtualizer } from "./useOutlineVirtualizer";
import { useTreeRows } from "./useTreeRows";
import "./tree.css";

export function StoryTree() {
  // First thing on mount, before the rows are built: the start of `outline:render` (useRenderMeasure).
  useState(() => performance.mark("outline:render-start"));
  const rows = useTreeRows();
  const selectedId = useAppStore((s) => s.selectedId);
  const select = useAppStore((s) => s.select);
  const toggleCollapsed = useAppStore((s) => s.toggleCollapsed);
  const setCollapsed = useAppStore((s) => s.setCollapsed);
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  const menuLocked = useAppStore((s) => (menu ? Boolean(s.projectState?.project.nodes[menu.nodeId]?.locked) : false));
  const treeRef = useRef<HTMLDivElement>(null);

  const onSelect = useCallback(
    (id: string) => {
      select(id);
      treeRef.current?.focus({ preventScroll: true });
    },
    [select],
  );
  const drag = useOutlineDrag(rows, onSelect);
  const selectedIndex = useMemo(() => indexOfNode(rows, selectedId), [rows, selectedId]);
  const activeIndex = useMemo(() => indexOfNode(rows, drag.active?.id ?? null), [rows, drag.active]);
  const virtualizer = useOutlineVirtualizer(treeRef, rows, selectedIndex, activeIndex);
  useRenderMeasure(rows.length > 0);

  const onMenu = useCallback((nodeId: string, x: number, y: number) => setMenu({ nodeId, x, y }), []);
  const closeMenu = useCallback(() => {
    setMenu(null);
    treeRef.current?.focus({ preventScroll: true });
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return; // Alt+arrows move nodes (global shortcuts).
    if (e.key === "Enter" && selectedId) {
      e.preventDefault();
      requestEditorFocus(selectedId);
      return;
    }
    if ((e.key === "F10" && e.shiftKey) || e.key === "ContextMenu") {
      e.preventDefault();
      const el = selectedId ? document.getElementById(rowDomId(selectedId)) : null;
      if (el && selectedId) {
        const r = el.getBoundingClientRect();
        setMenu({ nodeId: selectedId, x: r.left + 24, y: r.bottom });
      }
      return;
    }
    const cmd = treeKeyCommand(rows, selectedId, e.key);
    if (!cmd) return;
    e.preventDefault();
    if ("select" in cmd) select(cmd.select);
    else if ("expand" in cmd) setCollapsed(cmd.expand, false);
    else setCollapsed(cmd.collapse, true);
  };

  return (
    <nav className="tree-pane" aria-label="Story outline">
      <OutlineHead />
      <DndContext {...drag.contextProps}>
        <div
          ref={treeRef}
          className="tree"
          role="tree"
          aria-label="Story outline"
          tabIndex={0}
          aria-activedescendant={selectedId && selectedIndex >= 0 ? rowDomId(selectedId) : undefined}
          onKeyDown={onKeyDown}
          data-testid="tree"
          data-row-count={rows.length}
        >
          <div className="tree-rows" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              const place = { index: item.index, start: item.start, measure: virtualizer.measureElement };
              return row.kind === "node" ? (
                <OutlineRow
                  key={row.id}
                  row={row}
                  {...place}
                  selected={row.id === selectedId}
                  dropHint={drag.hint?.overId === row.id ? drag.hint.placement : null}
                  onSelect={onSelect}
                  onToggle={toggleCollapsed}
                  onMenu={onMenu}
                />
              ) : (
                <GhostOutlineRow key={row.key} row={row} {...place} />
              );
            })}
          </div>
        </div>
        <DragOverlay dropAnimation={null}>{drag.active ? <OutlineDragPreview row={drag.active} /> : null}</DragOverlay>
      </DndContext>
      {menu ? <NodeMenu anchor={menu} locked={menuLocked} onClose={closeMenu} /> : null}
    </nav>
  );
}

/** The pane's heading and level actions; memoized, as the tree re-renders on every scroll. */
const OutlineHead = memo(function OutlineHead() {
  return (
    <div className="pane-head">
      <h2 className="pane-title">Outline</h2>
      <LevelActions />
    </div>
  );
});

function indexOfNode(rows: TreeRow[], id: string | null): number {
  return id ? rows.findIndex((r) => r.kind === "node" && r.id === id) : -1;
}

/**
 * `outline:render` in the browser's performance timeline: from the outline's first render (the
 * mark `outline:render-start`) to the effect after its first rows are on screen. The e2e run reads
 * it on a long story.
 */
function useRenderMeasure(hasRows: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (!hasRows || done.current) return;
    done.current = true;
    performance.measure("outline:render", "outline:render-start");
  }, [hasRows]);
}
