/**
 * Making a new project file and opening it (project:create, project:import), one at a time.
 *
 * Must hold: two creations never get the same path (the name is reserved with an exclusive create,
 * and creations run one after another), and a creation that fails, including a switch refused because
 * the open project could not be saved, leaves no new file behind. Only the file it just made is removed.
 */
import { unlink } from "node:fs/promises";
import type { ProjectState } from "../../shared/ipc/contract";
import type { Project } from "../../shared/story/model";
import { reserveProjectPath } from "../storage/projectFiles";

export interface CreateAndOpenDeps {
  /** The projects folder. */
  dir: () => string;
  /** Writes `project` to `path` (a reserved, empty placeholder) and opens it, closing the open one. */
  createAt: (path: string, project: Project) => Promise<ProjectState>;
}

/** Saves a new project under a free name in the projects folder and opens it; calls run in turn. */
export function createAndOpenQueue(deps: CreateAndOpenDeps): (project: Project) => Promise<ProjectState> {
  let tail: Promise<unknown> = Promise.resolve();
  const once = async (project: Project): Promise<ProjectState> => {
    const path = await reserveProjectPath(deps.dir(), project.title);
    try {
      return await deps.createAt(path, project);
    } catch (err) {
      // Ours alone (reserved with "wx"): nothing else can have written there since.
      await unlink(path).catch(() => undefined);
      throw err;
    }
  };
  return (project) => {
    const run = tail.then(() => once(project));
    tail = run.catch(() => undefined);
    return run;
  };
}
