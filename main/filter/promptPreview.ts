/**
 * The prompt a generation of a node would send, assembled exactly as the runners assemble it, so the
 * writer sees the filter's decision before anything runs (`filter:preview`).
 */
import { assembleAltPrompt, unusualElementPrompt } from "../../shared/prompts/altPrompt";
import { assembleChildrenPrompt } from "../../shared/prompts/assemble";
import { planChildrenJob } from "../../shared/story/generation";
import type { Project } from "../../shared/story/model";
import type { PromptParts } from "../engine/engineTypes";

export interface PreviewRequest {
  nodeId: string;
  purpose: "children" | "alts";
  angle?: string;
  mode?: "standard" | "unusual" | "outline";
}

/** Every prompt the request would send (the unusual mode sends two); null when there is nothing to generate. */
export function promptsFor(project: Project, req: PreviewRequest): PromptParts[] | null {
  const angle = req.angle?.trim() ? { angle: req.angle } : {};
  const parts = (p: { system: string; user: string }): PromptParts => ({ system: p.system, user: p.user });
  if (req.purpose === "children") {
    const job = planChildrenJob(project, req.nodeId);
    return job ? [parts(assembleChildrenPrompt(project, req.nodeId, job.count, job.kept))] : null;
  }
  if (req.mode === "outline") return [parts(assembleChildrenPrompt(project, req.nodeId, project.settings.childCount.beat, []))];
  const alt = parts(assembleAltPrompt(project, req.nodeId, angle));
  return req.mode === "unusual" ? [parts(unusualElementPrompt(project, req.nodeId, angle)), alt] : [alt];
}
