/**
 * One scene on the board: its heading, a summary clipped to three lines, one status badge, the stale
 * reason, and how many lines it holds. The sortable shell re-renders while anything is dragged (dnd-kit's
 * context changes); the body is memoized on primitives read from the card's own node and status, so
 * a long novel's 300 cards do not re-render for a keystroke or a drag elsewhere.
 */
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { memo, useEffect, type KeyboardEvent, type MouseEvent, type PointerEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import type { Origin } from "../../../shared/story/model";
import type { Freshness } from "../../../shared/story/staleness";
import { statusOf } from "../../stores/statuses";
import { useAppStore } from "../../stores/useAppStore";
import { runNodeAction } from "../actions/runNodeAction";
import { LockIcon } from "../../ui/icons";
import { applyBoardMove, focusBoardItem, focusNeighbour, modifiers, onFocusItem, openInEditor, reclaimBoardFocus } from "./boardActions";
import { sceneToAdjacentBeatOp } from "./boardMoves";
import { cardBadge, cardHeading, cardSummary, countLabel } from "./boardText";
// .badge and .lock-mark are the outline's; the board uses them too.
import "../tree/tree.css";
import "./sceneCard.css";

/** Opens a menu for a node at a point on screen (the "Move to beat…" menu, the actions menu). */
export type OpenMenu = (nodeId: string, x: number, y: number) => void;

interface CardFacts {
  exists: boolean;
  title: string;
  text: string;
  origin: Origin;
  locked: boolean;
  freshness: Freshness;
  reason: string;
  lines: number;
}

const MISSING: CardFacts = { exists: false, title: "", text: "", origin: "written", locked: false, freshness: "fresh", reason: "", lines: 0 };

/** The card's own node and status as primitives: equal between revisions unless this card changed. */
function useCardFacts(id: string): CardFacts {
  return useAppStore(
    useShallow((s): CardFacts => {
      const p = s.projectState?.project;
      const n = p?.nodes[id];
      if (!p || !n) return MISSING;
      const status = statusOf(p, id);
      return { exists: true, title: n.title, text: n.text, origin: n.origin, locked: n.locked, freshness: status.freshness, reason: status.reason, lines: n.childIds.length };
    }),
  );
}

const INTERACTIVE = "button, select, input, textarea, a";

export interface SceneCardProps {
  sceneId: string;
  reducedMotion: boolean;
  onMoveMenu: OpenMenu;
  onNodeMenu: OpenMenu;
}

export const SceneCard = memo(function SceneCard({ sceneId, reducedMotion, onMoveMenu, onNodeMenu }: SceneCardProps) {
  const facts = useCardFacts(sceneId);
  const selected = useAppStore((s) => s.selectedId === sceneId);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging, active, index } = useSortable({
    id: sceneId,
    data: { type: "scene" },
    transition: reducedMotion ? null : undefined,
    attributes: { roleDescription: "movable scene" },
  });
  useEffect(() => reclaimBoardFocus(sceneId), [sceneId]);
  if (!facts.exists) return null;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (active) return; // The keyboard sensor owns the keys during a drag.
    const mods = modifiers(e);
    if (mods === "alt" && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      // Here rather than the global shortcut, so focus follows the card to its new place.
      e.preventDefault();
      void runNodeAction(e.key === "ArrowUp" ? "moveUp" : "moveDown", sceneId).then(() => focusBoardItem(sceneId));
    } else if (mods === "alt" && (e.key === "ArrowLeft" || e.key === "ArrowRight")) {
      e.preventDefault(); // Also keeps the global Alt+←/→ (cycle alts) out of it.
      const p = useAppStore.getState().projectState?.project;
      void applyBoardMove(p ? sceneToAdjacentBeatOp(p, sceneId, e.key === "ArrowLeft" ? "prev" : "next") : null);
    } else if (mods === "none" && e.key === "Enter") {
      e.preventDefault();
      openInEditor(sceneId);
    } else if (mods === "none" && e.key.startsWith("Arrow") && focusNeighbour(e.currentTarget, e.key)) {
      e.preventDefault();
    } else if ((e.key === "F10" && e.shiftKey) || e.key === "ContextMenu") {
      e.preventDefault();
      const r = e.currentTarget.getBoundingClientRect();
      onNodeMenu(sceneId, r.left + 24, r.bottom);
    } else {
      listeners?.onKeyDown?.(e);
    }
  };
  const fromControl = (e: { target: EventTarget }) => e.target instanceof Element && Boolean(e.target.closest(INTERACTIVE));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!fromControl(e)) listeners?.onPointerDown?.(e);
  };
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    useAppStore.getState().select(sceneId);
    onNodeMenu(sceneId, e.clientX, e.clientY);
  };
  const openMoveMenu = (e: MouseEvent<HTMLButtonElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    onMoveMenu(sceneId, r.left, r.bottom + 4);
  };
  const heading = cardHeading(facts) ?? "Empty scene";
  const badge = cardBadge(facts.freshness, facts.origin, facts.locked);

  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`scene-card ${selected ? "is-selected" : ""} ${isDragging ? "is-placeholder" : ""}`}
      role="listitem"
      data-testid="board.card"
      data-node-id={sceneId}
      data-freshness={facts.freshness}
      data-origin={facts.origin}
      data-locked={facts.locked ? "true" : "false"}
      onPointerDown={onPointerDown}
      onClick={() => useAppStore.getState().select(sceneId)}
      onDoubleClick={(e) => {
        if (!fromControl(e)) openInEditor(sceneId);
      }}
      onContextMenu={onContextMenu}
    >
      <div
        ref={setActivatorNodeRef}
        {...attributes}
        className="scene-card-main"
        data-focus-id={sceneId}
        aria-label={`Scene ${index + 1}: ${heading}, ${badge.label}${facts.reason ? `: ${facts.reason}` : ""}, ${countLabel(facts.lines, "line")}`}
        onKeyDown={onKeyDown}
        onFocus={() => onFocusItem(sceneId)}
      >
        <CardBody heading={heading} empty={!cardHeading(facts)} summary={cardSummary(facts)} badgeKind={badge.kind} badgeLabel={badge.label} badgeTitle={badge.title} reason={facts.reason} locked={facts.locked} />
      </div>
      <div className="scene-card-foot">
        <span className="scene-card-lines" data-testid="board.card.lines">
          {countLabel(facts.lines, "line")}
        </span>
        <button type="button" className="scene-card-move" aria-haspopup="menu" data-testid="board.card.move" title="Move this scene to another beat (Alt+← Alt+→ move it one beat)" onClick={openMoveMenu}>
          Move to beat…
        </button>
      </div>
    </div>
  );
});

