/**
 * Runs a batch of alts: N alternates of one node, each its own job (one seed each), all submitted to
 * the engine at once with the node as affinity key, so its parallel sequences write them side by side
 * in one batched context and share the prompt's prefix. Each finished alt is scored by the model
 * (per-token log-probability) and appended to the node's alts; the whole batch is one undo step.
 *
 * Must hold: a cancelled alt changes nothing; a failed one reports its error and leaves the others
 * running; nothing an alt does touches the node's own text (alts never go stale anything).
 *
 * Mode "outline" (premise only): each alt is a whole alternative list of beats, asked for with the very
 * prompt and JSON schema that generating the premise's beats uses, so swapping one in (swapOutline) gives
 * beats just like a generation would. Its `text` is a digest of the beats; its `score` is the model's
 * per-token log-probability of the generated JSON (the beats as the model wrote them), not of the digest.
 */
import { randomInt } from "node:crypto";
import {
  altOutputSchema,
  assembleAltPrompt,
  parseUnusualElement,
  UNUSUAL_ELEMENT_SCHEMA,
  unusualElementPrompt,
} from "../../shared/prompts/altPrompt";
import { assembleChildrenPrompt, type AssembledPrompt } from "../../shared/prompts/assemble";
import { outputSchema, parseGenerated, parseItem, partialItem, partialItems, type GeneratedItem } from "../../shared/prompts/outputSchema";
import { ALT_TEMPLATE_VERSION, TEMPLATE_VERSIONS } from "../../shared/prompts/templateVersions";
import { addAlt, outlineDigest } from "../../shared/story/altOperations";
import { newId } from "../../shared/story/ids";
import type { Alt, Level, Provenance } from "../../shared/story/model";
import type { SamplingProfile } from "../../shared/story/sampling";
import type { GenerationEngine } from "../filter/promptGate";
import { ServiceError } from "./errors";
import { contextTooSmall, roomForOutput, throttledText } from "./generationBudget";
import type { JobManager, JobRecord } from "./jobManager";
import { failureMessage } from "./jobRunner";
import type { ProjectSession } from "./projectSession";

export interface AltsDeps {
  session: ProjectSession;
  engine: GenerationEngine;
  jobs: JobManager;
  priority: number;
}

export interface AltsRequest {
  nodeId: string;
  count: number;
  angle?: string;
  /** "outline": premise only; each alt is a whole list of beats. */
  mode: "standard" | "unusual" | "outline";
}

export type AltOutcome = { kind: "done"; altId: string } | { kind: "cancelled" } | { kind: "failed"; message: string };

/** Tokens for step 1 of "one unusual thing": `{"element":"…"}` of at most 80 characters. */
const ELEMENT_MAX_TOKENS = 120;

/** The sampling of the two steps of "one unusual thing": the element hot, the text cold. */
export function unusualSampling(profile: SamplingProfile): { element: SamplingProfile; text: SamplingProfile } {
  return {
    element: { ...profile, temperature: Math.max(1.2, profile.temperature + 0.3), maxTokens: ELEMENT_MAX_TOKENS },
    text: { ...profile, temperature: Math.min(0.6, profile.temperature) },
  };
}

/** Registers the batch's jobs and starts them all at once; `finished` settles when every alt has. */
export function startAlts(deps: AltsDeps, req: AltsRequest): { batchId: string; jobIds: string[]; finished: Promise<AltOutcome[]> } {
  const { session, jobs } = deps;
  const node = session.current.nodes[req.nodeId];
  if (!node) throw new ServiceError("operation", `No node with id ${req.nodeId}`);
  if (req.mode === "outline" && node.level !== "premise") {
    throw new ServiceError("invalid-input", `Outline alts are made for the premise only; ${req.nodeId} is a ${node.level}.`);
  }
  const batchId = newId("batch");
  const noun = req.mode === "outline" ? (req.count === 1 ? "outline" : "outlines") : req.count === 1 ? "alt" : "alts";
  const label = `Generate ${req.count} ${noun}`;
  const where = node.level === "premise" ? "the premise" : `${node.level} “${preview(node.title || node.text)}”`;
  const kind = req.mode === "unusual" ? "Unusual alt" : req.mode === "outline" ? "Outline" : "Alt";
  const recs = Array.from({ length: req.count }, (_, i) =>
    jobs.add(req.nodeId, node.level, `${kind} ${i + 1} of ${req.count} for ${where}`, null, undefined, { kind: "alt", batchId }),
  );
  const seeds = distinctSeeds(req.count);
  const history = { label, source: "generation" as const, key: `alts:${batchId}` };
  const finished = Promise.all(recs.map((rec, i) => runOne(deps, rec, req, node.level, seeds[i]!, history)));
  return { batchId, jobIds: recs.map((r) => r.view.id), finished };
}

