/**
 * What every CLI command shares: the failure type, one contract call, the open project, node ids.
 */
import type { MethodInput, MethodName, MethodOutputs, ProjectState } from "../../shared/ipc/contract";
import type { Project } from "../../shared/story/model";
import { dispatch } from "../services/dispatch";
import type { Services } from "../services/services";

/** A failure to report as one line; exit code 1 unless said otherwise. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface Ctx {
  services: Services;
  /** The project as opened. */
  opened: ProjectState;
}

/** One contract call; a failed Result becomes a CliError carrying the services' message as is. */
export async function call<M extends MethodName>(services: Services, method: M, input: MethodInput<M>): Promise<MethodOutputs[M]> {
  const r = await dispatch(services, method, input);
  if (!r.ok) throw new CliError(r.error.message);
  return r.value as MethodOutputs[M];
}

/**
 * The node an id on the command line means: the exact id, else the one node whose id starts with it.
 * An id that matches nothing is passed on unchanged, so the services report it in their words.
 */
export function resolveNodeId(project: Project, id: string): string {
  if (project.nodes[id]) return id;
  const matches = Object.keys(project.nodes).filter((k) => k.startsWith(id));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new CliError(`“${id}” could mean ${matches.length} nodes (${matches.slice(0, 3).join(", ")}${matches.length > 3 ? ", …" : ""}); give more of the id.`);
  }
  return id;
}
