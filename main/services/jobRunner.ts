/**
 * Runs one generation job: "write the children of this node". Plans the job against the project as
 * it is when the job starts, assembles the bounded prompt, generates under the level's JSON schema
 * while streaming parsed items, and applies the result through the session (recorded for undo).
 *
 * Must hold: a cancelled or cut-off generation changes nothing in the project; a finished one never
 * touches text the writer wrote, edited or locked (applyGeneration re-checks at apply time).
 */
import { randomInt } from "node:crypto";
import { assembleChildrenPrompt } from "../../shared/prompts/assemble";
import { outputSchema, parseGenerated, partialItems, type GeneratedItem } from "../../shared/prompts/outputSchema";
import { TEMPLATE_VERSIONS } from "../../shared/prompts/templateVersions";
import { applyGeneration, jobStillCurrent, planChildrenJob, type ChildrenJob } from "../../shared/story/generation";
import { redoTouched } from "../../shared/story/history";
import type { Provenance } from "../../shared/story/model";
import type { RecordOptions } from "../../shared/story/history";
import type { SamplingProfile } from "../../shared/story/sampling";
import type { GenerationEngine } from "../filter/promptGate";
import { ServiceError } from "./errors";
import { contextTooSmall, roomForOutput, throttledText } from "./generationBudget";
import type { ProjectSession } from "./projectSession";

export interface JobRunInput {
  session: ProjectSession;
  engine: GenerationEngine;
  parentId: string;
  /** "stale": a cascade step, replacing only stale children. */
  only?: "stale";
  /**
   * What to do when the parent (or anything above it) changed while the model was writing.
   * "apply": land it anyway (it shows as stale at once) — the writer asked for it directly.
   * "discard": change nothing and fail — a cascade must not build the next level on old text.
   */
  ifInputsChanged: "apply" | "discard";
  count?: number;
  priority: number;
  signal: AbortSignal;
  history: Omit<RecordOptions, "at">;
  onPlanned: (job: ChildrenJob) => void;
  /** The seed and sampling chosen, just before generating. */
  onConfigured?: (seed: number, sampling: SamplingProfile) => void;
  onStream: (items: GeneratedItem[], tokens: number) => void;
}

export type JobOutcome =
  | { kind: "done"; written: string[] }
  | { kind: "nothing-to-do" }
  | { kind: "cancelled" }
  | { kind: "failed"; message: string };


export async function runChildrenJob(input: JobRunInput): Promise<JobOutcome> {
  const { session, engine } = input;
  const project = session.current;
  if (!project.nodes[input.parentId]) return { kind: "failed", message: "That node no longer exists." };
  const job = planChildrenJob(project, input.parentId, {
    ...(input.only ? { only: input.only } : {}),
    ...(input.count ? { count: input.count } : {}),
  });
  if (!job) return { kind: "nothing-to-do" };
  input.onPlanned(job);

  const prompt = assembleChildrenPrompt(project, input.parentId, job.count, job.kept);
  const profile = project.settings.sampling[job.level];
  const info = engine.info();
  const maxTokens = Math.min(profile.maxTokens * job.count + 32, roomForOutput(info.contextSize, prompt.estimatedTokens));
  if (maxTokens < 64) return contextTooSmall(info.contextSize);
  const seed = randomInt(0, 2 ** 31 - 1);
  input.onConfigured?.(seed, { ...profile, maxTokens });
  const result = await engine.generate({
    prompt: { system: prompt.system, user: prompt.user },
    jsonSchema: outputSchema(job.level, project.settings.form, job.count),
    sampling: { ...profile, maxTokens },
    seed,
    priority: input.priority,
    affinityKey: input.parentId,
    signal: input.signal,
    onText: throttledText((raw, chunks) => input.onStream(partialItems(raw), chunks)),
  });
  if (result.aborted || input.signal.aborted) return { kind: "cancelled" };
  const parsed = parseGenerated(result.text);
  if (!result.complete || !parsed.ok) {
    return {
      kind: "failed",
      message: `The model stopped before finishing (${parsed.items.length} of ${job.count} complete); nothing was changed. Try again, or raise the length limit for ${job.level}s.`,
    };
  }
  input.onStream(parsed.items, result.stats.generatedTokens);
  const parentNow = session.current.nodes[input.parentId];
  if (!parentNow) return { kind: "failed", message: `The ${parentLevelName(job.level)} was deleted while its ${job.level}s were being written; nothing was changed.` };
  if (input.ifInputsChanged === "discard" && !jobStillCurrent(session.current, job)) {
    return {
      kind: "failed",
      message: `The ${parentLevelName(job.level)} above changed while its ${job.level}s were being written, so they were not used (they would be stale at once). Run Regenerate below again.`,
    };
  }
  const provenance: Provenance = {
    modelId: info.modelId,
    seed,
    sampling: { ...profile },
    templateVersion: TEMPLATE_VERSIONS[job.level],
    at: new Date().toISOString(),
  };
  // Apply against the project as it is now: the writer may have typed while the model wrote.
  // Leave alone whatever the writer's redo stack would change back, so landing here keeps their redo.
  const applied = applyGeneration(session.current, job, parsed.items, provenance, redoTouched(session.current));
  session.applyPatch(applied.project, applied.patch, input.history);
  return { kind: "done", written: applied.written };
}

function parentLevelName(level: ChildrenJob["level"]): string {
  return level === "beat" ? "premise" : level === "scene" ? "beat" : "scene";
}

/** Maps a thrown error from the engine to a job failure message. */
export function failureMessage(err: unknown): string {
  if (err instanceof ServiceError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
