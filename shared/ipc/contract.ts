/**
 * The one process contract between the UI and the services. Every binding (Electron preload, the web
 * shell's WebSocket, in-process for tests and the CLI) carries exactly these methods and events.
 *
 * Must hold: every input is validated with its zod schema in main before a handler sees it (the
 * renderer is untrusted); every payload is JSON-serializable; errors come back as values.
 */
import type { RemovedNode, SnapshotSummary } from "../story/snapshots";
import type { TreeDiff } from "../story/treeDiff";
import type { FilterDecision, FilterDecisionKind, FilterMode } from "../filter/types";
import { filterSettingsChangeSchema } from "../filter/filterSettingsSchema";
import { z } from "zod";
import type { GeneratedItem } from "../prompts/outputSchema";
import { CHILD_COUNT_RANGE, SAMPLING_RANGES, type NumberRange } from "../story/generationSettings";
import { ALT_LIMITS, type Level, type Project } from "../story/model";
import type { SamplingProfile } from "../story/sampling";
import { EXPORT_FORMATS, type ExportFormat, type ImportReport } from "../export/types";
import type { CatalogModel, DownloadView, FitEstimate, HardwareInfo, LevelModels, LocalModelInfo, ModelRecommendation } from "../models/types";
import { ENGINE_RANGES } from "./engineSettings";
import { EVENT_NAMES, METHOD_NAMES } from "./names";

export { EVENT_NAMES, METHOD_NAMES };

const id = z.string().min(1).max(100);
const text = z.string().max(200_000);
const shortText = z.string().max(2_000);

const inRange = (r: NumberRange) => (r.integer ? z.number().int().min(r.min).max(r.max) : z.number().min(r.min).max(r.max));
const samplingChange = z
  .object({
    temperature: inRange(SAMPLING_RANGES.temperature),
    topP: inRange(SAMPLING_RANGES.topP),
    minP: inRange(SAMPLING_RANGES.minP),
    maxTokens: inRange(SAMPLING_RANGES.maxTokens),
  })
  .partial();
const childCount = inRange(CHILD_COUNT_RANGE);

export const operationSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("editNode"), nodeId: id, title: shortText.optional(), text: text.optional(), speaker: z.string().max(200).optional() }),
  z.object({ type: z.literal("setBible"), bible: z.object({ characters: text, setting: text, tone: text }).partial() }),
  z.object({ type: z.literal("setTitle"), title: z.string().max(300) }),
  z.object({ type: z.literal("setAngle"), nodeId: id, angle: shortText }),
  z.object({ type: z.literal("setLocked"), nodeId: id, locked: z.boolean() }),
  z.object({ type: z.literal("insertNode"), parentId: id, index: z.number().int().min(0).max(100_000), title: shortText.optional(), text: text.optional(), speaker: z.string().max(200).optional() }),
  z.object({ type: z.literal("deleteNode"), nodeId: id }),
  z.object({ type: z.literal("moveNode"), nodeId: id, parentId: id, index: z.number().int().min(0).max(100_000) }),
  z.object({ type: z.literal("acknowledgeInputs"), nodeId: id }),
  z.object({ type: z.literal("setFilterSettings"), filter: filterSettingsChangeSchema }),
  z.object({
    type: z.literal("setProjectSettings"),
    childCount: z.object({ beat: childCount, scene: childCount, line: childCount }).partial().optional(),
    sampling: z.object({ premise: samplingChange, beat: samplingChange, scene: samplingChange, line: samplingChange }).partial().optional(),
  }),
  z.object({
    type: z.literal("markAlt"),
    nodeId: id,
    altId: id,
    starred: z.boolean().optional(),
    rejected: z.boolean().optional(),
    tags: z.array(z.string().max(ALT_LIMITS.tagLength)).max(ALT_LIMITS.tags).optional(),
    note: z.string().max(ALT_LIMITS.noteLength).optional(),
  }),
  z.object({ type: z.literal("swapAlt"), nodeId: id, altId: id }),
  z.object({ type: z.literal("swapOutline"), nodeId: id, altId: id }),
  z.object({ type: z.literal("splitNode"), nodeId: id, atChildId: id }),
  z.object({ type: z.literal("mergeNodes"), nodeId: id, withId: id }),
  z.object({ type: z.literal("duplicateNode"), nodeId: id }),
]);

const form = z.enum(["prose", "screenplay"]);
const childLevelSchema = z.enum(["beat", "scene", "line"]);
const filePath = z.string().min(1).max(4_096);
const snapshotId = z.string().regex(/^[a-z0-9_-]{1,64}$/, "a snapshot id");
const levelSchema = z.enum(["premise", "beat", "scene", "line"]);
const gpuLayersSetting = z.union([z.literal("auto"), z.literal("off"), inRange(ENGINE_RANGES.gpuLayers)]);
const contextSizeSetting = z.union([z.literal("auto"), inRange(ENGINE_RANGES.contextSize)]);
const downloadId = z.string().regex(/^[a-z0-9_-]{1,64}$/, "a download id");
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

