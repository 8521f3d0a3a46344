/**
 * Test helpers (used only by *.test.ts): build stories through the REAL generation path
 * (planChildrenJob + applyGeneration) with a deterministic fake generator, run cascades the way the
 * runner in main does, and check the tree invariants of model.ts.
 *
 * Node ids stay random (ids.ts); nothing here depends on their values: pick nodes by reading order.
 */
import type { GeneratedItem } from "../prompts/outputSchema";
import { TEMPLATE_VERSIONS } from "../prompts/templateVersions";
import { planCascade, type CascadeStep } from "./cascadePlan";
import { createProject } from "./create";
import { hashString } from "./fingerprint";
import { applyGeneration, planChildrenJob, type ChildrenJob } from "./generation";
import { recordPatch } from "./history";
import type { Operation } from "./operations";
import { childLevel, getNode, subtree, type Bible, type Form, type Level, type Patch, type Project, type Provenance, type StoryNode } from "./model";
import { DEFAULT_SAMPLING } from "./sampling";

export const FIXED_AT = "2024-01-01T00:00:00.000Z";

const FILLER = "the rain kept falling on the harbour while the lamps went out one by one ";

/** A deterministic stand-in for the model: item texts come from the parent's text and a counter. */
export class FakeGenerator {
  /** How many items it has produced; makes every generated text unique. */
  counter = 0;
  /** How many jobs it has answered. */
  calls = 0;

  constructor(private readonly opts: { textLength?: number } = {}) {}

  items(project: Project, job: ChildrenJob): GeneratedItem[] {
    this.calls++;
    const parent = getNode(project, job.parentId);
    const from = hashString(parent.text).slice(0, 8);
    const out: GeneratedItem[] = [];
    for (let i = 0; i < job.count; i++) {
      const n = ++this.counter;
      const item: GeneratedItem = {
        title: job.level === "line" ? "" : `${job.level} ${n}`,
        text: pad(`${job.level} #${n} from ${from}.`, this.opts.textLength),
      };
      if (job.level === "line" && project.settings.form === "screenplay") item.speaker = n % 2 ? "ANNA" : "";
      out.push(item);
    }
    return out;
  }

  provenance(job: ChildrenJob): Provenance {
    return {
      modelId: "fake-model",
      seed: this.calls,
      sampling: { ...DEFAULT_SAMPLING[job.level] },
      templateVersion: TEMPLATE_VERSIONS[job.level],
      at: FIXED_AT,
    };
  }
}

function pad(s: string, length: number | undefined): string {
  if (!length || s.length >= length) return s;
  let out = s + " ";
  while (out.length < length) out += FILLER;
  return out.slice(0, length);
}

export interface GenerateResult {
  project: Project;
  /** The generation's patch (also what was recorded, when `record` was given). */
  patch: Patch;
  job: ChildrenJob;
  written: string[];
}

/**
 * Plans and applies one children job with the fake generator. Records the patch in history when
 * `record` is given. Returns null when there is nothing to generate.
 */
export function generateChildren(
  project: Project,
  parentId: string,
  gen: FakeGenerator,
  opts: { count?: number; only?: "stale"; record?: { key?: string } } = {},
): GenerateResult | null {
  const job = planChildrenJob(project, parentId, { ...(opts.count !== undefined ? { count: opts.count } : {}), ...(opts.only ? { only: opts.only } : {}) });
  if (!job) return null;
  const r = applyGeneration(project, job, gen.items(project, job), gen.provenance(job));
  const next = opts.record
    ? recordPatch(r.project, r.patch, { label: "Generate", source: "generation", at: FIXED_AT, ...(opts.record.key ? { key: opts.record.key } : {}) })
    : r.project;
  return { project: next, patch: r.patch, job, written: r.written };
}

export interface StoryShape {
  beats: number;
  scenesPerBeat: number;
  linesPerScene: number;
  form?: Form;
  premise?: string;
  bible?: Partial<Bible>;
  /** Pad every generated text to this many characters. */
  textLength?: number;
}

/**
 * A project whose outline was generated level by level through the real generation path, so every
 * generated node has a real basis (everything is fresh). History is empty.
 */
export function buildStory(shape: StoryShape, gen = new FakeGenerator({ ...(shape.textLength ? { textLength: shape.textLength } : {}) })): { project: Project; gen: FakeGenerator } {
  let project = createProject(
    {
      title: "Test story",
      form: shape.form ?? "prose",
      premise: shape.premise ?? "A lighthouse keeper finds a letter addressed to her from the future.",
      bible: shape.bible ?? { characters: "Mara, the keeper. Tomas, the postman.", setting: "A northern island.", tone: "Quiet, eerie." },
    },
    FIXED_AT,
  );
  const counts: Record<Exclude<Level, "premise">, number> = { beat: shape.beats, scene: shape.scenesPerBeat, line: shape.linesPerScene };
  let parents = [project.rootId];
  for (const level of ["beat", "scene", "line"] as const) {
    if (counts[level] <= 0) break;
    const next: string[] = [];
    for (const parentId of parents) {
      const planned = planChildrenJob(project, parentId, { count: counts[level] });
      if (!planned) throw new Error(`buildStory: nothing to generate under ${parentId}`);
      // A real job asks for at most 64 children; a big test story may want more in one go.
      const job = { ...planned, createCount: counts[level], count: counts[level] };
      const r = applyGeneration(project, job, gen.items(project, job), gen.provenance(job));
      project = r.project;
      next.push(...r.written);
    }
    parents = next;
  }
  return { project: { ...project, history: { undo: [], redo: [] } }, gen };
}

