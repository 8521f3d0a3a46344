/**
 * An open project: top bar, banners, the Write | Board switch, then either the outline beside the
 * editor or the board (either with the Alts drawer), the jobs strip, and the style-filter dialog.
 */
import { useCallback, useState } from "react";
import { AltsPanel } from "../features/alts/AltsPanel";
import { BoardView } from "../features/board/BoardView";
import { ViewSwitch } from "../features/board/ViewSwitch";
import { EditorPane } from "../features/editor/EditorPane";
import { FilterDialog } from "../features/filter/FilterDialog";
import { JobsPanel } from "../features/jobs/JobsPanel";
import { ModelBanner } from "../features/model/ModelBanner";
import { StoryTree } from "../features/tree/StoryTree";
import { useAppStore } from "../stores/useAppStore";
import { TopBar } from "./TopBar";
import { useShortcuts } from "./useShortcuts";

export function Workspace() {
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useShortcuts(openHelp);
  const altsOpen = useAppStore((s) => s.altsOpen);
  const board = useAppStore((s) => s.view === "board");
  return (
    <div className="workspace">
      <TopBar helpOpen={helpOpen} onHelpOpenChange={setHelpOpen} />
      <ModelBanner />
      <ViewSwitch />
      <div className={`workspace-body ${board ? "is-board" : ""} ${altsOpen ? "has-alts" : ""}`}>
        {board ? (
          <BoardView />
        ) : (
          <>
            <StoryTree />
            <EditorPane />
          </>
        )}
        {altsOpen ? <AltsPanel /> : null}
      </div>
      <JobsPanel />
      <FilterDialog />
    </div>
  );
}
