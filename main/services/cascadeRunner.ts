/**
 * "Regenerate below": runs the cascade plan for a node. Each step regenerates the stale children of
 * one parent, after the step above it; steps in different branches run at the same time (the engine
 * gives them parallel sequences). All of a cascade's changes share one history key, so the whole
 * cascade is one undo step.
 *
 * Must hold: a step is re-planned when it starts (only what is stale then is replaced); when a step
 * fails or is cancelled, the steps below it do not run, and what already landed stays, undoable.
 */
import { planCascade, type CascadeStep } from "../../shared/story/cascadePlan";
import { childLevel as levelBelow, getNode, type Project } from "../../shared/story/model";
import type { JobManager, JobRecord } from "./jobManager";
import type { JobOutcome } from "./jobRunner";

export interface CascadeDeps {
  project: () => Project;
  jobs: JobManager;
  /** Runs one step's job to its end (the runner owns start/finish bookkeeping). */
  runStep: (rec: JobRecord, step: CascadeStep, historyKey: string, label: string) => Promise<JobOutcome>;
}

/** Plans and starts a cascade; resolves once it is planned, with the cascade id and step count. */
export function startCascade(deps: CascadeDeps, rootId: string): { cascadeId: string; steps: number; finished: Promise<void> } {
  const project = deps.project();
  const root = getNode(project, rootId);
  const steps = planCascade(project, rootId);
  const cascade = deps.jobs.addCascade(rootId, steps.length);
  const label = `Regenerate below ${root.level}`;
  const historyKey = `cascade:${cascade.id}`;

  let settled = 0;
  const outcomes = new Map<string, Promise<JobOutcome>>();
  for (const step of steps) {
    const childLevel = levelBelow(getNode(project, step.parentId).level) ?? "line";
    const rec = deps.jobs.add(step.parentId, childLevel, `${label}: ${childLevel}s of ${describe(project, step.parentId)}`, cascade.id, cascade.controller.signal);
    const dep = step.dependsOn ? outcomes.get(step.dependsOn) : undefined;
    outcomes.set(
      step.parentId,
      (async (): Promise<JobOutcome> => {
        const above = dep ? await dep : null;
        if (above && (above.kind === "failed" || above.kind === "cancelled")) {
          const why = above.kind === "failed" ? "the step above it failed" : "the cascade was cancelled";
          deps.jobs.finish(rec, "cancelled", `Skipped: ${why}.`);
          return { kind: "cancelled" };
        }
        if (rec.controller.signal.aborted) {
          deps.jobs.finish(rec, "cancelled");
          return { kind: "cancelled" };
        }
        const outcome = await deps.runStep(rec, step, historyKey, label);
        settled += 1;
        deps.jobs.updateCascade(cascade.id, { stepsDone: settled });
        return outcome;
      })(),
    );
  }

  const finished = Promise.all(outcomes.values())
    .catch((err: unknown): JobOutcome[] => {
      // A step's bookkeeping threw (it should not): end the cascade visibly rather than leave it "running".
      cascade.controller.abort();
      return [{ kind: "failed", message: err instanceof Error ? err.message : String(err) }];
    })
    .then((results) => {
    const done = results.filter((r) => r.kind === "done" || r.kind === "nothing-to-do").length;
    const failed = results.find((r): r is Extract<JobOutcome, { kind: "failed" }> => r.kind === "failed");
    if (cascade.controller.signal.aborted || results.some((r) => r.kind === "cancelled")) {
      deps.jobs.updateCascade(cascade.id, {
        state: "cancelled",
        message: `Cascade cancelled after ${done} of ${steps.length} steps. What was regenerated is kept (one undo step); the rest is still marked stale.`,
      });
    } else if (failed) {
      deps.jobs.updateCascade(cascade.id, { state: "failed", message: `Cascade stopped: ${failed.message}` });
    } else {
      deps.jobs.updateCascade(cascade.id, { state: "done", message: steps.length ? `Regenerated ${done} of ${steps.length} steps.` : "Nothing below is stale." });
    }
  });
  return { cascadeId: cascade.id, steps: steps.length, finished };
}

function describe(project: Project, id: string): string {
  const n = getNode(project, id);
  if (n.level === "premise") return "the premise";
  const siblings = n.parentId ? getNode(project, n.parentId).childIds : [];
  return `${n.level} ${siblings.indexOf(id) + 1}`;
}