/** What one executed cascade step did. */
export interface ExecutedStep {
  step: CascadeStep;
  /** The job planned when the step ran (null: nothing was stale any more). */
  job: ChildrenJob | null;
  written: string[];
}

export interface CascadeRun {
  project: Project;
  steps: CascadeStep[];
  executed: ExecutedStep[];
}

export interface CascadeOptions {
  /** History key of the whole cascade; one per run by default. */
  key?: string;
  /**
   * Run like a parallel runner: every step whose dependency is done is planned against the same
   * snapshot, then their outputs are applied one after another.
   */
  parallel?: boolean;
  /** Called around every applyGeneration (before = the project it was applied to). */
  onApply?: (before: Project, after: Project, job: ChildrenJob) => void;
}

let cascadeCounter = 0;

/**
 * "Regenerate below" as the runner in main does it: plan the cascade, then for every step (parents
 * first) plan the stale children job at that moment, generate, apply, and record under one key.
 */
export function runCascade(project: Project, rootId: string, gen = new FakeGenerator(), opts: CascadeOptions = {}): CascadeRun {
  const steps = planCascade(project, rootId);
  const key = opts.key ?? `cascade:${++cascadeCounter}`;
  const executed: ExecutedStep[] = [];
  let p = project;
  const apply = (job: ChildrenJob, items: GeneratedItem[], step: CascadeStep) => {
    const before = p;
    const r = applyGeneration(p, job, items, gen.provenance(job));
    p = recordPatch(r.project, r.patch, { label: "Regenerate below", source: "cascade", key, at: FIXED_AT });
    opts.onApply?.(before, p, job);
    executed.push({ step, job, written: r.written });
  };

  if (!opts.parallel) {
    for (const step of steps) {
      const job = planChildrenJob(p, step.parentId, { only: "stale" });
      if (!job) {
        executed.push({ step, job: null, written: [] });
        continue;
      }
      apply(job, gen.items(p, job), step);
    }
  } else {
    const done = new Set<string>();
    let remaining = [...steps];
    while (remaining.length) {
      const ready = remaining.filter((s) => s.dependsOn === null || done.has(s.dependsOn));
      if (!ready.length) throw new Error("runCascade: a step depends on a step that is not in the plan");
      const snapshot = p;
      const planned = ready.map((step) => {
        const job = planChildrenJob(snapshot, step.parentId, { only: "stale" });
        return { step, job, items: job ? gen.items(snapshot, job) : [] };
      });
      for (const { step, job, items } of planned) {
        if (job) apply(job, items, step);
        else executed.push({ step, job: null, written: [] });
        done.add(step.parentId);
      }
      remaining = remaining.filter((s) => !ready.includes(s));
    }
  }
  return { project: p, steps, executed };
}

/** Every node in reading order (premise first). */
export function nodesInOrder(project: Project): StoryNode[] {
  return subtree(project, project.rootId);
}

export function nodesAt(project: Project, level: Level): StoryNode[] {
  return nodesInOrder(project).filter((n) => n.level === level);
}

/** Ids of the descendants of `id` (not `id` itself). */
export function descendantIds(project: Project, id: string): string[] {
  return subtree(project, id)
    .slice(1)
    .map((n) => n.id);
}

/** Whether the writer's text in a node must survive any regeneration: written, edited or locked. */
export function isProtected(node: StoryNode): boolean {
  return node.origin !== "generated" || node.locked;
}

