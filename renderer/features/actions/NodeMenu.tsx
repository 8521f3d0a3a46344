/**
 * The context menu of a tree row (right click, the row's "…" button, or Shift+F10): the same actions
 * as the toolbar, with arrow-key navigation. Its items use `menu.*` test ids so they never clash
 * with the toolbar's `node.*` buttons while both are on screen.
 */
import { useCallback, useEffect, useRef, type KeyboardEvent } from "react";
import { useDismiss } from "../../ui/useDismiss";
import { actionIcon } from "./actionIcons";
import { ACTION_TEST_IDS } from "./nodeActions";
import { runNodeAction } from "./runNodeAction";
import { useNodeActions } from "./useNodeActions";

export interface MenuAnchor {
  nodeId: string;
  x: number;
  y: number;
}

export function NodeMenu({ anchor, locked, onClose }: { anchor: MenuAnchor; locked: boolean; onClose: () => void }) {
  const actions = useNodeActions(anchor.nodeId);
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(ref, true, onClose);

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
  }, []);

  const onKeyDown = useCallback((e: KeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>("button:not(:disabled)") ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = items[(i + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length];
    next?.focus();
  }, []);

  // Keep the menu inside the window.
  const left = Math.min(anchor.x, window.innerWidth - 240);
  const top = Math.min(anchor.y, window.innerHeight - 40 - actions.length * 34);
  return (
    <div ref={ref} className="menu" role="menu" aria-label="Node actions" style={{ left, top }} onKeyDown={onKeyDown}>
      {actions.map((a) => (
        <button
          key={a.id}
          type="button"
          role="menuitem"
          className={`menu-item ${a.id === "delete" ? "danger" : ""}`}
          disabled={!a.enabled}
          title={a.enabled ? a.title : (a.reason ?? undefined)}
          data-testid={ACTION_TEST_IDS[a.id].replace("node.", "menu.")}
          onClick={() => {
            onClose();
            void runNodeAction(a.id, anchor.nodeId);
          }}
        >
          {actionIcon(a.id, locked)}
          <span>{a.label}</span>
        </button>
      ))}
    </div>
  );
}
