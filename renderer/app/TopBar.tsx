/** The bar across the top of a project: back to projects, the File menu, title and save state, history, binder, snapshots, models, settings, help. */
import { BinderButton } from "../features/binder/BinderButton";
import { FileMenu } from "../features/file/FileMenu";
import { HistoryButtons } from "../features/history/HistoryButtons";
import { ShortcutsHelp } from "../features/help/ShortcutsHelp";
import { ModelChip } from "../features/model/ModelChip";
import { ModelsButton } from "../features/models/ModelsButton";
import { ProjectsButton } from "../features/project/ProjectsButton";
import { SaveIndicator } from "../features/project/SaveIndicator";
import { SettingsButton } from "../features/settings/SettingsButton";
import { SnapshotsButton } from "../features/snapshots/SnapshotsButton";
import { useAppStore } from "../stores/useAppStore";

export function TopBar({ helpOpen, onHelpOpenChange }: { helpOpen: boolean; onHelpOpenChange: (open: boolean) => void }) {
  const title = useAppStore((s) => s.projectState?.project.title ?? "");
  const form = useAppStore((s) => s.projectState?.project.settings.form ?? "prose");
  return (
    <header className="top-bar">
      <div className="top-left">
        <ProjectsButton />
        <FileMenu />
        <div className="title-block">
          <h1 className="project-name" title={title} data-testid="app.title">
            {title || "Untitled"}
          </h1>
          <span className="form-tag">{form === "screenplay" ? "Screenplay" : "Prose"}</span>
          <SaveIndicator />
        </div>
      </div>
      <div className="top-right">
        <HistoryButtons />
        <BinderButton />
        <SnapshotsButton />
        <ModelsButton />
        <ModelChip />
        <SettingsButton />
        <ShortcutsHelp open={helpOpen} onOpenChange={onHelpOpenChange} />
      </div>
    </header>
  );
}
