/**
 * "Move to beat…": the menu (and keyboard) equivalent of dragging a card across columns. Lists every
 * beat as "Beat N: title"; the scene goes last in the chosen beat. One menu for the whole board,
 * rendered only while open, so a long novel's cards do not each carry a list of thirty beats.
 */
import { useCallback, useEffect, useRef, type KeyboardEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../stores/useAppStore";
import { useDismiss } from "../../ui/useDismiss";
import { applyBoardMove, focusBoardItem } from "./boardActions";
import { moveToBeatOp } from "./boardMoves";
import { beatLabel } from "./boardText";

export interface MoveMenuAnchor {
  sceneId: string;
  x: number;
  y: number;
}

const NONE: string[] = [];

export function MoveToBeatMenu({ anchor, onClose }: { anchor: MoveMenuAnchor; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const beatIds = useAppStore(useShallow((s) => (s.projectState ? (s.projectState.project.nodes[s.projectState.project.rootId]?.childIds ?? NONE) : NONE)));
  const labels = useAppStore(
    useShallow((s) => {
      const p = s.projectState?.project;
      return p ? beatIds.map((id, i) => beatLabel(i + 1, p.nodes[id] ?? { title: "", text: "" })) : NONE;
    }),
  );
  const currentBeat = useAppStore((s) => s.projectState?.project.nodes[anchor.sceneId]?.parentId ?? null);

  const dismiss = useCallback(() => {
    onClose();
    focusBoardItem(anchor.sceneId, true);
  }, [onClose, anchor.sceneId]);
  useDismiss(ref, true, dismiss);

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
  }, []);

  const onKeyDown = useCallback((e: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>("button:not(:disabled)") ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const to = e.key === "ArrowDown" ? i + 1 : e.key === "ArrowUp" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? items.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    items[(to + items.length) % items.length]?.focus();
  }, []);

  const choose = (beatId: string) => {
    onClose();
    const p = useAppStore.getState().projectState?.project;
    const op = p ? moveToBeatOp(p, anchor.sceneId, beatId) : null;
    if (op) void applyBoardMove(op);
    else focusBoardItem(anchor.sceneId);
  };

  const left = Math.max(8, Math.min(anchor.x, window.innerWidth - 280));
  const maxHeight = Math.max(160, window.innerHeight - anchor.y - 12);
  return (
    <div
      ref={ref}
      className="menu board-move-menu"
      role="menu"
      aria-label="Move scene to beat"
      style={{ left, top: Math.min(anchor.y, window.innerHeight - maxHeight - 8), maxHeight }}
      onKeyDown={onKeyDown}
      data-testid="board.move-menu"
    >
      {beatIds.map((id, i) => (
        <button
          key={id}
          type="button"
          role="menuitem"
          className="menu-item"
          disabled={id === currentBeat}
          aria-current={id === currentBeat ? "true" : undefined}
          title={id === currentBeat ? "The scene is in this beat" : undefined}
          data-testid="board.move-menu.beat"
          data-node-id={id}
          onClick={() => choose(id)}
        >
          <span className="board-move-label">{labels[i]}</span>
          {id === currentBeat ? <span className="board-move-here">here</span> : null}
        </button>
      ))}
    </div>
  );
}
