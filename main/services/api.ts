/**
 * The services behind the contract: one object per app run that every shell (Electron, web, CLI,
 * tests) binds. Implements every contract method (the Handlers type makes a missing one a compile
 * error) on top of the project session, the model service and the job manager.
 */
import { createRequire } from "node:module";
import { realpath } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, resolve } from "node:path";
import type { EventName, EventPayloads, Handlers, JobView, ProjectSaveState, ProjectState } from "../../shared/ipc/contract";
import { createProject } from "../../shared/story/create";
import { childLevel, LEVELS } from "../../shared/story/model";
import type { CascadeStep } from "../../shared/story/cascadePlan";
import type { GpuLayersSetting, ThreadsSetting } from "../engine/engineTypes";
import { modelsDir, projectsDir as defaultProjectsDir, setAppDataDir } from "../storage/paths";
import { listProjects, projectPathFor } from "../storage/projectFiles";
import { PROJECT_EXTENSION } from "../storage/projectStore";
import { addRecentProject, loadSettings, updateSettings, type AppSettings } from "../storage/settingsStore";
import { startAlts } from "./altsRunner";
import { createFilterService } from "./filterService";
import { createSnapshotService } from "./snapshotService";
import { startCascade } from "./cascadeRunner";
import { ServiceError } from "./errors";
import { JobManager, type JobRecord } from "./jobManager";
import { failureMessage, runChildrenJob, type JobOutcome } from "./jobRunner";
import { ModelService, type ModelConfig } from "./modelService";
import { ProjectSession } from "./projectSession";
import { ENGINE_KEYS, engineOverridesFrom, modelOverrideFrom } from "./runOverrides";
import type { EventListener, Services } from "./services";

export interface ServicesOptions {
  shell: "electron" | "web" | "in-process";
  /** Overrides the settings (from --model or CASCADE_MODEL). */
  modelPath?: string | null;
  threads?: ThreadsSetting;
  gpuLayers?: GpuLayersSetting;
  contextSize?: "auto" | number;
  sequences?: number;
  projectsDir?: string;
  appDataDir?: string;
  /** Load the model at start-up in the background (the UI); the CLI loads it on first use. */
  preloadModel?: boolean;
  /** Trusted callers (the CLI, tests) may open a project anywhere; the UI only in the projects folder or recents. */
  openAnyPath?: boolean;
}

/** How often at most the whole project is pushed to the UI while changes keep landing. */
const PUSH_INTERVAL_MS = 40;

/** Writer-facing priorities: what the writer asked for directly beats a background cascade. */
const INTERACTIVE = 10;
const BACKGROUND = 0;
/** Alts asked for when the writer does not say how many. */
const DEFAULT_ALT_COUNT = 8;

