/**
 * The services behind the contract: one object per app run that every shell (Electron, web, CLI,
 * tests) binds. Implements every contract method (the Handlers type makes a missing one a compile
 * error) on top of the project session, the model service and the job manager.
 */
import { realpath } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, resolve } from "node:path";
import type { EventName, EventPayloads, Handlers, JobView } from "../../shared/ipc/contract";
import { createProject } from "../../shared/story/create";
import { childLevel, LEVELS } from "../../shared/story/model";
import type { CascadeStep } from "../../shared/story/cascadePlan";
import type { GpuLayersSetting, ThreadsSetting } from "../engine/engineTypes";
import type { EngineHost } from "../engine/host/engineHost";
import { modelsDir, projectsDir as defaultProjectsDir, setAppDataDir } from "../storage/paths";
import { listProjects } from "../storage/projectFiles";
import { PROJECT_EXTENSION } from "../storage/projectStore";
import { addRecentProject, loadSettings } from "../storage/settingsStore";
import { startAlts } from "./altsRunner";
import { createFilterService } from "./filterService";
import { createSnapshotService } from "./snapshotService";
import { startCascade } from "./cascadeRunner";
import { ServiceError } from "./errors";
import { JobManager, type JobRecord } from "./jobManager";
import { failureMessage, runChildrenJob, type JobOutcome } from "./jobRunner";
import { ModelService } from "./modelService";
import { ModelRouter } from "./modelRouter";
import { createModelsService } from "./modelsHandlers";
import { createExportHandlers } from "./exportHandlers";
import { createAndOpenQueue } from "./createAndOpen";
import { packageVersion } from "./appVersion";
import { untilAborted } from "./untilAborted";
import { createInProcessHost } from "../engine/host/inProcessHost";
import { ProjectSession } from "./projectSession";
import { createProjectPusher } from "./projectPush";
import { engineOverridesFrom, modelOverrideFrom } from "./runOverrides";
import { createSettingsHandlers, modelConfigOf, type SettingsState } from "./settingsHandlers";
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
  /** Where models load: a separate engine process (the app) or this process (default: CLI, tests). */
  engineHost?: EngineHost;
  /** The shell's open-file dialog for a model (Electron); without it `model:pick-file` says unsupported. */
  pickModelFile?: () => Promise<string | null>;
}

/** Writer-facing priorities: what the writer asked for directly beats a background cascade. */
const INTERACTIVE = 10;
const BACKGROUND = 0;
/** Alts asked for when the writer does not say how many. */
const DEFAULT_ALT_COUNT = 8;