/** Method name → input schema. */
export const methodInputs = {
  "app:info": z.object({}),
  "model:status": z.object({}),
  "model:set-path": z.object({ path: filePath }),
  /** Electron: the system's open-file dialog for a .gguf file. Other shells answer `supported: false`. */
  "model:pick-file": z.object({}),
  "settings:get": z.object({}),
  "settings:update": z.object({
    threads: z.union([z.literal("auto"), inRange(ENGINE_RANGES.threads)]).optional(),
    gpuLayers: gpuLayersSetting.optional(),
    contextSize: contextSizeSetting.optional(),
    /** Which model writes one level; null goes back to the main model. */
    levelModel: z.object({ level: levelSchema, path: filePath.nullable() }).optional(),
  }),
  /** The GGUF files in the models folder (and any model the settings name elsewhere), with their metadata. */
  "models:list": z.object({}),
  /** The GPU, its free memory, RAM and CPUs. */
  "models:hardware": z.object({}),
  /** The catalog of recommended models and the one picked for this machine. */
  "models:catalog": z.object({}),
  /** Whether a model would fit with these settings (the saved ones when left out), before loading it. */
  "models:estimate": z.object({ path: filePath, gpuLayers: gpuLayersSetting.optional(), contextSize: contextSizeSetting.optional() }),
  /** Starts downloading a catalog model into the models folder. */
  "models:download": z.object({ catalogId: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, "a catalog id") }),
  "models:download-control": z.object({ id: downloadId, action: z.enum(["pause", "resume", "cancel"]) }),
  "models:downloads": z.object({}),
  /** The open project (or one node's subtree) as a file: the renderer saves it (save dialog / download). */
  "export:file": z.object({
    format: z.enum(EXPORT_FORMATS),
    nodeId: id.optional(),
    markGenerated: z.boolean().optional(),
  }),
  /** A Markdown outline or a Fountain screenplay, read into a new project in the projects folder, which opens. */
  "project:import": z.object({
    fileName: z.string().min(1).max(300),
    // The renderer sends at most 4 MB (File.size), which is at most 4 million characters; more would
    // also risk the web shell's 8 MiB message limit once UTF-8 encoded.
    text: z.string().max(4_000_000),
    format: z.enum(["md", "fountain"]).optional(),
  }),
  /** The models chosen for single levels, and how each is doing (the main model is `model:status`). */
  "models:levels": z.object({}),
  /** Loads the main model again with the saved settings (after a failure), without changing them. */
  "model:reload": z.object({}),
  "project:list": z.object({}),
  "project:create": z.object({
    title: z.string().max(300),
    form,
    premise: text,
    bible: z.object({ characters: text, setting: text, tone: text }).partial().optional(),
  }),
  "project:open": z.object({ path: filePath }),
  "project:get": z.object({}),
  "project:close": z.object({}),
  "project:apply": z.object({ op: operationSchema }),
  "project:undo": z.object({}),
  "project:redo": z.object({}),
  "generate:children": z.object({ nodeId: id, count: z.number().int().min(1).max(64).optional() }),
  "generate:level": z.object({ level: childLevelSchema }),
  "cascade:run": z.object({ nodeId: id }),
  "alts:generate": z.object({
    nodeId: id,
    count: z.number().int().min(1).max(64).optional(),
    angle: z.string().max(500).optional(),
    /** "unusual": first one surprising element sampled hot, then the text written cold around it. */
    /** "outline" (premise only): each alt is a whole alternative list of beats. */
    mode: z.enum(["standard", "unusual", "outline"]).optional(),
  }),
  "jobs:list": z.object({}),
  "jobs:cancel": z.object({ jobId: id.optional(), all: z.boolean().optional() }),
  /** Checks any text with the open project's filter settings (defaults without a project). */
  "filter:check": z.object({ text: z.string().max(20_000), today: isoDay.optional() }),
  /** The decision for the prompt a generation of this node would send, before it runs. */
  "filter:preview": z.object({
    nodeId: id,
    purpose: z.enum(["children", "alts"]),
    angle: z.string().max(500).optional(),
    mode: z.enum(["standard", "unusual", "outline"]).optional(),
  }),
  /** The open project's filter audit log, newest first. */
  "filter:audit": z.object({}),
  /** A named copy of the whole story, or of one node's subtree. */
  "snapshot:take": z.object({ name: z.string().max(200).optional(), nodeId: id.optional() }),
  "snapshot:list": z.object({}),
  /** What changed between a snapshot and now. */
  "snapshot:diff": z.object({ snapshotId: snapshotId }),
  /** Restores everything the snapshot holds, or one node's subtree of it, as one undo step. */
  "snapshot:restore": z.object({ snapshotId: snapshotId, nodeId: id.optional() }),
} as const;

