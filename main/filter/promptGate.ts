/**
 * Where every prompt meets the style filter on its way to the model. The services hand the runners a
 * gated engine: generate() and score() check the prompt (system and user parts) against the open
 * project's filter settings, send the rewritten text when the decision is rewrite, send it as written
 * for allow and warn, and refuse (FilterRefusal, which fails the job with the filter's message) for
 * ask and block. Non-allow decisions go to the project's audit log.
 */
import type { StyleFilter } from "../../shared/filter/styleFilter";
import { filterSettingsOf } from "../../shared/filter/filterSettings";
import { SEVERITY, type FilterDecision, type FilterMatch } from "../../shared/filter/types";
import type { Project } from "../../shared/story/model";
import type { EngineHandle } from "../engine/host/engineHost";
import type { PromptParts } from "../engine/engineTypes";
import type { AuditLog } from "./auditLog";

/** What the runners use of an engine: the gate wraps exactly this. */
export type GenerationEngine = Pick<EngineHandle, "generate" | "score" | "info">;

export class FilterRefusal extends Error {
  constructor(readonly decision: FilterDecision) {
    super(decision.message ?? "The style filter stopped this prompt.");
    this.name = "FilterRefusal";
  }
}

/** The joint decision for a prompt's parts; `text` of the result is the parts joined as the preview shows them. */
export function checkPromptParts(filter: StyleFilter, project: Project, prompt: PromptParts, today: string | Date): { parts: PromptParts; decision: FilterDecision } {
  const settings = filterSettingsOf(project);
  const system = filter.check(prompt.system, { settings, today });
  const user = filter.check(prompt.user, { settings, today });
  const worst = SEVERITY[user.decision] >= SEVERITY[system.decision] ? user : system;
  const offset = prompt.system.length + PROMPT_JOIN.length;
  const shift = (m: FilterMatch): FilterMatch => ({
    ...m,
    start: m.start + offset,
    end: m.end + offset,
    nameStart: m.nameStart + offset,
    nameEnd: m.nameEnd + offset,
    replaceStart: m.replaceStart + offset,
    replaceEnd: m.replaceEnd + offset,
  });
  const rewriting = worst.decision === "rewrite";
  const parts = rewriting ? { system: system.decision === "rewrite" ? system.text : prompt.system, user: user.decision === "rewrite" ? user.text : prompt.user } : prompt;
  const decision: FilterDecision = {
    decision: worst.decision,
    text: rewriting ? joinPrompt(parts) : joinPrompt(prompt),
    matches: [...system.matches, ...user.matches.map(shift)],
    mode: worst.mode,
    ...(worst.message ? { message: worst.message } : {}),
  };
  return { parts, decision };
}

export const PROMPT_JOIN = "\n\n";
export function joinPrompt(p: PromptParts): string {
  return `${p.system}${PROMPT_JOIN}${p.user}`;
}

export interface GateDeps {
  filter: StyleFilter;
  project: () => Project;
  audit: () => AuditLog | null;
  /** The day statuses are computed for; the clock by default. */
  today?: () => string | Date;
}

/** A batch of 32 alts sends one prompt 64 times (generate and score): decide it once. */
const MEMO_SIZE = 32;

export function gateEngine(engine: GenerationEngine, deps: GateDeps, purpose: string): GenerationEngine {
  const memo = new Map<string, ReturnType<typeof checkPromptParts>>();
  const decideOnce = (prompt: PromptParts) => {
    const project = deps.project();
    const today = deps.today?.() ?? new Date();
    const day = today instanceof Date ? today.toISOString().slice(0, 10) : today;
    const key = JSON.stringify([prompt.system, prompt.user, project.settings.filter ?? null, day]);
    let hit = memo.get(key);
    if (!hit) {
      hit = checkPromptParts(deps.filter, project, prompt, today);
      if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
      memo.set(key, hit);
    }
    return hit;
  };
  const pass = (prompt: PromptParts, nodeId: string | undefined, record: boolean): PromptParts => {
    const { parts, decision } = decideOnce(prompt);
    if (record) deps.audit()?.record(decision, purpose, nodeId);
    if (decision.decision === "ask" || decision.decision === "block") throw new FilterRefusal(decision);
    return parts;
  };
  return {
    info: () => engine.info(),
    generate: async (req) => engine.generate({ ...req, prompt: pass(req.prompt, req.affinityKey, true) }),
    // Scoring re-reads the prompt a generation just sent: same decision, not logged twice.
    score: async (req) => engine.score({ ...req, prompt: pass(req.prompt, req.affinityKey, false) }),
  };
}
