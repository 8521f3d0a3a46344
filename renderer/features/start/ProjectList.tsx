/** The writer's projects, newest first, and any files that could not be read (with why). */
import { useAppStore } from "../../stores/useAppStore";
import { relativeTime } from "./relativeTime";

export function ProjectList() {
  const listing = useAppStore((s) => s.listing);
  const loading = useAppStore((s) => s.listingLoading);
  const busy = useAppStore((s) => s.projectBusy);
  const openProject = useAppStore((s) => s.openProject);

  if (!listing) {
    return <p className="muted">{loading ? "Looking for projects…" : "Projects could not be listed."}</p>;
  }
  const projects = [...listing.projects].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <div className="project-list">
      {projects.length === 0 ? (
        <p className="muted empty-note">No projects yet. Start one with a premise — a few sentences are enough.</p>
      ) : (
        <ul className="project-items" aria-label="Projects">
          {projects.map((p) => (
            <li key={p.path}>
              <button
                type="button"
                className="project-item"
                data-testid="start.project"
                data-path={p.path}
                disabled={busy}
                onClick={() => void openProject(p.path)}
                title={p.path}
              >
                <span className="project-item-title">{p.title || "Untitled"}</span>
                <span className="project-item-meta">
                  {relativeTime(p.updatedAt)} · {p.nodeCount} {p.nodeCount === 1 ? "node" : "nodes"}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {listing.problems.length > 0 ? (
        <div className="project-problems" role="note">
          <h3 className="section-label">Could not be opened</h3>
          <ul>
            {listing.problems.map((p) => (
              <li key={p.path} data-testid="start.problem" data-path={p.path}>
                <span className="mono">{p.path}</span> — {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="muted small">
        Saved in <span className="mono">{listing.dir}</span>
      </p>
    </div>
  );
}
