/**
 * What the CLI prints: the status tree, the JSON shapes, and generation progress.
 * stdout carries results only (pure JSON with --json); progress and errors go to stderr.
 */
import type { EventName, EventPayloads, JobsSnapshot, JobState, JobView, ModelStatus } from "../../shared/ipc/contract";
import type { Project, StoryNode } from "../../shared/story/model";
import { computeStatuses, type NodeStatus } from "../../shared/story/staleness";

export interface Writable {
  write(chunk: string): unknown;
}

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** Aborted on Ctrl+C: a running `generate` cancels its jobs, saves what finished and exits 130. */
  signal?: AbortSignal;
}

export interface StatusNodeJson {
  id: string;
  parentId: string | null;
  level: StoryNode["level"];
  origin: StoryNode["origin"];
  locked: boolean;
  stale: boolean;
  inputsChanged: boolean;
  freshness: NodeStatus["freshness"];
  reason: string;
  title: string;
  text: string;
  speaker?: string;
}

/** Every node, parents before children, in reading order. */
export function readingOrder(project: Project): StoryNode[] {
  const out: StoryNode[] = [];
  const seen = new Set<string>();
  const walk = (id: string) => {
    const n = project.nodes[id];
    if (!n || seen.has(id)) return;
    seen.add(id);
    out.push(n);
    for (const c of n.childIds) walk(c);
  };
  walk(project.rootId);
  return out;
}

export function statusNodes(project: Project): StatusNodeJson[] {
  const statuses = computeStatuses(project);
  return readingOrder(project).map((n) => nodeJson(n, statuses.get(n.id)));
}

export function nodeJson(n: StoryNode, status: NodeStatus | undefined): StatusNodeJson {
  const freshness = status?.freshness ?? "fresh";
  return {
    id: n.id,
    parentId: n.parentId,
    level: n.level,
    origin: n.origin,
    locked: n.locked,
    stale: freshness === "stale",
    inputsChanged: freshness === "inputs-changed",
    freshness,
    reason: status?.reason ?? "",
    title: n.title,
    text: n.text,
    ...(n.speaker !== undefined ? { speaker: n.speaker } : {}),
  };
}

export function countFreshness(project: Project): { stale: number; inputsChanged: number } {
  let stale = 0;
  let inputsChanged = 0;
  for (const s of computeStatuses(project).values()) {
    if (s.freshness === "stale") stale++;
    else if (s.freshness === "inputs-changed") inputsChanged++;
  }
  return { stale, inputsChanged };
}

/** The human `status` view: one line per node, indented by depth. */
export function renderStatusTree(project: Project, path: string, width = 100): string {
  const nodes = statusNodes(project);
  const { stale, inputsChanged } = countFreshness(project);
  const counts = { beat: 0, scene: 0, line: 0 };
  for (const n of nodes) if (n.level !== "premise") counts[n.level]++;
  const lines: string[] = [];
  lines.push(`${project.title} (${project.settings.form}) — ${path}`);
  lines.push(
    `${plural(counts.beat, "beat")}, ${plural(counts.scene, "scene")}, ${plural(counts.line, "line")}; ` +
      `${stale} stale, ${inputsChanged} with changed inputs`,
  );
  const depth = { premise: 0, beat: 1, scene: 2, line: 3 } as const;
  const idWidth = Math.max(...nodes.map((n) => n.id.length));
  for (const n of nodes) {
    const indent = "  ".repeat(depth[n.level]);
    const marks = [n.origin, n.locked ? "locked" : "", n.stale ? "STALE" : "", n.inputsChanged ? "inputs-changed" : ""].filter(Boolean).join(" ");
    const head = `${indent}${n.level.padEnd(7)} ${n.id.padEnd(idWidth)}  ${marks}`;
    const room = Math.max(20, width - head.length - 3);
    lines.push(`${head}  ${preview(nodeText(n), room)}`);
  }
  return `${lines.join("\n")}\n`;
}

function nodeText(n: StatusNodeJson): string {
  const body = n.speaker ? `${n.speaker}: ${n.text}` : n.text;
  return n.title ? `${n.title} — ${body}` : body;
}

export function preview(s: string, max = 60): string {
  const t = s.trim().replace(/\s+/g, " ");
  if (t === "") return "(empty)";
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Progress

export interface JobTotals {
  done: number;
  failed: number;
  cancelled: number;
  jobs: JobView[];
  cascades: JobsSnapshot["cascades"];
}

/**
 * Follows the services' events for one run: prints a line to stderr whenever a job or the model
 * changes state, and remembers every job's last view (the job manager forgets old finished jobs).
 */
const LOADING_NOTICE_MS = 1_000;

export class ProgressReporter {
  private readonly jobs = new Map<string, JobView>();
  private readonly cascades = new Map<string, JobsSnapshot["cascades"][number]>();
  private lastModelState: ModelStatus["state"] | null = null;
  private loadingTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly io: CliIo,
    /** Called when a job finishes with its result applied. */
    private readonly onJobDone: () => void = () => undefined,
  ) {}

  readonly listener = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    if (event === "jobs:did-change") this.onJobs(payload as JobsSnapshot);
    else if (event === "model:did-change") this.onModel(payload as ModelStatus);
  };

  private onModel(s: ModelStatus): void {
    if (s.state === this.lastModelState) return;
    this.lastModelState = s.state;
    if (this.loadingTimer) clearTimeout(this.loadingTimer);
    this.loadingTimer = null;
    // Only a load that takes a while is announced: a file that is missing or not a model fails at
    // once, and then the error is the one line on stderr.
    if (s.state === "loading") this.loadingTimer = setTimeout(() => this.line(`Loading model ${s.modelId ?? ""}…`), LOADING_NOTICE_MS);
    else if (s.state === "ready") this.line(`Model ready: ${s.modelId ?? ""}`);
  }

  /** Stops the pending "Loading model" notice (call when the run ends). */
  close(): void {
    if (this.loadingTimer) clearTimeout(this.loadingTimer);
    this.loadingTimer = null;
  }

  private onJobs(snap: JobsSnapshot): void {
    for (const job of snap.jobs) {
      const before = this.jobs.get(job.id);
      this.jobs.set(job.id, job);
      if (before?.state === job.state) continue;
      if (job.state === "done") this.onJobDone();
      if (job.state === "queued" && job.cascadeId === null) continue; // interactive jobs start at once; their "running" line says enough
      this.line(jobLine(job));
    }
    for (const c of snap.cascades) {
      const before = this.cascades.get(c.id);
      this.cascades.set(c.id, c);
      if (!before) this.line(`cascade  ${c.stepsTotal === 0 ? "nothing below is stale" : `${plural(c.stepsTotal, "step")} planned`}`);
      else if (before.state !== c.state && c.message) this.line(`cascade  ${c.state}: ${c.message}`);
    }
  }

  totals(): JobTotals {
    const jobs = [...this.jobs.values()];
    const count = (s: JobState) => jobs.filter((j) => j.state === s).length;
    return { done: count("done"), failed: count("failed"), cancelled: count("cancelled"), jobs, cascades: [...this.cascades.values()] };
  }

  line(s: string): void {
    this.io.stderr.write(`${s}\n`);
  }
}

function jobLine(job: JobView): string {
  const state = job.state.padEnd(10);
  const tokens = job.state === "running" || job.state === "queued" ? "" : ` (${plural(job.tokens, "token")})`;
  const why = job.error ? ` — ${job.error}` : "";
  return `${state}${job.label}${tokens}${why}`;
}
