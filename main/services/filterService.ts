/**
 * The style filter's part of the services: built once at start-up, it gates every engine the runners
 * get (no prompt reaches the model unchecked), keeps one audit log per project file, and answers the
 * filter's contract methods (check, preview, audit). Without a working filter nothing is generated.
 */
import { filterSettingsOf } from "../../shared/filter/filterSettings";
import type { StyleFilter } from "../../shared/filter/styleFilter";
import { DEFAULT_FILTER_SETTINGS, SEVERITY } from "../../shared/filter/types";
import type { Handlers } from "../../shared/ipc/contract";
import type { Project } from "../../shared/story/model";
import { AuditLog, auditPathFor } from "../filter/auditLog";
import { styleFilter } from "../filter/creators";
import { checkPromptParts, gateEngine, joinPrompt, type GenerationEngine } from "../filter/promptGate";
import { promptsFor } from "../filter/promptPreview";
import { ServiceError } from "./errors";

export interface FilterServiceDeps {
  /** The open project's file and document, or null when none is open. */
  open: () => { path: string; project: Project } | null;
}

export type FilterHandlers = Pick<Handlers, "filter:check" | "filter:preview" | "filter:audit">;

export interface FilterService {
  /** The engine as the runners see it: every prompt through the filter first. */
  gate(engine: GenerationEngine, purpose: string): GenerationEngine;
  handlers: FilterHandlers;
  /** Waits for pending audit-log writes. */
  flush(): Promise<void>;
}

export function createFilterService({ open }: FilterServiceDeps): FilterService {
  let filter: StyleFilter | null = null;
  let problem = "";
  try {
    filter = styleFilter();
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
    console.warn(`The style filter could not start: ${problem}`);
  }
  const requireFilter = (): StyleFilter => {
    if (!filter) throw new ServiceError("filter", `The style filter could not start, so nothing is sent to the model: ${problem}`);
    return filter;
  };
  const requireOpen = () => {
    const o = open();
    if (!o) throw new ServiceError("no-project", "Open a project first.");
    return o;
  };

  const audits = new Map<string, AuditLog>();
  const auditLog = (): AuditLog | null => {
    const o = open();
    if (!o) return null;
    let log = audits.get(o.path);
    if (!log) audits.set(o.path, (log = new AuditLog(auditPathFor(o.path))));
    return log;
  };

  return {
    gate: (engine, purpose) => gateEngine(engine, { filter: requireFilter(), project: () => requireOpen().project, audit: auditLog }, purpose),
    handlers: {
      "filter:check": async ({ text, today }) => {
        const o = open();
        return requireFilter().check(text, { settings: o ? filterSettingsOf(o.project) : DEFAULT_FILTER_SETTINGS, today: today ?? new Date() });
      },
      "filter:preview": async (req) => {
        const { project } = requireOpen();
        if (!project.nodes[req.nodeId]) throw new ServiceError("operation", `No node with id ${req.nodeId}`);
        const prompts = promptsFor(project, req);
        if (!prompts) throw new ServiceError("nothing-to-do", "Everything below this node is written or locked: there is nothing to generate.");
        // The unusual mode sends two prompts; the writer sees the one with the strictest decision.
        const checked = prompts.map((p) => ({ p, r: checkPromptParts(requireFilter(), project, p, new Date()) }));
        const worst = checked.reduce((a, b) => (SEVERITY[b.r.decision.decision] > SEVERITY[a.r.decision.decision] ? b : a));
        return { ...worst.r.decision, prompt: joinPrompt(worst.p) };
      },
      "filter:audit": async () => {
        const log = auditLog();
        if (!log) throw new ServiceError("no-project", "Open a project to read its style-filter log.");
        return { entries: await log.read(), path: log.path };
      },
    },
    flush: async () => {
      await Promise.all([...audits.values()].map((a) => a.flush()));
    },
  };
}