interface CardBodyProps {
  heading: string;
  empty: boolean;
  summary: string;
  badgeKind: string;
  badgeLabel: string;
  badgeTitle: string;
  reason: string;
  locked: boolean;
}

const CardBody = memo(function CardBody({ heading, empty, summary, badgeKind, badgeLabel, badgeTitle, reason, locked }: CardBodyProps) {
  return (
    <>
      <div className="scene-card-head">
        <span className={`scene-card-title ${empty ? "is-empty" : ""}`} data-testid="board.card.title">
          {heading}
        </span>
        {locked && badgeKind !== "locked" ? (
          <span className="lock-mark" title="Locked: regeneration never changes it">
            <LockIcon size={12} />
          </span>
        ) : null}
        <span className={`badge board-badge board-badge-${badgeKind}`} title={badgeTitle} data-testid="board.card.status">
          {badgeLabel}
        </span>
      </div>
      {summary ? (
        <p className="scene-card-summary" data-testid="board.card.summary">
          {summary}
        </p>
      ) : null}
      {reason ? (
        <p className={`scene-card-reason reason-${badgeKind}`} data-testid="board.card.reason">
          {reason}
        </p>
      ) : null}
    </>
  );
});

/** What follows the pointer while a card is dragged (DragOverlay): the card without its controls. */
export function SceneCardPreview({ sceneId }: { sceneId: string }) {
  const facts = useCardFacts(sceneId);
  const badge = cardBadge(facts.freshness, facts.origin, facts.locked);
  return (
    <div className="scene-card is-overlay">
      <div className="scene-card-main">
        <CardBody heading={cardHeading(facts) ?? "Empty scene"} empty={!cardHeading(facts)} summary={cardSummary(facts)} badgeKind={badge.kind} badgeLabel={badge.label} badgeTitle={badge.title} reason={facts.reason} locked={facts.locked} />
      </div>
      <div className="scene-card-foot">
        <span className="scene-card-lines">{countLabel(facts.lines, "line")}</span>
      </div>
    </div>
  );
}