/** The tree rules of model.ts; returns the broken ones (empty when the project is sound). */
export function treeProblems(project: Project): string[] {
  const problems: string[] = [];
  const root = project.nodes[project.rootId];
  if (!root) return [`root ${project.rootId} is missing`];
  if (root.level !== "premise") problems.push(`root is a ${root.level}`);
  if (root.parentId !== null) problems.push("root has a parent");
  for (const n of Object.values(project.nodes)) {
    if (n.id !== n.id.trim() || !n.id) problems.push(`bad id ${JSON.stringify(n.id)}`);
    if (n.id !== project.rootId) {
      if (n.level === "premise") problems.push(`${n.id} is a second premise`);
      const parent = n.parentId ? project.nodes[n.parentId] : undefined;
      if (!parent) {
        problems.push(`${n.id} has no existing parent (${String(n.parentId)})`);
      } else {
        const times = parent.childIds.filter((c) => c === n.id).length;
        if (times !== 1) problems.push(`${n.id} is listed ${times} times by its parent ${parent.id}`);
        if (childLevel(parent.level) !== n.level) problems.push(`${n.id} is a ${n.level} under a ${parent.level}`);
      }
    }
    for (const c of n.childIds) {
      const child = project.nodes[c];
      if (!child) problems.push(`${n.id} lists missing child ${c}`);
      else if (child.parentId !== n.id) problems.push(`${n.id} lists ${c} whose parent is ${String(child.parentId)}`);
    }
    if (new Set(n.childIds).size !== n.childIds.length) problems.push(`${n.id} lists a child twice`);
  }
  // Every node reachable from the root exactly once.
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (seen.has(id)) {
      problems.push(`${id} reached twice`);
      return;
    }
    seen.add(id);
    for (const c of project.nodes[id]?.childIds ?? []) if (project.nodes[c]) walk(c);
  };
  walk(project.rootId);
  for (const id of Object.keys(project.nodes)) if (!seen.has(id)) problems.push(`${id} is not reachable from the root`);
  return problems;
}

/** Numbers that choose one writer's operation against whatever project is current (see `pickOperation`). */
export interface OperationPick {
  kind: "edit" | "insert" | "delete" | "move" | "lock" | "angle" | "bible" | "title" | "acknowledge" | "settings" | "split" | "merge" | "duplicate";
  a: number;
  b: number;
  c: number;
  field: "text" | "title" | "speaker";
  /** Becomes part of the texts the operation types. */
  words: string;
}

/**
 * Turns numbers into a valid operation on `project` (nodes picked in reading order, so the choice does
 * not depend on random ids). `typed` is the unique text an edit or insert types. Null when no node fits.
 */
export function pickOperation(project: Project, pick: OperationPick, typed: string): Operation | null {
  const all = nodesInOrder(project);
  const at = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  const node = at(all, pick.a)!;
  const nonRoot = all.slice(1);
  switch (pick.kind) {
    case "edit":
      return { type: "editNode", nodeId: node.id, [pick.field]: typed };
    case "insert": {
      const parent = at(
        all.filter((n) => childLevel(n.level)),
        pick.a,
      )!;
      return { type: "insertNode", parentId: parent.id, index: pick.b % (parent.childIds.length + 2), title: `${typed}:title`, text: typed };
    }
    case "delete": {
      const n = at(nonRoot, pick.a);
      return n ? { type: "deleteNode", nodeId: n.id } : null;
    }
    case "move": {
      const n = at(nonRoot, pick.a);
      if (!n) return null;
      const target = at(
        all.filter((t) => childLevel(t.level) === n.level),
        pick.b,
      )!;
      return { type: "moveNode", nodeId: n.id, parentId: target.id, index: pick.c % (target.childIds.length + 2) };
    }
    case "lock":
      return { type: "setLocked", nodeId: node.id, locked: pick.b % 2 === 0 };
    case "angle":
      return { type: "setAngle", nodeId: node.id, angle: ["", "darker", "funnier"][pick.b % 3]! };
    case "bible":
      return { type: "setBible", bible: { [(["characters", "setting", "tone"] as const)[pick.b % 3]!]: ["", "Rain.", "A city."][pick.c % 3]! } };
    case "title":
      return { type: "setTitle", title: ["Untitled", "The Letter", ""][pick.b % 3]! };
    case "acknowledge":
      return { type: "acknowledgeInputs", nodeId: node.id };
    case "split": {
      const n = at(
        nonRoot.filter((x) => x.childIds.length >= 2),
        pick.a,
      );
      return n ? { type: "splitNode", nodeId: n.id, atChildId: n.childIds[1 + (pick.b % (n.childIds.length - 1))]! } : null;
    }
    case "merge": {
      const pairs = nonRoot.flatMap((x) => {
        const siblings = project.nodes[x.parentId!]!.childIds;
        const next = siblings[siblings.indexOf(x.id) + 1];
        const other = next ? project.nodes[next]! : null;
        return other && (x.level !== "line" || (x.speaker ?? "") === (other.speaker ?? "")) ? [[x.id, other.id] as const] : [];
      });
      const pair = at(pairs, pick.a);
      return pair ? { type: "mergeNodes", nodeId: pair[0], withId: pair[1] } : null;
    }
    case "duplicate": {
      const n = at(nonRoot, pick.a);
      return n ? { type: "duplicateNode", nodeId: n.id } : null;
    }
    case "settings": {
      const level = (["premise", "beat", "scene", "line"] as const)[pick.a % 4]!;
      return {
        type: "setProjectSettings",
        childCount: { [(["beat", "scene", "line"] as const)[pick.b % 3]!]: 1 + (pick.c % 4) },
        sampling: { [level]: { temperature: [0.5, 0.9, 1.3][pick.b % 3]!, maxTokens: [64, 220, 300][pick.c % 3]! } },
      };
    }
  }
}
