/**
 * The CLI's commands. Every command that works on a project drives the same Services the app uses,
 * through `dispatch` (so every input is validated by the contract): open the file, act, wait until
 * no job runs, flush, dispose. Only `new` writes a file directly (the services create projects in
 * the projects folder; the CLI creates one where the writer says).
 */
import * as fsp from "node:fs/promises";
import { basename, extname } from "node:path";
import type { ProjectState } from "../../shared/ipc/contract";
import { createProject } from "../../shared/story/create";
import { LEVELS, type Project } from "../../shared/story/model";
import type { Operation } from "../../shared/story/operations";
import { computeStatuses } from "../../shared/story/staleness";
import { createServices } from "../services/api";
import { dispatch } from "../services/dispatch";
import type { Services } from "../services/services";
import { PROJECT_EXTENSION, saveProject } from "../storage/projectStore";
import { altsCommand, binderCommand } from "./altsCommands";
import { filterCommand, filterLogCommand } from "./filterCommands";
import { gpuCommand, modelsCommand } from "./modelCommands";
import { exportCommand, importCommand, provenanceCommand } from "./exportCommands";
import { snapshotCommand } from "./snapshotCommands";
import { structureCommand } from "./structureCommands";
import { UsageError, type Command, type GenerateTarget, type ParsedCommand } from "./args";
import { call, CliError, resolveNodeId, type Ctx } from "./cliCore";
import { EXIT_INTERRUPTED } from "./exitCodes";
import { countFreshness, nodeJson, preview, ProgressReporter, renderStatusTree, statusNodes, writeJson, type CliIo } from "./output";

export { EXIT_INTERRUPTED };

export { CliError };

type Cmd<N extends Command["name"]> = Extract<ParsedCommand, { name: N }>;

export async function runCommand(cmd: ParsedCommand, io: CliIo): Promise<number> {
  switch (cmd.name) {
    case "help":
      return 0;
    case "new":
      return newProject(cmd, io);
    case "generate":
      return withProject(cmd, io, (ctx) => generate(cmd, io, ctx));
    case "edit":
      return withProject(cmd, io, (ctx) => edit(cmd, io, ctx));
    case "lock":
      return withProject(cmd, io, (ctx) => lock(cmd, io, ctx));
    case "status":
      return withProject(cmd, io, (ctx) => status(cmd, io, ctx));
    case "alts":
      return withProject(cmd, io, (ctx) => altsCommand(cmd, io, ctx));
    case "binder":
      return withProject(cmd, io, (ctx) => binderCommand(cmd, io, ctx));
    case "filter":
      return filterCommand(cmd, cmd.global.json, io);
    case "filter-log":
      return filterLogCommand(cmd, cmd.global.json, io);
    case "models":
      return modelsCommand(cmd, cmd.global.json, io);
    case "gpu":
      return gpuCommand(cmd.global.json, io);
    case "export":
      return withProject(cmd, io, (ctx) => exportCommand(cmd, io, ctx));
    case "provenance":
      return withProject(cmd, io, (ctx) => provenanceCommand(cmd, io, ctx));
    case "import":
      return importCommand(cmd, io);
    case "move":
    case "split":
    case "merge":
    case "duplicate":
      return withProject(cmd, io, (ctx) => structureCommand(cmd, cmd.global.json, io, ctx));
    case "snapshot":
    case "snapshots":
    case "diff":
    case "restore":
      return withProject(cmd, io, (ctx) => snapshotCommand(cmd, cmd.global.json, io, ctx));
    case "undo":
    case "redo":
      return withProject(cmd, io, (ctx) => undoRedo(cmd, io, ctx));
  }
}

// ---------------------------------------------------------------------------------------------
// Plumbing