export async function createServices(opts: ServicesOptions): Promise<Services> {
  if (opts.appDataDir) setAppDataDir(opts.appDataDir);
  const dir = opts.projectsDir ?? defaultProjectsDir();
  const loaded = await loadSettings();
  let settings: AppSettings = loaded.settings;
  const startupWarnings = loaded.warning ? [loaded.warning] : [];
  if (loaded.warning) console.warn(loaded.warning);

  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const l of listeners) l(event, payload);
  };

  // --model / CASCADE_MODEL win over the settings for this run, until the writer picks another model;
  // likewise the engine options (and CASCADE_THREADS), each until the writer changes that setting.
  let modelOverride = modelOverrideFrom(opts.modelPath);
  const engineOverrides = engineOverridesFrom(opts);
  const modelConfig = (): ModelConfig => ({
    modelPath: modelOverride ?? settings.modelPath,
    threads: engineOverrides.threads ?? settings.threads,
    gpuLayers: engineOverrides.gpuLayers ?? settings.gpuLayers,
    contextSize: engineOverrides.contextSize ?? settings.contextSize,
    ...(opts.sequences ? { sequences: opts.sequences } : {}),
  });
  const model = new ModelService(modelConfig(), (s) => emit("model:did-change", s));

  // Built at start-up (its index takes a fraction of a second); every engine the runners get is gated.
  const filter = createFilterService({ open: () => (session ? { path: session.path, project: session.current } : null) });
  if (opts.preloadModel) model.preload();

  const jobs = new JobManager(
    // When the last job ends, what it wrote reaches the UI before the news: a pending project push
    // goes out first, so "nothing running" never shows an outline without the new nodes. (While
    // jobs keep landing, pushes stay coalesced.)
    (s) => {
      if (!s.jobs.some((j) => j.state === "queued" || j.state === "running") && !s.cascades.some((c) => c.state === "running")) flushPush();
      emit("jobs:did-change", s);
    },
    (e) => emit("job:did-stream", e),
  );
  let session: ProjectSession | null = null;

  // Pushes of the whole project are coalesced: when many changes land at once (a batch of 32 alts,
  // a wide cascade) the UI gets the latest state once per interval instead of one full copy each.
  // Callers of a method still get their state back at once; only the broadcast waits.
  let pendingPush: ProjectState | null = null;
  let pushTimer: ReturnType<typeof setTimeout> | null = null;
  const flushPush = () => {
    if (pushTimer) clearTimeout(pushTimer);
    pushTimer = null;
    const latest = pendingPush;
    pendingPush = null;
    // A push for a project that was closed or switched away from meanwhile is dropped.
    if (latest && session?.path === latest.path) emit("project:did-change", latest);
  };
  const pushProject = (state: ProjectState) => {
    pendingPush = state;
    pushTimer ??= setTimeout(flushPush, PUSH_INTERVAL_MS);
  };
  // A finished save changes only the save state: say that in a few bytes, not with the whole project
  // again. A push still waiting carries it instead, so the UI never sees an older save state after it.
  const pushSave = (s: ProjectSaveState) => {
    if (pendingPush?.path === s.path) pendingPush = { ...pendingPush, save: s.save };
    else if (session?.path === s.path) emit("project:did-save", s);
  };

  const snapshots = createSnapshotService(() => requireSession());
  const requireSession = (): ProjectSession => {
    if (!session) throw new ServiceError("no-project", "No project is open.");
    return session;
  };

  const openSession = async (next: ProjectSession) => {
    if (session) {
      jobs.cancel({ all: true });
      await jobs.whenIdle();
      try {
        await session.close();
      } catch (err) {
        // The open project could not be saved: keep it open (and autosaving) rather than lose it.
        await next.close().catch(() => undefined);
        throw new ServiceError("project-file", `Could not save “${basename(session.path)}” before switching, so it stays open: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    session = next;
    try {
      settings = (await addRecentProject(next.path)).settings;
    } catch (err) {
      // The recent list is a convenience; the project is open either way.
      console.warn(`Could not update the recent projects list: ${err instanceof Error ? err.message : String(err)}`);
    }
    return next.state();
  };

  /**
   * Whether an untrusted caller (the renderer) may open this path: an absolute path to a project in
   * the projects folder, or one the writer opened before (recent). The CLI opens any path it is given.
   */
  const mayOpen = async (path: string): Promise<boolean> => {
    if (opts.openAnyPath) return true;
    if (!isAbsolute(path)) return false;
    const real = await realpath(path).catch(() => resolve(path));
    const dirReal = await realpath(dir).catch(() => resolve(dir));
    if (dirname(real) === dirReal) return true;
    const recents = await Promise.all(settings.recentProjects.map((r) => realpath(r).catch(() => resolve(r))));
    return recents.includes(real);
  };

  /** Runs one job record to its end, with start/finish bookkeeping. */
  const runJob = async (
    rec: JobRecord,
    parentId: string,
    o: { only?: "stale"; count?: number; priority: number; history: { label: string; source: "generation" | "cascade"; key?: string } },
  ): Promise<JobOutcome> => {
    let slots: string[] = [];
    try {
      const s = requireSession();
      const engine = await model.ensureEngine();
      jobs.start(rec);
      const outcome = await runChildrenJob({
        session: s,
        engine: filter.gate(engine, o.history.source === "cascade" ? "cascade" : "children"),
        parentId,
        priority: o.priority,
        ifInputsChanged: o.only === "stale" ? "discard" : "apply",
        signal: rec.controller.signal,
        history: o.history,
        ...(o.only ? { only: o.only } : {}),
        ...(o.count ? { count: o.count } : {}),
        onPlanned: (job) => (slots = job.slots),
        onConfigured: (seed, sampling) => jobs.configure(rec, seed, sampling),
        onStream: (items, tokens) => jobs.stream(rec, slots, items, tokens),
      });
      if (outcome.kind === "failed") jobs.finish(rec, "failed", outcome.message);
      else if (outcome.kind === "cancelled") jobs.finish(rec, "cancelled");
      else jobs.finish(rec, "done");
      return outcome;
    } catch (err) {
      const message = failureMessage(err);
      jobs.finish(rec, "failed", message);
      return { kind: "failed", message };
    }
  };

  /** A node of the open project, or a typed error naming the id. */
  const requireNode = (nodeId: string) => {
    const node = requireSession().current.nodes[nodeId];
    if (!node) throw new ServiceError("operation", `No node with id ${nodeId}`);
    return node;
  };

  const startChildren = (parentId: string, count?: number): JobView => {
    const parent = requireNode(parentId);
    const level = childLevel(parent.level);
    if (!level) throw new ServiceError("nothing-to-do", "Lines have nothing below them to generate.");
    const label = `Generate ${level}s for ${parent.level === "premise" ? "the premise" : `${parent.level} “${preview(parent.title || parent.text)}”`}`;
    const rec = jobs.add(parentId, level, label, null);
    void runJob(rec, parentId, { priority: INTERACTIVE, history: { label, source: "generation" }, ...(count ? { count } : {}) });
    return rec.view;
  };

  const handlers: Handlers = {
    "app:info": async () => ({
      version: packageVersion(),
      shell: opts.shell,
      projectsDir: dir,
      modelsDir: modelsDir(),
      warnings: startupWarnings,
    }),
    "model:status": async () => model.current(),
    "model:set-path": async ({ path }) => {
      if (extname(path).toLowerCase() !== ".gguf") {
        throw new ServiceError("model-error", `Cascade loads GGUF model files (*.gguf); “${basename(path)}” is not one.`);
      }
      settings = (await updateSettings({ modelPath: path })).settings;
      modelOverride = null;
      jobs.cancel({ all: true });
      await jobs.whenIdle();
      return model.reconfigure(modelConfig());
    },
    "settings:get": async () => settingsView(settings),
    "settings:update": async (patch) => {
      const clean = withoutUndefined(patch) as Partial<AppSettings>;
      const stored = settings;
      const before = modelConfig();
      settings = (await updateSettings(clean)).settings;
      // A setting the writer changed now wins over the start-up override of the same name; one sent
      // back unchanged (the dialog sends all three) leaves the override in place.
      for (const key of ENGINE_KEYS) if (settings[key] !== stored[key]) delete engineOverrides[key];
      const after = modelConfig();
      if (after.modelPath && ENGINE_KEYS.some((key) => before[key] !== after[key])) {
        // Same as switching models: running jobs stop, then the engine reloads with the new config.
        jobs.cancel({ all: true });
        await jobs.whenIdle();
        await model.reconfigure(after);
      }
      return settingsView(settings);
    },
    "project:list": async () => {
      const listing = await listProjects(dir, settings.recentProjects);
      return {
        dir,
        projects: listing.projects,
        problems: listing.unreadable.map((u) => ({ path: u.path, message: u.message })),
      };
    },
    "project:create": async (input) => {
      const project = createProject({ title: input.title, form: input.form, premise: input.premise, ...(input.bible ? { bible: input.bible } : {}) });
      const path = await projectPathFor(dir, project.title);
      return openSession(await ProjectSession.create(path, project, pushProject, { onSave: pushSave }));
    },
    "project:open": async ({ path }) => {
      if (extname(path) !== PROJECT_EXTENSION) {
        throw new ServiceError("project-file", `Cascade projects end in ${PROJECT_EXTENSION}; “${path}” is not one.`);
      }
      if (!(await mayOpen(path))) {
        throw new ServiceError("project-file", `Cascade opens projects from its projects folder (${dir}) or your recent projects; “${basename(path)}” is neither.`);
      }
      if (session?.path === path) return session.state();
      return openSession(await ProjectSession.open(path, pushProject, { onSave: pushSave }));
    },
    "project:get": async () => session?.state() ?? null,
    "project:close": async () => {
      if (session) {
        jobs.cancel({ all: true });
        await jobs.whenIdle();
        await session.close();
        session = null;
        emit("project:did-close", null);
      }
      return null;
    },
    "project:apply": async ({ op }) => requireSession().apply(op),
    "project:undo": async () => {
      const s = requireSession();
      // Undoing a cascade that is still running stops it first, so no later step lands on text that
      // was just taken back.
      const top = s.current.history.undo.at(-1);
      // Likewise a batch of alts: undoing it stops the alts still being written.
      if (top?.key?.startsWith("cascade:")) jobs.cancel({ jobId: top.key.slice("cascade:".length) });
      if (top?.key?.startsWith("alts:")) jobs.cancel({ jobId: top.key.slice("alts:".length) });
      return s.undo();
    },
    "project:redo": async () => requireSession().redo(),
    "generate:children": async ({ nodeId, count }) => {
      if (!childLevel(requireNode(nodeId).level)) throw new ServiceError("nothing-to-do", "Lines have nothing below them to generate.");
      await model.ensureEngine();
      return { jobId: startChildren(nodeId, count).id };
    },
    "generate:level": async ({ level }) => {
      const s = requireSession();
      const parentLevel = LEVELS[LEVELS.indexOf(level) - 1];
      const parents = Object.values(s.current.nodes).filter((n) => n.level === parentLevel);
      if (parents.length === 0) throw new ServiceError("nothing-to-do", `There are no ${parentLevel}s to write ${level}s for yet.`);
      await model.ensureEngine();
      return { jobIds: inReadingOrder(s, parents.map((p) => p.id)).map((id) => startChildren(id).id) };
    },
    "cascade:run": async ({ nodeId }) => {
      requireNode(nodeId);
      await model.ensureEngine();
      // What the cascade may rewrite can always be had back, also after the undo history is gone.
      await snapshots.takeBefore(nodeId, "regenerate below");
      const started = startCascade(
        {
          project: () => requireSession().current,
          jobs,
          runStep: (rec, step: CascadeStep, key, label) =>
            runJob(rec, step.parentId, { only: "stale", priority: BACKGROUND, history: { label, source: "cascade", key } }),
        },
        nodeId,
      );
      return { cascadeId: started.cascadeId, steps: started.steps };
    },
    "alts:generate": async ({ nodeId, count, angle, mode }) => {
      const node = requireNode(nodeId);
      if (mode === "outline" && node.level !== "premise") {
        throw new ServiceError("invalid-input", `Outline alts are made for the premise only; ${nodeId} is a ${node.level}.`);
      }
      const engine = await model.ensureEngine();
      const started = startAlts(
        { session: requireSession(), engine: filter.gate(engine, mode === "outline" ? "outline alt" : "alt"), jobs, priority: INTERACTIVE },
        { nodeId, count: count ?? DEFAULT_ALT_COUNT, mode: mode ?? "standard", ...(angle?.trim() ? { angle } : {}) },
      );
      return { batchId: started.batchId, jobIds: started.jobIds };
    },
    ...filter.handlers,
    ...snapshots.handlers,
    "jobs:list": async () => jobs.snapshot(),
    "jobs:cancel": async ({ jobId, all }) => {
      if (!jobId && !all) throw new ServiceError("invalid-input", "Say which job to cancel, or all.");
      return { cancelled: jobs.cancel({ ...(jobId ? { jobId } : {}), ...(all ? { all } : {}) }) };
    },
  };

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenIdle: () => jobs.whenIdle(),
    engineStats: () => model.loaded()?.stats() ?? null,
    flush: async () => {
      await session?.flush();
      await filter.flush();
    },
    async dispose() {
      if (pushTimer) clearTimeout(pushTimer);
      pushTimer = null;
      jobs.cancel({ all: true });
      await jobs.whenIdle();
      await session?.close();
      session = null;
      await model.dispose();
      listeners.clear();
    },
  };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function settingsView(s: AppSettings) {
  return { modelPath: s.modelPath, threads: s.threads, gpuLayers: s.gpuLayers, contextSize: s.contextSize, recentProjects: s.recentProjects };
}

function preview(s: string): string {
  const t = s.trim().replace(/\s+/g, " ");
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

/** Ids sorted by their position in the tree, so jobs start (and stream) top to bottom. */
function inReadingOrder(s: ProjectSession, ids: string[]): string[] {
  const order = new Map<string, number>();
  let i = 0;
  const walk = (id: string) => {
    order.set(id, i++);
    for (const c of s.current.nodes[id]?.childIds ?? []) walk(c);
  };
  walk(s.current.rootId);
  return [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

let cachedVersion: string | null = null;
function packageVersion(): string {
  if (cachedVersion) return cachedVersion;
  try {
    cachedVersion = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
  } catch {
    cachedVersion = "0.0.0";
  }
  return cachedVersion;
}
