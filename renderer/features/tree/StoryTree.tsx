/**
 * The outline on the left: premise, beats, scenes and lines, collapsible and selectable with the
 * mouse or the keyboard. The tree is a single tab stop (aria-activedescendant points at the
 * selected row), as the WAI-ARIA tree pattern recommends.
 */
import { useCallback, useRef, useState, type KeyboardEvent } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { NodeMenu, type MenuAnchor } from "../actions/NodeMenu";
import { LevelActions } from "../actions/LevelActions";
import { requestEditorFocus } from "../editor/editorFocus";
import { GhostOutlineRow, OutlineRow, rowDomId } from "./OutlineRow";
import { treeKeyCommand } from "./treeNavigation";
import { useTreeRows } from "./useTreeRows";
import "./tree.css";

export function StoryTree() {
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
      <div className="pane-head">
        <h2 className="pane-title">Outline</h2>
        <LevelActions />
      </div>
      <div
        ref={treeRef}
        className="tree"
        role="tree"
        aria-label="Story outline"
        tabIndex={0}
        aria-activedescendant={selectedId ? rowDomId(selectedId) : undefined}
        onKeyDown={onKeyDown}
        data-testid="tree"
      >
        {rows.map((row) =>
          row.kind === "node" ? (
            <OutlineRow key={row.id} row={row} selected={row.id === selectedId} onSelect={onSelect} onToggle={toggleCollapsed} onMenu={onMenu} />
          ) : (
            <GhostOutlineRow key={row.key} row={row} />
          ),
        )}
      </div>
      {menu ? <NodeMenu anchor={menu} locked={menuLocked} onClose={closeMenu} /> : null}
    </nav>
  );
}
