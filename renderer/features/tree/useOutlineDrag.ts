/**
 * Drag and drop of outline rows (dnd-kit): which row is being dragged, where it would land, what a
 * screen reader hears, and the move when it is dropped. Where a drop puts a node is decided in one
 * pure place, outlineDrop (outlineMoves.ts); this hook only wires it to the pointer and the store.
 */
import {
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type DndContextProps,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { useMemo, useState } from "react";
import { useAppStore } from "../../stores/useAppStore";
import type { NodeRow, TreeRow } from "./flattenTree";
import { rowName } from "./nodeText";
import { outlineDrop, type DropPlacement } from "./outlineMoves";

export interface DropHint {
  overId: string;
  placement: DropPlacement;
}

export interface OutlineDrag {
  active: NodeRow | null;
  hint: DropHint | null;
  contextProps: DndContextProps;
}

/** `onDropped` runs after a drop moved a node (to select it, which also reveals it). */
export function useOutlineDrag(rows: TreeRow[], onDropped: (nodeId: string) => void): OutlineDrag {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [hint, setHint] = useState<DropHint | null>(null);
  // A few pixels of movement before a drag starts, so a click still selects and the chevron still toggles.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  const byId = useMemo(() => new Map(rows.flatMap((r) => (r.kind === "node" ? [[r.id, r] as const] : []))), [rows]);

  const contextProps = useMemo((): DndContextProps => {
    const name = (id: UniqueIdentifier) => {
      const row = byId.get(String(id));
      return row ? rowName(row.level, row.number) : "the row";
    };
    const dropOf = (activeId: UniqueIdentifier, overId: UniqueIdentifier | undefined) => {
      const project = useAppStore.getState().projectState?.project;
      return project && overId !== undefined ? outlineDrop(project, String(activeId), String(overId)) : null;
    };
    const where = (placement: DropPlacement, overId: UniqueIdentifier) =>
      placement === "before" ? `before ${name(overId)}` : `to the end of ${name(overId)}`;
    const announcements: Announcements = {
      onDragStart: ({ active }) => `Picked up ${name(active.id)}.`,
      onDragOver: ({ active, over }) => {
        const drop = dropOf(active.id, over?.id);
        return over && drop ? `Drop to move it ${where(drop.placement, over.id)}.` : `${name(active.id)} cannot go here.`;
      },
      onDragEnd: ({ active, over }) => {
        const drop = dropOf(active.id, over?.id);
        return over && drop ? `Moved ${name(active.id)} ${where(drop.placement, over.id)}.` : `${name(active.id)} was not moved.`;
      },
      onDragCancel: ({ active }) => `Moving ${name(active.id)} was cancelled.`,
    };
    const reset = () => {
      setActiveId(null);
      setHint(null);
    };
    return {
      sensors,
      // The row under the pointer. Drop targets are measured while dragging (dnd-kit's default),
      // again whenever rows mount as the list scrolls under the drag, and follow the scroll between.
      collisionDetection: pointerWithin,
      accessibility: { announcements },
      onDragStart: ({ active }: DragStartEvent) => setActiveId(String(active.id)),
      onDragOver: ({ active, over }: DragOverEvent) => {
        const drop = dropOf(active.id, over?.id);
        setHint(over && drop ? { overId: String(over.id), placement: drop.placement } : null);
      },
      onDragEnd: ({ active, over }: DragEndEvent) => {
        reset();
        const drop = dropOf(active.id, over?.id);
        if (!drop) return;
        const nodeId = String(active.id);
        void useAppStore
          .getState()
          .apply({ type: "moveNode", nodeId, parentId: drop.parentId, index: drop.index })
          .then((state) => {
            if (state) onDropped(nodeId);
          });
      },
      onDragCancel: reset,
    };
  }, [byId, sensors, onDropped]);

  return { active: activeId ? (byId.get(activeId) ?? null) : null, hint, contextProps };
}