export async function createServices(opts: ServicesOptions): Promise<Services> {
  if (opts.appDataDir) setAppDataDir(opts.appDataDir);
  const dir = opts.projectsDir ?? defaultProjectsDir();
  const loaded = await loadSettings();
  const startupWarnings = loaded.warning ? [loaded.warning] : [];
  if (loaded.warning) console.warn(loaded.warning);

  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const l of listeners) l(event, payload);
  };

  // --model / CASCADE_MODEL win over the settings for this run, until the writer picks another model;
  // likewise the engine options (and CASCADE_THREADS), each until the writer changes that setting.
  const state: SettingsState = {
    settings: loaded.settings,
    modelOverride: modelOverrideFrom(opts.modelPath),
    engineOverrides: engineOverridesFrom(opts),
    ...(opts.sequences ? { sequences: opts.sequences } : {}),
  };
  const modelConfig = () => modelConfigOf(state);
  const host = opts.engineHost ?? createInProcessHost();
  const model = new ModelService(modelConfig(), (s) => emit("model:did-change", s), host);
  const router = new ModelRouter(model, host, modelConfig(), state.settings.levelModels, (s) => emit("models:level-did-change", s));
  const models = createModelsService({
    host,
    dir: () => modelsDir(),
    config: modelConfig,
    namedPaths: () => [modelConfig().modelPath, ...Object.values(state.settings.levelModels)].filter((p): p is string => !!p),
    emitDownload: (d) => emit("models:download-progress", d),
    ...(opts.pickModelFile ? { pickModelFile: opts.pickModelFile } : {}),
  });

  // Built at start-up (its index takes a fraction of a second); every engine the runners get is gated.
  const filter = createFilterService({ open: () => (session ? { path: session.path, project: session.current } : null) });
  if (opts.preloadModel) model.preload();

  const jobs = new JobManager(
    // When the last job ends, what it wrote reaches the UI before the news: a pending project push
    // goes out first, so "nothing running" never shows an outline without the new nodes. (While
    // jobs keep landing, pushes stay coalesced.)
    (s) => {
      if (!s.jobs.some((j) => j.state === "queued" || j.state === "running") && !s.cascades.some((c) => c.state === "running")) push.flush();
      emit("jobs:did-change", s);
    },
    (e) => emit("job:did-stream", e),
  );
  const settingsHandlers = createSettingsHandlers({
    state,
    model,
    router,
    stopJobs: async () => {
      jobs.cancel({ all: true });
      await jobs.whenIdle();
    },
  });
  let session: ProjectSession | null = null;

  const push = createProjectPusher({
    openPath: () => session?.path ?? null,
    emitProject: (state) => emit("project:did-change", state),
    emitSave: (saved) => emit("project:did-save", saved),
  });

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
      state.settings = (await addRecentProject(next.path)).settings;
    } catch (err) {
      // The recent list is a convenience; the project is open either way.
      console.warn(`Could not update the recent projects list: ${err instanceof Error ? err.message : String(err)}`);
    }
    return next.state();
  };

  /** Saves a new project under a free (reserved) name in the projects folder and opens it; one at a time, no file left on failure. */
  const createAndOpen = createAndOpenQueue({
    dir: () => dir,
    createAt: async (path, project) => openSession(await ProjectSession.create(path, project, (state) => push.project(state), { onSave: (saved) => push.save(saved) })),
  });
  const exportHandlers = createExportHandlers({ project: () => requireSession().current, createAndOpen });

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
    const recents = await Promise.all(state.settings.recentProjects.map((r) => realpath(r).catch(() => resolve(r))));
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
      // A job cancelled while its model loads stops waiting (the load itself goes on for later jobs).
      const engine = await untilAborted(router.engineFor(rec.view.level), rec.controller.signal);
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
      if (rec.controller.signal.aborted) {
        jobs.finish(rec, "cancelled");
        return { kind: "cancelled" };
      }
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
    ...settingsHandlers,
    "project:list": async () => {
      const listing = await listProjects(dir, state.settings.recentProjects);
      return {
        dir,
        projects: listing.projects,
        problems: listing.unreadable.map((u) => ({ path: u.path, message: u.message })),
      };
    },
    "project:create": async (input) =>
      createAndOpen(createProject({ title: input.title, form: input.form, premise: input.premise, ...(input.bible ? { bible: input.bible } : {}) })),
    "project:open": async ({ path }) => {
      if (extname(path) !== PROJECT_EXTENSION) {
        throw new ServiceError("project-file", `Cascade projects end in ${PROJECT_EXTENSION}; “${path}” is not one.`);
      }
      if (!(await mayOpen(path))) {
        throw new ServiceError("project-file", `Cascade opens projects from its projects folder (${dir}) or your recent projects; “${basename(path)}” is neither.`);
      }
      if (session?.path === path) return session.state();
      return openSession(await ProjectSession.open(path, (state) => push.project(state), { onSave: (saved) => push.save(saved) }));
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
      const level = childLevel(requireNode(nodeId).level);
      if (!level) throw new ServiceError("nothing-to-do", "Lines have nothing below them to generate.");
      await router.engineFor(level);
      return { jobId: startChildren(nodeId, count).id };
    },
    "generate:level": async ({ level }) => {
      const s = requireSession();
      const parentLevel = LEVELS[LEVELS.indexOf(level) - 1];
      const parents = Object.values(s.current.nodes).filter((n) => n.level === parentLevel);
      if (parents.length === 0) throw new ServiceError("nothing-to-do", `There are no ${parentLevel}s to write ${level}s for yet.`);
      await router.engineFor(level);
      return { jobIds: inReadingOrder(s, parents.map((p) => p.id)).map((id) => startChildren(id).id) };
    },
    "cascade:run": async ({ nodeId }) => {
      const node = requireNode(nodeId);
      await router.engineFor(childLevel(node.level) ?? node.level);
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
      // Outline alts are lists of beats: the beat model writes them.
      const engine = await router.engineFor(mode === "outline" ? "beat" : node.level);
      const started = startAlts(
        { session: requireSession(), engine: filter.gate(engine, mode === "outline" ? "outline alt" : "alt"), jobs, priority: INTERACTIVE },
        { nodeId, count: count ?? DEFAULT_ALT_COUNT, mode: mode ?? "standard", ...(angle?.trim() ? { angle } : {}) },
      );
      return { batchId: started.batchId, jobIds: started.jobIds };
    },
    ...filter.handlers,
    ...snapshots.handlers,
    ...models.handlers,
    ...exportHandlers,
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
    engineStats: () => router.loaded()[0]?.stats() ?? null,
    flush: async () => {
      await session?.flush();
      await filter.flush();
    },
    async dispose() {
      push.cancel();
      jobs.cancel({ all: true });
      await jobs.whenIdle();
      await session?.close();
      session = null;
      await models.dispose();
      // Stopping the engine process ends a model load still running there, which the router's
      // services would otherwise wait out (tens of seconds for a large model) before quitting.
      await Promise.all([router.dispose(), host.dispose()]);
      listeners.clear();
    },
  };
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