export type MethodName = keyof typeof methodInputs;
export type MethodInput<M extends MethodName> = z.infer<(typeof methodInputs)[M]>;

export interface AppInfo {
  version: string;
  shell: "electron" | "web" | "in-process";
  projectsDir: string;
  modelsDir: string;
  /** Things that were recovered at start-up (e.g. unreadable settings reset to defaults), to tell the writer once. */
  warnings: string[];
}

/** Why a model is not usable: the load errors' kinds, plus "crashed" when the engine process died. */
export type ModelErrorKind = "missing" | "not-gguf" | "unreadable" | "load-failed" | "out-of-memory" | "crashed";

/** A way forward the UI offers after a failed load. */
export type ModelRemedy = "fewer-gpu-layers" | "cpu-only" | "smaller-model" | "pick-file" | "retry";

export interface ModelStatus {
  state: "none" | "loading" | "ready" | "error";
  modelPath: string | null;
  modelId: string | null;
  /** What went wrong, in one line ("Model file not found: …"). */
  message: string | null;
  /** What to do next: how to get a model, or how to fix the error. */
  help: string;
  /** Load progress in [0, 1] while loading; null otherwise. */
  progress?: number | null;
  /** Set with state "error". */
  errorKind?: ModelErrorKind | null;
  /** Ways forward for the error, most useful first. */
  remedies?: ModelRemedy[];
  /** How the loaded model runs (state "ready"). */
  loaded?: { gpu: string | false; gpuLayers: number; contextSize: number; threads: number } | null;
}

/** A file made by an export, for the renderer to save. */
export interface ExportedFile {
  format: ExportFormat;
  /** A suggested name: "the-lighthouse.fountain". */
  fileName: string;
  mime: string;
  /** "utf8" text, or "base64" for binary formats (DOCX). */
  encoding: "utf8" | "base64";
  content: string;
}

/** A model chosen for one or more levels (Settings → Model for each level), and its status. */
export interface LevelModelStatus {
  path: string;
  levels: Level[];
  /** "none" until a job of one of its levels first needs it. */
  status: ModelStatus;
}

export interface AppSettingsView {
  modelPath: string | null;
  threads: "auto" | number;
  gpuLayers: "auto" | "off" | number;
  contextSize: "auto" | number;
  /** Models chosen for single levels (the rest use modelPath). */
  levelModels: LevelModels;
  recentProjects: string[];
}

export type SaveState = { state: "saved" | "saving" | "dirty"; at: string | null } | { state: "error"; at: string | null; message: string };

export interface ProjectState {
  path: string;
  revision: number;
  project: Project;
  save: SaveState;
}

/** The save state of one revision of a project. */
export interface ProjectSaveState {
  path: string;
  revision: number;
  save: SaveState;
}

export interface ProjectListing {
  dir: string;
  projects: Array<{ path: string; title: string; updatedAt: string; nodeCount: number }>;
  problems: Array<{ path: string; message: string }>;
}

export type JobState = "queued" | "running" | "done" | "failed" | "cancelled";

export interface JobView {
  id: string;
  /** "children": writes the children of `parentId`; "alt": writes one alternate of node `parentId`. */
  kind: "children" | "alt";
  parentId: string;
  /** The level being written: the children's level, or the node's own level for an alt. */
  level: Level;
  label: string;
  state: JobState;
  cascadeId: string | null;
  /** Alts asked for together share a batch id; cancelling the batch id cancels them all. */
  batchId: string | null;
  /** The seed and sampling the job runs with (shown beside each streaming alt). */
  seed: number | null;
  sampling: SamplingProfile | null;
  /** Tokens generated so far. */
  tokens: number;
  error: string | null;
  startedAt: string | null;
  endedAt: string | null;
}

export interface CascadeView {
  id: string;
  rootId: string;
  state: "running" | "done" | "failed" | "cancelled";
  stepsTotal: number;
  stepsDone: number;
  message: string | null;
}

export interface JobsSnapshot {
  jobs: JobView[];
  cascades: CascadeView[];
}

