/** Back to the start screen: closes the project in main (pending edits are sent first). */
import { useAppStore } from "../../stores/useAppStore";
import { BackIcon } from "../../ui/icons";

export function ProjectsButton() {
  const closeProject = useAppStore((s) => s.closeProject);
  return (
    <button type="button" className="btn btn-quiet" onClick={() => void closeProject()} data-testid="app.projects" title="Close this project and show all projects">
      <BackIcon />
      <span>Projects</span>
    </button>
  );
}