async function runOne(
  deps: AltsDeps,
  rec: JobRecord,
  req: AltsRequest,
  level: Level,
  seed: number,
  history: { label: string; source: "generation"; key: string },
): Promise<AltOutcome> {
  const { jobs } = deps;
  try {
    const outcome = await writeAlt(deps, rec, req, level, seed, history);
    if (outcome.kind === "done") jobs.finish(rec, "done");
    else if (outcome.kind === "cancelled") jobs.finish(rec, "cancelled");
    else jobs.finish(rec, "failed", outcome.message);
    return outcome;
  } catch (err) {
    if (rec.controller.signal.aborted) {
      jobs.finish(rec, "cancelled");
      return { kind: "cancelled" };
    }
    const message = failureMessage(err);
    jobs.finish(rec, "failed", message);
    return { kind: "failed", message };
  }
}

async function writeAlt(
  deps: AltsDeps,
  rec: JobRecord,
  req: AltsRequest,
  level: Level,
  seed: number,
  history: { label: string; source: "generation"; key: string },
): Promise<AltOutcome> {
  const { session, engine, jobs } = deps;
  const signal = rec.controller.signal;
  if (signal.aborted) return { kind: "cancelled" };
  jobs.start(rec);
  const project = session.current;
  if (!project.nodes[req.nodeId]) return { kind: "failed", message: "That node no longer exists." };
  const profile = project.settings.sampling[level];
  const form = project.settings.form;
  const info = engine.info();
  const angle = req.angle?.trim() ? { angle: req.angle } : {};
  const common = { priority: deps.priority, affinityKey: req.nodeId, signal };
  const roomFor = (p: AssembledPrompt) => roomForOutput(info.contextSize, p.estimatedTokens);
  if (req.mode === "outline") return writeOutlineAlt(deps, rec, req, seed, history);

  let sampling: SamplingProfile = { ...profile };
  let element: string | undefined;
  if (req.mode === "unusual") {
    const steps = unusualSampling(profile);
    sampling = steps.text;
    jobs.configure(rec, seed, sampling);
    const p1 = unusualElementPrompt(project, req.nodeId, angle);
    const r1 = await engine.generate({
      prompt: { system: p1.system, user: p1.user },
      jsonSchema: UNUSUAL_ELEMENT_SCHEMA,
      sampling: { ...steps.element, maxTokens: Math.max(16, Math.min(steps.element.maxTokens, roomFor(p1))) },
      seed,
      ...common,
    });
    if (r1.aborted || signal.aborted) return { kind: "cancelled" };
    element = parseUnusualElement(r1.text) ?? undefined;
    if (!element) return { kind: "failed", message: "The model did not come up with an unusual element; try again." };
  }

  const prompt = assembleAltPrompt(project, req.nodeId, { ...angle, ...(element ? { unusualElement: element } : {}) });
  const maxTokens = Math.min(sampling.maxTokens + 32, roomFor(prompt));
  if (maxTokens < 32) return contextTooSmall(info.contextSize);
  sampling = { ...sampling, maxTokens };
  jobs.configure(rec, seed, sampling);
  const push = (item: GeneratedItem | null, n: number) => jobs.stream(rec, [], item ? [item] : [], n);
  const result = await engine.generate({
    prompt: { system: prompt.system, user: prompt.user },
    jsonSchema: altOutputSchema(level, form),
    sampling,
    seed,
    ...common,
    onText: throttledText((raw, chunks) => push(partialItem(raw), chunks)),
  });
  if (result.aborted || signal.aborted) return { kind: "cancelled" };
  const item = result.complete ? parseItem(result.text) : null;
  if (!item) {
    return { kind: "failed", message: `The model stopped before finishing this alt; nothing was added. Try again, or raise the length limit for ${level}s.` };
  }
  push(item, result.stats.generatedTokens);

  let score: number | undefined;
  try {
    const s = await engine.score({ prompt: { system: prompt.system, user: prompt.user }, text: item.text, ...common });
    if (Number.isFinite(s.logProbPerToken)) score = s.logProbPerToken;
  } catch (err) {
    if (signal.aborted) return { kind: "cancelled" };
    // A score is a sorting aid: an alt that could not be scored is still kept, unscored.
    console.warn(`Could not score an alt: ${failureMessage(err)}`);
  }
  if (signal.aborted) return { kind: "cancelled" };

  const at = new Date().toISOString();
  const provenance: Provenance = { modelId: info.modelId, seed, sampling, templateVersion: ALT_TEMPLATE_VERSION, at };
  const alt: Alt = { id: newId("alt"), title: item.title, text: item.text, origin: "generated", reason: "generated", createdAt: at, provenance };
  if (item.speaker !== undefined) alt.speaker = item.speaker;
  if (score !== undefined) alt.score = score;
  const added = addAlt(session.current, req.nodeId, alt);
  if (!added) return { kind: "failed", message: "The node was deleted while its alts were being written; nothing was added." };
  session.applyPatch(added.project, added.patch, history);
  return { kind: "done", altId: alt.id };
}

