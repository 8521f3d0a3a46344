/**
 * The board's drag and drop, on dnd-kit's sortable preset with multiple containers: scenes sort
 * within a beat and move across beats; beats sort as columns. While a scene is dragged into another
 * beat the board shows a draft layout (see `moveAcross`); the drop becomes one `moveNode` op, and the
 * draft stays on screen until main answers so the card never jumps back and forth.
 */
import {
  closestCenter,
  getFirstCollision,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { announceCancel, announceEnd, announceOver, announceStart } from "./boardAnnouncements";
import { dropOp, isBeatId, layoutAfter, layoutOf, moveAcross, sidewaysTarget, type BoardLayout } from "./boardMoves";

export interface BoardDrag {
  /** The node being dragged (a scene or a beat), for the overlay. */
  activeId: string | null;
  /** What the board shows instead of the project while a drag (or its drop) is in flight. */
  draft: BoardLayout | null;
  sensors: ReturnType<typeof useSensors>;
  collisionDetection: CollisionDetection;
  announcements: Announcements;
  onDragStart(e: DragStartEvent): void;
  onDragOver(e: DragOverEvent): void;
  onDragEnd(e: DragEndEvent): void;
  onDragCancel(): void;
}

const project = () => useAppStore.getState().projectState?.project;
const POINTER_OPTIONS = { activationConstraint: { distance: 6 } };

export function useBoardDrag(reducedMotion: boolean): BoardDrag {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [draft, setDraft] = useState<BoardLayout | null>(null);
  // Collision detection and announcements run outside React's render: they read the refs.
  const draftRef = useRef<BoardLayout | null>(null);
  const lastOverId = useRef<UniqueIdentifier | null>(null);
  const movedToNewBeat = useRef(false);
  const dragCount = useRef(0);
  /** The layout the drop was made on (the draft is already the result when the drop is announced). */
  const dropLayout = useRef<BoardLayout | null>(null);
  /** Whether the drag has been over anything but its own place yet (see the onDragOver announcement). */
  const hasMoved = useRef(false);

  const show = useCallback((layout: BoardLayout | null) => {
    draftRef.current = layout;
    setDraft(layout);
  }, []);

  useEffect(() => {
    // Once the board has re-rendered with a scene in its new beat, collisions are trustworthy again.
    const frame = requestAnimationFrame(() => (movedToNewBeat.current = false));
    return () => cancelAnimationFrame(frame);
  }, [draft]);

  // ↑/↓ are the sortable preset's. ←/→ are the board's: the preset would find the dragged card's own
  // column (it starts left of the card) and stay put; beats only ever move sideways.
  const coordinateGetter: KeyboardCoordinateGetter = useCallback((event, args) => {
    const { active, over, collisionRect, droppableRects, droppableContainers } = args.context;
    const layout = draftRef.current;
    if (!layout || !active || !collisionRect) return sortableKeyboardCoordinates(event, args);
    const activeId = String(active.id);
    const isBeat = isBeatId(layout, activeId);
    const sideways = event.code === "ArrowLeft" || event.code === "ArrowRight";
    if (!sideways) {
      if (!isBeat) return sortableKeyboardCoordinates(event, args);
      if (event.code === "ArrowUp" || event.code === "ArrowDown") event.preventDefault();
      return undefined;
    }
    event.preventDefault();
    const topOf = (id: string) => (id === activeId ? collisionRect.top : droppableRects.get(id)?.top);
    const target = sidewaysTarget(layout, activeId, over ? String(over.id) : null, event.code === "ArrowLeft" ? "prev" : "next", topOf);
    const rect = target ? droppableRects.get(target) : undefined;
    if (!target || !rect) return undefined;
    if (!isBeat && isBeatId(layout, target)) {
      // An empty beat: into its list, below the header.
      const list = droppableContainers.get(target)?.node.current?.querySelector(".board-cards")?.getBoundingClientRect();
      if (list) return { x: list.left + 10, y: list.top + 10 };
    }
    return { x: rect.left, y: rect.top };
  }, []);

  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click still selects a card.
    useSensor(PointerSensor, POINTER_OPTIONS),
    // Enter opens a card in the editor, so only Space picks up; Space or Enter drops.
    useSensor(
      KeyboardSensor,
      useMemo(
        () => ({
          coordinateGetter,
          keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
          scrollBehavior: reducedMotion ? ("auto" as const) : ("smooth" as const),
        }),
        [coordinateGetter, reducedMotion],
      ),
    ),
  );

  // Based on dnd-kit's multiple-containers story: beats only collide with beats; a scene finds the
  // column under the pointer (or its own rect, for the keyboard), then the closest scene in it.
  // Columns first, so a long novel's 300 cards are not all hit-tested on every pointer move.
  const collisionDetection: CollisionDetection = useCallback((args) => {
    const layout = draftRef.current;
    if (!layout) return closestCenter(args);
    const isBeat = (id: UniqueIdentifier) => isBeatId(layout, String(id));
    const columns = args.droppableContainers.filter((c) => isBeat(c.id));
    if (isBeat(args.active.id)) return closestCenter({ ...args, droppableContainers: columns });
    const pointerHits = pointerWithin({ ...args, droppableContainers: columns });
    let overId = getFirstCollision(pointerHits.length > 0 ? pointerHits : rectIntersection({ ...args, droppableContainers: columns }), "id");
    if (overId != null) {
      const scenes = new Set(layout.scenesByBeat[String(overId)] ?? []);
      if (scenes.size > 0) {
        const inBeat = args.droppableContainers.filter((c) => scenes.has(String(c.id)));
        overId = closestCenter({ ...args, droppableContainers: inBeat })[0]?.id ?? overId;
      }
      lastOverId.current = overId;
      return [{ id: overId }];
    }
    // Just moved to another beat: the layout shifted under the pointer; stay on the dragged card.
    if (movedToNewBeat.current) lastOverId.current = args.active.id;
    return lastOverId.current ? [{ id: lastOverId.current }] : [];
  }, []);

  const onDragStart = useCallback(
    ({ active }: DragStartEvent) => {
      const p = project();
      if (!p) return;
      dragCount.current++;
      lastOverId.current = null;
      hasMoved.current = false;
      setActiveId(String(active.id));
      show(layoutOf(p));
      useAppStore.getState().select(String(active.id));
    },
    [show],
  );

  const onDragOver = useCallback(
    ({ active, over }: DragOverEvent) => {
      const layout = draftRef.current;
      if (!layout || !over || isBeatId(layout, String(active.id))) return;
      const translated = active.rect.current.translated;
      const below = Boolean(translated && translated.top > over.rect.top + over.rect.height);
      const next = moveAcross(layout, String(active.id), String(over.id), below);
      if (next === layout) return;
      movedToNewBeat.current = true;
      show(next);
    },
    [show],
  );

  const onDragEnd = useCallback(
    ({ active, over }: DragEndEvent) => {
      setActiveId(null);
      const p = project();
      const layout = draftRef.current;
      dropLayout.current = layout;
      const op = p && layout ? dropOp(p, String(active.id), over ? String(over.id) : null, layout) : null;
      if (!op || !layout) return show(null);
      // Keep showing where it was dropped until main's answer (or failure) replaces the draft.
      show(layoutAfter(layout, op));
      const drag = dragCount.current;
      void useAppStore
        .getState()
        .apply(op)
        .finally(() => {
          if (dragCount.current === drag) show(null);
        });
    },
    [show],
  );

  const onDragCancel = useCallback(() => {
    setActiveId(null);
    show(null);
  }, [show]);

  const announcements = useMemo<Announcements>(() => {
    const say = (f: (p: NonNullable<ReturnType<typeof project>>, l: BoardLayout) => string, at = draftRef) => {
      const p = project();
      return p ? f(p, at.current ?? layoutOf(p)) : undefined;
    };
    return {
      onDragStart: ({ active }) => say((p) => announceStart(p, String(active.id))),
      onDragOver: ({ active, over }) => {
        // Right after pick-up it is over its own place: let "Picked up…" be heard instead.
        if (!hasMoved.current && over?.id === active.id) return undefined;
        hasMoved.current = true;
        return say((p, l) => announceOver(p, String(active.id), over ? String(over.id) : null, l));
      },
      onDragEnd: ({ active, over }) => say((p, l) => announceEnd(p, String(active.id), over ? String(over.id) : null, l), dropLayout),
      onDragCancel: ({ active }) => say((p) => announceCancel(p, String(active.id))),
    };
  }, []);

  return { activeId, draft, sensors, collisionDetection, announcements, onDragStart, onDragOver, onDragEnd, onDragCancel };
}
