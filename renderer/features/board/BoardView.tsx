/**
 * The Board view: the premise's beats as columns, their scenes as cards. Drag cards within and across
 * beats, drag column headers to reorder beats; every drag has a keyboard equivalent (Space to pick up,
 * Alt+arrows, "Move to beat…"). All moves are `moveNode` operations through the store, so undo works.
 *
 * Marks `board:render-start` when it starts rendering and measures `board:render` once mounted (the
 * e2e run reads it with `performance.getEntriesByName("board:render")`; only the latest mount's is kept).
 */
import { DndContext, DragOverlay, MeasuringStrategy } from "@dnd-kit/core";
import { horizontalListSortingStrategy, SortableContext } from "@dnd-kit/sortable";
import { useCallback, useLayoutEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../stores/useAppStore";
import { NodeMenu, type MenuAnchor } from "../actions/NodeMenu";
import { focusBoardItem } from "./boardActions";
import { BOARD_INSTRUCTIONS } from "./boardAnnouncements";
import { BeatColumnPreview, BoardColumn } from "./BoardColumn";
import { MoveToBeatMenu, type MoveMenuAnchor } from "./MoveToBeatMenu";
import { SceneCardPreview } from "./SceneCard";
import { useBoardDrag } from "./useBoardDrag";
import { useReducedMotion } from "./useReducedMotion";
import "./board.css";

const NO_BEATS: string[] = [];
// Cards move between columns during a drag: measure droppables continuously, as dnd-kit's
// multiple-containers preset does.
const MEASURING = { droppable: { strategy: MeasuringStrategy.Always } };
const START_MARK = "board:render-start";
const MEASURE = "board:render";

export function BoardView() {
  useState(markRenderStart);
  useLayoutEffect(() => {
    performance.measure(MEASURE, START_MARK);
  }, []);

  const reducedMotion = useReducedMotion();
  const drag = useBoardDrag(reducedMotion);
  const ownBeatIds = useAppStore(useShallow((s) => (s.projectState ? (s.projectState.project.nodes[s.projectState.project.rootId]?.childIds ?? NO_BEATS) : NO_BEATS)));
  const beatIds = drag.draft?.beatIds ?? ownBeatIds;

  const [moveMenu, setMoveMenu] = useState<MoveMenuAnchor | null>(null);
  const [nodeMenu, setNodeMenu] = useState<MenuAnchor | null>(null);
  const menuLocked = useAppStore((s) => (nodeMenu ? Boolean(s.projectState?.project.nodes[nodeMenu.nodeId]?.locked) : false));
  const onMoveMenu = useCallback((sceneId: string, x: number, y: number) => setMoveMenu({ sceneId, x, y }), []);
  const onNodeMenu = useCallback((nodeId: string, x: number, y: number) => setNodeMenu({ nodeId, x, y }), []);
  const closeMoveMenu = useCallback(() => setMoveMenu(null), []);
  const closeNodeMenu = useCallback(() => {
    if (nodeMenu) focusBoardItem(nodeMenu.nodeId, true);
    setNodeMenu(null);
  }, [nodeMenu]);

  if (beatIds.length === 0) {
    return (
      <section className="board board-empty" aria-label="Story board" data-testid="board">
        <p className="muted">No beats yet. Add or generate beats under the premise in the Write view; they show here as columns.</p>
      </section>
    );
  }

  const activeBeatNumber = drag.activeId ? beatIds.indexOf(drag.activeId) + 1 : 0;
  return (
    <section className="board" aria-label="Story board" data-testid="board">
      <DndContext
        sensors={drag.sensors}
        collisionDetection={drag.collisionDetection}
        measuring={MEASURING}
        accessibility={{ announcements: drag.announcements, screenReaderInstructions: { draggable: BOARD_INSTRUCTIONS } }}
        onDragStart={drag.onDragStart}
        onDragOver={drag.onDragOver}
        onDragEnd={drag.onDragEnd}
        onDragCancel={drag.onDragCancel}
      >
        <SortableContext items={beatIds} strategy={horizontalListSortingStrategy}>
          <div className="board-columns">
            {beatIds.map((id, i) => (
              <BoardColumn
                key={id}
                beatId={id}
                number={i + 1}
                draftSceneIds={drag.draft?.scenesByBeat[id]}
                reducedMotion={reducedMotion}
                onMoveMenu={onMoveMenu}
                onNodeMenu={onNodeMenu}
              />
            ))}
          </div>
        </SortableContext>
        <DragOverlay dropAnimation={reducedMotion ? null : undefined}>
          {drag.activeId && activeBeatNumber > 0 ? <BeatColumnPreview beatId={drag.activeId} number={activeBeatNumber} /> : null}
          {drag.activeId && activeBeatNumber === 0 ? <SceneCardPreview sceneId={drag.activeId} /> : null}
        </DragOverlay>
      </DndContext>
      {moveMenu ? <MoveToBeatMenu anchor={moveMenu} onClose={closeMoveMenu} /> : null}
      {nodeMenu ? <NodeMenu anchor={nodeMenu} locked={menuLocked} onClose={closeNodeMenu} /> : null}
    </section>
  );
}

/** Runs once, as the board's first render starts (a lazy state initializer). */
function markRenderStart(): null {
  performance.clearMarks(START_MARK);
  performance.clearMeasures(MEASURE);
  performance.mark(START_MARK);
  return null;
}