/** One outline alt: the premise's beats prompt and schema, the beats kept whole on the alt. */
async function writeOutlineAlt(
  deps: AltsDeps,
  rec: JobRecord,
  req: AltsRequest,
  seed: number,
  history: { label: string; source: "generation"; key: string },
): Promise<AltOutcome> {
  const { session, engine, jobs } = deps;
  const signal = rec.controller.signal;
  const project = session.current;
  const count = project.settings.childCount.beat;
  const profile = project.settings.sampling.beat;
  const form = project.settings.form;
  const info = engine.info();
  const common = { priority: deps.priority, affinityKey: req.nodeId, signal };
  const prompt = assembleChildrenPrompt(project, req.nodeId, count, []);
  const maxTokens = Math.min(profile.maxTokens * count + 32, roomForOutput(info.contextSize, prompt.estimatedTokens));
  if (maxTokens < 64) return contextTooSmall(info.contextSize);
  const sampling: SamplingProfile = { ...profile, maxTokens };
  jobs.configure(rec, seed, sampling);
  const result = await engine.generate({
    prompt: { system: prompt.system, user: prompt.user },
    jsonSchema: outputSchema("beat", form, count),
    sampling,
    seed,
    ...common,
    onText: throttledText((raw, chunks) => jobs.stream(rec, [], partialItems(raw), chunks)),
  });
  if (result.aborted || signal.aborted) return { kind: "cancelled" };
  const parsed = parseGenerated(result.text);
  if (!result.complete || !parsed.ok || parsed.items.length === 0) {
    return {
      kind: "failed",
      message: `The model stopped before finishing this outline (${parsed.items.length} of ${count} beats complete); nothing was added. Try again, or raise the length limit for beats.`,
    };
  }
  jobs.stream(rec, [], parsed.items, result.stats.generatedTokens);

  let score: number | undefined;
  try {
    const s = await engine.score({ prompt: { system: prompt.system, user: prompt.user }, text: result.text, ...common });
    if (Number.isFinite(s.logProbPerToken)) score = s.logProbPerToken;
  } catch (err) {
    if (signal.aborted) return { kind: "cancelled" };
    console.warn(`Could not score an outline alt: ${failureMessage(err)}`);
  }
  if (signal.aborted) return { kind: "cancelled" };

  const at = new Date().toISOString();
  const provenance: Provenance = { modelId: info.modelId, seed, sampling, templateVersion: TEMPLATE_VERSIONS.beat, at };
  const outline = parsed.items.map((item) => ({ title: item.title, text: item.text, origin: "generated" as const }));
  const alt: Alt = { id: newId("alt"), title: "", text: outlineDigest(outline), origin: "generated", reason: "generated", createdAt: at, provenance, outline };
  if (score !== undefined) alt.score = score;
  const added = addAlt(session.current, req.nodeId, alt);
  if (!added) return { kind: "failed", message: "The premise was replaced while its outlines were being written; nothing was added." };
  session.applyPatch(added.project, added.patch, history);
  return { kind: "done", altId: alt.id };
}

/** `n` distinct random seeds. */
function distinctSeeds(n: number): number[] {
  const seeds = new Set<number>();
  while (seeds.size < n) seeds.add(randomInt(0, 2 ** 31 - 1));
  return [...seeds];
}

function preview(s: string): string {
  const t = s.trim().replace(/\s+/g, " ");
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}