/** Opens the project, runs `act`, waits for every job, saves, and always shuts the services down. */
async function withProject(cmd: Exclude<ParsedCommand, { name: "help" | "new" | "filter" | "filter-log" | "import" }>, io: CliIo, act: (ctx: Ctx) => Promise<number>): Promise<number> {
  requireProjectExtension(cmd.file);
  const services = await createServices({
    shell: "in-process",
    // The CLI is the writer at their own terminal: any project path they name is theirs to open.
    openAnyPath: true,
    ...(cmd.global.model ? { modelPath: cmd.global.model } : {}),
    ...(cmd.global.threads !== null ? { threads: cmd.global.threads } : {}),
  });
  let code: number;
  try {
    const opened = await call(services, "project:open", { path: cmd.file });
    code = await act({ services, opened });
    await services.whenIdle();
    await services.flush();
  } catch (err) {
    // The error on its way matters more than a second one while shutting down.
    await services.dispose().catch(() => undefined);
    throw err;
  }
  try {
    // Saves anything still pending and unloads the model.
    await services.dispose();
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  return code;
}

function requireProjectExtension(file: string): void {
  if (extname(file) !== PROJECT_EXTENSION) {
    throw new UsageError(`Cascade projects end in ${PROJECT_EXTENSION}; “${file}” is not one.`);
  }
}

function current(ctx: Ctx, state?: ProjectState | null): Project {
  return (state ?? ctx.opened).project;
}

// ---------------------------------------------------------------------------------------------
// new

async function newProject(cmd: Cmd<"new">, io: CliIo): Promise<number> {
  requireProjectExtension(cmd.file);
  const existing = await fsp.lstat(cmd.file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw new CliError(`Cannot check ${cmd.file}: ${err.message}`);
  });
  if (existing) {
    throw new CliError(`${cmd.file} already exists; \`cascade new\` never overwrites a file. Pick another file name.`);
  }
  const project = createProject({
    title: cmd.title ?? basename(cmd.file, PROJECT_EXTENSION),
    form: cmd.form,
    premise: cmd.premise,
    bible: cmd.bible,
  });
  if (cmd.counts) project.settings.childCount = { ...cmd.counts };
  try {
    await saveProject(cmd.file, project, { backup: false });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  if (cmd.global.json) {
    writeJson(io, { path: cmd.file, rootId: project.rootId });
  } else {
    io.stdout.write(`Created ${cmd.file}\nPremise id: ${project.rootId}\n`);
    io.stdout.write(`Next: cascade generate ${quoteArg(cmd.file)} --level beats --model <file.gguf>\n`);
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// generate

async function generate(cmd: Cmd<"generate">, io: CliIo, ctx: Ctx): Promise<number> {
  const { services } = ctx;
  const project = current(ctx);
  const target: GenerateTarget = { ...cmd.target };
  if (target.kind !== "level" && target.nodeId !== null) {
    target.nodeId = resolveNodeId(project, target.nodeId);
    // Say "no such node" before spending seconds loading a model.
    if (!project.nodes[target.nodeId]) throw new CliError(`No node with id ${target.nodeId}`);
  }

  // Save as soon as each job lands, not only at the end: whatever stops this process later
  // (a second Ctrl+C, a wrapper's kill, a crash) then loses at most the jobs still running.
  const reporter = new ProgressReporter(io, () => void services.flush().catch(() => undefined));
  const unsubscribe = services.subscribe(reporter.listener);
  let interrupted = false;
  const cancelAll = () => dispatch(services, "jobs:cancel", { all: true });
  const onInterrupt = () => {
    interrupted = true;
    reporter.line("Cancelling… (what already finished is kept)");
    void cancelAll();
  };
  io.signal?.addEventListener("abort", onInterrupt, { once: true });
  try {
    if (io.signal?.aborted) onInterrupt();
    let cascadeSteps: number | null = null;
    if (!interrupted) {
      const started = await startGeneration(services, project, target, () => interrupted);
      cascadeSteps = started.cascadeSteps;
    }
    // Jobs added after Ctrl+C (while the model was still loading) are cancelled too.
    if (interrupted) await cancelAll();
    await services.whenIdle();
    await services.flush();

    const totals = reporter.totals();
    const after = (await call(services, "project:get", {}))?.project ?? project;
    const freshness = countFreshness(after);
    const cascade = totals.cascades[0] ?? null;
    const failures = totals.jobs.filter((j) => j.state === "failed").map((j) => ({ jobId: j.id, label: j.label, message: j.error ?? "failed" }));
    const summary = {
      path: cmd.file,
      interrupted,
      jobs: { total: totals.jobs.length, done: totals.done, failed: totals.failed, cancelled: totals.cancelled },
      failures,
      cascade: cascade ? { state: cascade.state, stepsTotal: cascade.stepsTotal, stepsDone: cascade.stepsDone, message: cascade.message } : null,
      stale: freshness.stale,
      inputsChanged: freshness.inputsChanged,
    };
    if (cmd.global.json) writeJson(io, summary);
    else {
      const what = cascadeSteps === 0 ? "Nothing below is stale; nothing to do." : `Jobs: ${totals.done} done, ${totals.failed} failed, ${totals.cancelled} cancelled.`;
      io.stdout.write(`${what} Stale nodes now: ${freshness.stale}. Saved ${cmd.file}\n`);
    }
    if (interrupted) {
      io.stderr.write(`Cancelled: ${totals.done} of ${totals.jobs.length} ${totals.jobs.length === 1 ? "job" : "jobs"} finished, ${totals.cancelled} cancelled; what finished is saved.\n`);
      return EXIT_INTERRUPTED;
    }
    const first = failures[0];
    if (first) throw new CliError(failures.length > 1 ? `${first.message} (${failures.length} jobs failed)` : first.message);
    return 0;
  } finally {
    io.signal?.removeEventListener("abort", onInterrupt);
    unsubscribe();
    reporter.close();
  }
}

/** Starts the jobs for a target; returns once they are queued (the caller waits for idle). */
async function startGeneration(
  services: Services,
  project: Project,
  target: GenerateTarget,
  stopped: () => boolean,
): Promise<{ cascadeSteps: number | null }> {
  switch (target.kind) {
    case "cascade": {
      const r = await call(services, "cascade:run", { nodeId: target.nodeId ?? project.rootId });
      return { cascadeSteps: r.steps };
    }
    case "children":
      await call(services, "generate:children", { nodeId: target.nodeId, ...(target.count ? { count: target.count } : {}) });
      return { cascadeSteps: null };
    case "level": {
      if (target.level === "beat") {
        await call(services, "generate:children", { nodeId: project.rootId, ...(target.count ? { count: target.count } : {}) });
        return { cascadeSteps: null };
      }
      if (!target.count) {
        await call(services, "generate:level", { level: target.level });
        return { cascadeSteps: null };
      }
      // generate:level takes no count: start the same jobs one parent at a time, in reading order.
      const parentLevel = LEVELS[LEVELS.indexOf(target.level) - 1];
      const parents = statusNodes(project).filter((n) => n.level === parentLevel);
      if (parents.length === 0) throw new CliError(`There are no ${parentLevel}s to write ${target.level}s for yet.`);
      for (const p of parents) {
        if (stopped()) break;
        await call(services, "generate:children", { nodeId: p.id, count: target.count });
      }
      return { cascadeSteps: null };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// edit, lock

async function edit(cmd: Cmd<"edit">, io: CliIo, ctx: Ctx): Promise<number> {
  const nodeId = resolveNodeId(current(ctx), cmd.nodeId);
  const op: Operation = {
    type: "editNode",
    nodeId,
    ...(cmd.text !== undefined ? { text: cmd.text } : {}),
    ...(cmd.title !== undefined ? { title: cmd.title } : {}),
    ...(cmd.speaker !== undefined ? { speaker: cmd.speaker } : {}),
  };
  const state = await call(ctx.services, "project:apply", { op });
  const changed = state.revision !== ctx.opened.revision;
  const node = state.project.nodes[nodeId]!;
  const freshness = countFreshness(state.project);
  if (cmd.global.json) {
    writeJson(io, { path: cmd.file, changed, node: nodeJson(node, computeStatuses(state.project).get(nodeId)), stale: freshness.stale, inputsChanged: freshness.inputsChanged });
  } else if (!changed) {
    io.stdout.write(`No change: ${node.level} ${nodeId} already says that.\n`);
  } else {
    io.stdout.write(`Edited ${node.level} ${nodeId} (${node.origin}). Stale nodes now: ${freshness.stale}.\n`);
    if (freshness.stale > 0) io.stdout.write(`Rewrite them with: npm run -s cli -- generate ${quoteArg(cmd.file)} --node ${nodeId} --cascade\n`);
  }
  return 0;
}

async function lock(cmd: Cmd<"lock">, io: CliIo, ctx: Ctx): Promise<number> {
  const nodeId = resolveNodeId(current(ctx), cmd.nodeId);
  const state = await call(ctx.services, "project:apply", { op: { type: "setLocked", nodeId, locked: cmd.locked } });
  const node = state.project.nodes[nodeId]!;
  const changed = state.revision !== ctx.opened.revision;
  if (cmd.global.json) writeJson(io, { path: cmd.file, nodeId, locked: node.locked, changed });
  else {
    const verb = node.locked ? "Locked" : "Unlocked";
    const what = `${node.level} ${nodeId}: ${preview(node.title || node.text, 50)}`;
    io.stdout.write(changed ? `${verb} ${what}\n` : `Already ${verb.toLowerCase()}: ${what}\n`);
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// status, undo, redo

async function status(cmd: Cmd<"status">, io: CliIo, ctx: Ctx): Promise<number> {
  const project = current(ctx);
  if (cmd.global.json) writeJson(io, { path: cmd.file, title: project.title, nodes: statusNodes(project) });
  else io.stdout.write(renderStatusTree(project, cmd.file, terminalWidth(io)));
  return 0;
}

async function undoRedo(cmd: Cmd<"undo" | "redo">, io: CliIo, ctx: Ctx): Promise<number> {
  const undoing = cmd.name === "undo";
  const state = await call(ctx.services, undoing ? "project:undo" : "project:redo", {});
  const history = state.project.history;
  // The entry just undone is now on top of the redo stack, and vice versa.
  const entry = undoing ? history.redo[history.redo.length - 1] : history.undo[history.undo.length - 1];
  const label = entry?.label ?? "(unnamed change)";
  const freshness = countFreshness(state.project);
  if (cmd.global.json) writeJson(io, { path: cmd.file, [undoing ? "undone" : "redone"]: label, stale: freshness.stale, inputsChanged: freshness.inputsChanged });
  else io.stdout.write(`${undoing ? "Undone" : "Redone"}: ${label}. Stale nodes now: ${freshness.stale}.\n`);
  return 0;
}

function terminalWidth(io: CliIo): number {
  const cols = (io.stdout as { columns?: unknown }).columns;
  return typeof cols === "number" && cols >= 40 ? cols : 100;
}

/** Quotes a path for a command the writer can paste, when it needs it. */
function quoteArg(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
