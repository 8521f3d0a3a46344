/** An open project: top bar, banners, the outline beside the editor (and the Alts drawer), the jobs strip, and the style-filter dialog. */
import { useCallback, useState } from "react";
import { AltsPanel } from "../features/alts/AltsPanel";
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
  return (
    <div className="workspace">
      <TopBar helpOpen={helpOpen} onHelpOpenChange={setHelpOpen} />
      <ModelBanner />
      <div className={`workspace-body ${altsOpen ? "has-alts" : ""}`}>
        <StoryTree />
        <EditorPane />
        {altsOpen ? <AltsPanel /> : null}
      </div>
      <JobsPanel />
      <FilterDialog />
    </div>
  );
}
