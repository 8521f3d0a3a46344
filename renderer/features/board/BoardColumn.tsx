/**
 * One beat as a column: a header that is the beat's drag handle (and its keyboard stop: Alt+←/→
 * move the beat, Enter opens it), then its scenes as a sortable list that also takes scenes dropped
 * from other beats. Reads only its own beat from the store; while a drag is in flight the board
 * passes the scene ids it should show instead.
 */
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { memo, useEffect, type KeyboardEvent, type MouseEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { statusOf } from "../../stores/statuses";
import { useAppStore } from "../../stores/useAppStore";
import { applyBoardMove, focusNeighbour, modifiers, onFocusItem, openInEditor, reclaimBoardFocus } from "./boardActions";
import { beatStepOp } from "./boardMoves";
import { beatLabel, cardBadge, cardHeading, countLabel } from "./boardText";
import { SceneCard, type OpenMenu } from "./SceneCard";

const NO_SCENES: string[] = [];

function useBeatHead(beatId: string) {
  return useAppStore(
    useShallow((s) => {
      const p = s.projectState?.project;
      const n = p?.nodes[beatId];
      if (!p || !n) return null;
      const status = statusOf(p, beatId);
      return { title: n.title, text: n.text, origin: n.origin, locked: n.locked, freshness: status.freshness, reason: status.reason };
    }),
  );
}

export interface BoardColumnProps {
  beatId: string;
  /** 1-based place among the beats. */
  number: number;
  /** The scenes to show while a drag is in flight; otherwise the beat's own. */
  draftSceneIds: string[] | undefined;
  reducedMotion: boolean;
  onMoveMenu: OpenMenu;
  onNodeMenu: OpenMenu;
}

export const BoardColumn = memo(function BoardColumn({ beatId, number, draftSceneIds, reducedMotion, onMoveMenu, onNodeMenu }: BoardColumnProps) {
  const head = useBeatHead(beatId);
  const ownSceneIds = useAppStore(useShallow((s) => s.projectState?.project.nodes[beatId]?.childIds ?? NO_SCENES));
  const sceneIds = draftSceneIds ?? ownSceneIds;
  const selected = useAppStore((s) => s.selectedId === beatId);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging, active } = useSortable({
    id: beatId,
    data: { type: "beat" },
    transition: reducedMotion ? null : undefined,
    attributes: { roleDescription: "movable beat" },
  });
  useEffect(() => reclaimBoardFocus(beatId), [beatId]);
  if (!head) return null;

  const label = beatLabel(number, head);
  const badge = cardBadge(head.freshness, head.origin, head.locked);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (active) return; // The keyboard sensor owns the keys during a drag.
    const mods = modifiers(e);
    if (mods === "alt" && e.key.startsWith("Arrow")) {
      // Beats run left to right here; Alt+↑/↓ (the outline's keys) move them too, and focus follows.
      e.preventDefault();
      const p = useAppStore.getState().projectState?.project;
      const back = e.key === "ArrowLeft" || e.key === "ArrowUp";
      void applyBoardMove(p ? beatStepOp(p, beatId, back ? "prev" : "next") : null);
    } else if (mods === "none" && e.key === "Enter") {
      e.preventDefault();
      openInEditor(beatId);
    } else if (mods === "none" && e.key.startsWith("Arrow") && focusNeighbour(e.currentTarget, e.key)) {
      e.preventDefault();
    } else if ((e.key === "F10" && e.shiftKey) || e.key === "ContextMenu") {
      e.preventDefault();
      const r = e.currentTarget.getBoundingClientRect();
      onNodeMenu(beatId, r.left + 24, r.bottom);
    } else {
      listeners?.onKeyDown?.(e);
    }
  };
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    useAppStore.getState().select(beatId);
    onNodeMenu(beatId, e.clientX, e.clientY);
  };
  const notable = badge.kind === "stale" || badge.kind === "inputs-changed" || badge.kind === "locked";

  return (
    <section
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`board-column ${isDragging ? "is-placeholder" : ""}`}
      aria-label={label}
      data-testid="board.column"
      data-node-id={beatId}
      data-freshness={head.freshness}
      data-locked={head.locked ? "true" : "false"}
    >
      <div
        ref={setActivatorNodeRef}
        {...attributes}
        className={`board-column-head ${selected ? "is-selected" : ""}`}
        data-focus-id={beatId}
        data-testid="board.column.head"
        aria-label={`${label}, ${countLabel(sceneIds.length, "scene")}${notable ? `, ${badge.label}` : ""}`}
        title={head.reason || undefined}
        onPointerDown={(e) => listeners?.onPointerDown?.(e)}
        onKeyDown={onKeyDown}
        onClick={() => useAppStore.getState().select(beatId)}
        onDoubleClick={() => openInEditor(beatId)}
        onContextMenu={onContextMenu}
        onFocus={() => onFocusItem(beatId)}
      >
        <div className="board-column-line">
          <span className="board-beat-number">Beat {number}</span>
          <span className="board-column-count" data-testid="board.column.count">
            {countLabel(sceneIds.length, "scene")}
          </span>
          {notable ? (
            <span className={`badge board-badge board-badge-${badge.kind}`} title={head.reason || badge.title} data-testid="board.column.status">
              {badge.label}
            </span>
          ) : null}
        </div>
        <div className={`board-beat-title ${cardHeading(head) ? "" : "is-empty"}`}>{cardHeading(head) ?? "Untitled beat"}</div>
      </div>
      <SortableContext id={beatId} items={sceneIds} strategy={verticalListSortingStrategy}>
        <div className="board-cards" role="list" aria-label={`Scenes in beat ${number}`}>
          {sceneIds.map((id) => (
            <SceneCard key={id} sceneId={id} reducedMotion={reducedMotion} onMoveMenu={onMoveMenu} onNodeMenu={onNodeMenu} />
          ))}
          {sceneIds.length === 0 ? <p className="board-drop-hint">No scenes yet. Drop one here.</p> : null}
        </div>
      </SortableContext>
    </section>
  );
});

/** What follows the pointer while a beat is dragged: its header and scene count. */
export function BeatColumnPreview({ beatId, number }: { beatId: string; number: number }) {
  const head = useBeatHead(beatId);
  const scenes = useAppStore((s) => s.projectState?.project.nodes[beatId]?.childIds.length ?? 0);
  if (!head) return null;
  return (
    <div className="board-column is-overlay">
      <div className="board-column-head">
        <div className="board-column-line">
          <span className="board-beat-number">Beat {number}</span>
          <span className="board-column-count">{countLabel(scenes, "scene")}</span>
        </div>
        <div className="board-beat-title">{cardHeading(head) ?? "Untitled beat"}</div>
      </div>
    </div>
  );
}