/** Method name → output type. */
export interface MethodOutputs {
  "app:info": AppInfo;
  "model:status": ModelStatus;
  "model:set-path": ModelStatus;
  "model:pick-file": { supported: boolean; path: string | null };
  "settings:get": AppSettingsView;
  "settings:update": AppSettingsView;
  "models:list": { dir: string; models: LocalModelInfo[] };
  "models:hardware": HardwareInfo;
  "models:catalog": { models: CatalogModel[]; recommended: ModelRecommendation | null };
  "models:estimate": FitEstimate;
  "models:download": DownloadView;
  "models:download-control": DownloadView;
  "models:downloads": { downloads: DownloadView[] };
  "export:file": ExportedFile;
  "project:import": { state: ProjectState; report: ImportReport };
  "models:levels": { models: LevelModelStatus[] };
  "model:reload": ModelStatus;
  "project:list": ProjectListing;
  "project:create": ProjectState;
  "project:open": ProjectState;
  "project:get": ProjectState | null;
  "project:close": null;
  "project:apply": ProjectState;
  "project:undo": ProjectState;
  "project:redo": ProjectState;
  "generate:children": { jobId: string };
  "generate:level": { jobIds: string[] };
  "cascade:run": { cascadeId: string; steps: number };
  "alts:generate": { batchId: string; jobIds: string[] };
  "jobs:list": JobsSnapshot;
  "jobs:cancel": { cancelled: number };
  "filter:check": FilterDecision;
  /** `text` and the match offsets refer to the whole prompt: system part, a blank line, user part. */
  "filter:preview": FilterDecision & { prompt: string };
  "filter:audit": { entries: FilterAuditEntry[]; path: string };
  "snapshot:take": SnapshotSummary;
  "snapshot:list": { snapshots: SnapshotSummary[] };
  "snapshot:diff": TreeDiff & { snapshot: SnapshotSummary; removedNodes: Record<string, RemovedNode> };
  "snapshot:restore": ProjectState;
}

/** Push events from main to the UI. */
export interface EventPayloads {
  "project:did-change": ProjectState;
  /** Only the save state changed (a save finished or failed): not the whole project again. */
  "project:did-save": ProjectSaveState;
  "project:did-close": null;
  "jobs:did-change": JobsSnapshot;
  /** Live text of a running job: the items parsed so far. Not yet part of the project. */
  "job:did-stream": { jobId: string; kind: "children" | "alt"; parentId: string; slots: string[]; items: GeneratedItem[] };
  "model:did-change": ModelStatus;
  /** A level's own model started loading, finished, or failed. */
  "models:level-did-change": LevelModelStatus;
  /** A download's progress or state changed (at most a few times a second while it runs). */
  "models:download-progress": DownloadView;
  /**
   * Electron only (its main process, not the services): a file the renderer saved (an export) was
   * written, or the writer cancelled the save dialog, or the write failed. The web shell's browser
   * download says nothing back.
   */
  "file:did-save": FileSaveResult;
}

/** How a save the renderer started ended: `fileName` is the name saved under (or the one suggested). */
export interface FileSaveResult {
  fileName: string;
  state: "completed" | "cancelled" | "interrupted";
}
export type EventName = keyof EventPayloads;

// Compile-time checks that names.ts lists exactly the contract's methods and events.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodNamesMatch: Same<(typeof METHOD_NAMES)[number], MethodName> = true;
const eventNamesMatch: Same<(typeof EVENT_NAMES)[number], EventName> = true;
void methodNamesMatch;
void eventNamesMatch;

export type ErrorCode =
  | "filter"
  | "invalid-input"
  | "unknown-method"
  | "no-project"
  | "no-model"
  | "model-error"
  | "project-file"
  | "operation"
  | "nothing-to-do"
  | "internal";

/** One line of a project's style-filter audit log (main/filter/auditLog.ts writes them). */
export interface FilterAuditEntry {
  at: string;
  decision: Exclude<FilterDecisionKind, "allow">;
  mode: FilterMode;
  purpose: string;
  nodeId?: string;
  matches: Array<{ name: string; status: string; action: FilterDecisionKind; matched: string; replacement?: string }>;
  count: number;
  repeats?: true;
}

export interface ContractError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** What every binding exposes to the renderer: one call function, one subscribe function. */
export interface CascadeApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutputs[M]>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** The handlers main must implement: a missing method is a compile error. */
export type Handlers = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutputs[M]> };

/** Validates a method call's input. Unknown methods and bad inputs become typed errors. */
export function validateCall(method: unknown, input: unknown): { ok: true; method: MethodName; input: unknown } | { ok: false; error: ContractError } {
  if (typeof method !== "string" || !Object.hasOwn(methodInputs, method)) {
    return { ok: false, error: { code: "unknown-method", message: `Unknown method: ${typeof method === "string" ? method.slice(0, 60) : typeof method}` } };
  }
  const schema = methodInputs[method as MethodName];
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join(".")}` : "";
    return { ok: false, error: { code: "invalid-input", message: `Invalid input for ${method}${where}: ${first?.message ?? "invalid"}` } };
  }
  return { ok: true, method: method as MethodName, input: parsed.data };
}
