/**
 * `alts` and `binder`: write many alternates of a node and mine them (swap, star, reject, tag, note),
 * and list every starred alt. Like every command, through the services' contract calls.
 */
import { binderMarkdown, collectBinder } from "../../shared/alts/binder";
import type { JobView } from "../../shared/ipc/contract";
import type { Alt, OutlineBeat, Project, StoryNode } from "../../shared/story/model";
import type { SamplingProfile } from "../../shared/story/sampling";
import { computeStatuses } from "../../shared/story/staleness";
import { dispatch } from "../services/dispatch";
import type { AltsAction, ParsedCommand } from "./args";
import { call, CliError, resolveNodeId, type Ctx } from "./cliCore";
import { EXIT_INTERRUPTED } from "./exitCodes";
import { nodeJson, preview, ProgressReporter, writeJson, type CliIo } from "./output";

type AltsCmd = Extract<ParsedCommand, { name: "alts" }>;
type BinderCmd = Extract<ParsedCommand, { name: "binder" }>;

export interface AltJson {
  id: string;
  seed: number | null;
  /** Per-token log-probability by the model (higher = more likely); null when unscored. */
  score: number | null;
  text: string;
  title?: string;
  speaker?: string;
  sampling: SamplingProfile | null;
  /** Outline alts only: the whole list of beats. */
  outline?: OutlineBeat[];
}

export async function altsCommand(cmd: AltsCmd, io: CliIo, ctx: Ctx): Promise<number> {
  const project = ctx.opened.project;
  const nodeId = resolveNodeId(project, cmd.nodeId);
  // Say "no such node" before spending seconds loading a model.
  const node = project.nodes[nodeId];
  if (!node) throw new CliError(`No node with id ${nodeId}`);
  const action = cmd.action;
  if (action.kind === "generate") return generateAlts(cmd, action, io, ctx, node);
  const altId = resolveAltId(node, action.altId);
  if (action.kind === "swapOutline") return swapOutline(cmd, io, ctx, node, altId);
  if (action.kind === "swap") {
    const state = await call(ctx.services, "project:apply", { op: { type: "swapAlt", nodeId, altId } });
    const after = state.project.nodes[nodeId]!;
    // The node's previous text took the swapped alt's place in the list.
    const index = node.alts.findIndex((a) => a.id === altId);
    const previous = after.alts[index]!;
    if (cmd.global.json) {
      writeJson(io, { path: cmd.file, nodeId, swappedIn: altId, previousAltId: previous.id, node: nodeJson(after, computeStatuses(state.project).get(nodeId)) });
    } else {
      io.stdout.write(`Swapped alt ${altId} into ${node.level} ${nodeId}: ${preview(after.title || after.text, 60)}\n`);
      io.stdout.write(`The previous text is kept as alt ${previous.id}. Undo with: npm run -s cli -- undo ${cmd.file}\n`);
    }
    return 0;
  }
  const { kind: _kind, altId: _altId, ...marks } = action;
  const state = await call(ctx.services, "project:apply", { op: { type: "markAlt", nodeId, altId, ...marks } });
  const alt = state.project.nodes[nodeId]!.alts.find((a) => a.id === altId)!;
  if (cmd.global.json) writeJson(io, { path: cmd.file, nodeId, alt: markedJson(alt) });
  else io.stdout.write(`${markLabel(action)} ${altId}: ${preview(altText(alt), 60)}\n`);
  return 0;
}

async function generateAlts(cmd: AltsCmd, action: Extract<AltsAction, { kind: "generate" }>, io: CliIo, ctx: Ctx, node: StoryNode): Promise<number> {
  const { services } = ctx;
  const reporter = new ProgressReporter(io, () => void services.flush().catch(() => undefined));
  const unsubscribe = services.subscribe(reporter.listener);
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    reporter.line("Cancelling… (the alts already written are kept)");
    void dispatch(services, "jobs:cancel", { all: true });
  };
  io.signal?.addEventListener("abort", onInterrupt, { once: true });
  try {
    if (io.signal?.aborted) onInterrupt();
    let jobIds: string[] = [];
    if (!interrupted) {
      const started = await call(services, "alts:generate", {
        nodeId: node.id,
        count: action.count,
        mode: action.outlines ? "outline" : action.unusual ? "unusual" : "standard",
        ...(action.angle ? { angle: action.angle } : {}),
      });
      jobIds = started.jobIds;
    }
    if (interrupted) await dispatch(services, "jobs:cancel", { all: true });
    await services.whenIdle();
    await services.flush();

    const jobs = reporter.totals().jobs.filter((j) => jobIds.includes(j.id));
    const after = (await call(services, "project:get", {}))?.project ?? ctx.opened.project;
    const fresh = newAlts(node, after, jobs);
    if (cmd.global.json) writeJson(io, { path: cmd.file, nodeId: node.id, alts: fresh });
    else {
      for (const a of fresh) {
        const score = a.score === null ? "unscored" : `score ${a.score.toFixed(3)}`;
        io.stdout.write(`${a.id}  seed ${a.seed ?? "?"}  ${score}  ${preview(altText(a), 70)}\n`);
      }
      const noun = action.outlines ? (fresh.length === 1 ? "outline" : "outlines") : fresh.length === 1 ? "alt" : "alts";
      io.stdout.write(`${fresh.length} new ${noun} of ${node.level} ${node.id}. Saved ${cmd.file}\n`);
    }
    const failed = jobs.filter((j) => j.state === "failed");
    if (interrupted) {
      io.stderr.write(`Cancelled: ${fresh.length} of ${jobIds.length} alts written; they are saved.\n`);
      return EXIT_INTERRUPTED;
    }
    const first = failed[0];
    if (first) throw new CliError(failed.length > 1 ? `${first.error ?? "failed"} (${failed.length} alts failed)` : (first.error ?? "An alt failed."));
    return 0;
  } finally {
    io.signal?.removeEventListener("abort", onInterrupt);
    unsubscribe();
    reporter.close();
  }
}

/** The alts this run added to the node, in the order of their jobs where known. */
function newAlts(before: StoryNode, after: Project, jobs: JobView[]): AltJson[] {
  const old = new Set(before.alts.map((a) => a.id));
  const added = (after.nodes[before.id]?.alts ?? []).filter((a) => !old.has(a.id) && a.reason === "generated");
  const order = new Map(jobs.map((j, i) => [j.seed, i]));
  const rank = (a: Alt) => order.get(a.provenance?.seed ?? null) ?? jobs.length;
  return [...added].sort((a, b) => rank(a) - rank(b)).map((a) => ({
    id: a.id,
    seed: a.provenance?.seed ?? null,
    score: a.score ?? null,
    text: a.text,
    ...(a.title ? { title: a.title } : {}),
    ...(a.speaker !== undefined ? { speaker: a.speaker } : {}),
    sampling: a.provenance?.sampling ?? null,
    ...(a.outline ? { outline: a.outline } : {}),
  }));
}

async function swapOutline(cmd: AltsCmd, io: CliIo, ctx: Ctx, premise: StoryNode, altId: string): Promise<number> {
  if (premise.level !== "premise") throw new CliError(`Outlines belong to the premise; ${premise.id} is a ${premise.level}.`);
  if (!premise.alts.find((a) => a.id === altId)?.outline) throw new CliError(`The alt ${altId} is not an outline; swap it in with --swap.`);
  const state = await call(ctx.services, "project:apply", { op: { type: "swapOutline", nodeId: premise.id, altId } });
  const after = state.project.nodes[premise.id]!;
  // The old beats took the swapped outline's place in the list.
  const previous = after.alts[premise.alts.findIndex((a) => a.id === altId)]!;
  const beats = after.childIds.map((id) => state.project.nodes[id]!);
  if (cmd.global.json) {
    const statuses = computeStatuses(state.project);
    writeJson(io, { path: cmd.file, nodeId: premise.id, swappedIn: altId, previousAltId: previous.id, beats: beats.map((b) => nodeJson(b, statuses.get(b.id))) });
  } else {
    io.stdout.write(`Swapped outline ${altId} in: the premise now has ${beats.length} ${beats.length === 1 ? "beat" : "beats"}.\n`);
    for (const b of beats) io.stdout.write(`  ${b.id}  ${preview(b.title ? `${b.title} — ${b.text}` : b.text, 70)}\n`);
    io.stdout.write(`The previous beats are kept as outline alt ${previous.id}. Undo with: npm run -s cli -- undo ${cmd.file}\n`);
  }
  return 0;
}

export async function binderCommand(cmd: BinderCmd, io: CliIo, ctx: Ctx): Promise<number> {
  const project = ctx.opened.project;
  if (cmd.markdown) {
    io.stdout.write(binderMarkdown(project));
    return 0;
  }
  const entries = collectBinder(project, cmd.query ?? "");
  if (cmd.global.json) {
    writeJson(io, {
      path: cmd.file,
      entries: entries.map((e) => ({
        nodeId: e.node.id,
        path: e.path,
        alts: e.alts.map((a) => ({
          id: a.id,
          text: a.text,
          ...(a.title ? { title: a.title } : {}),
          ...(a.speaker !== undefined ? { speaker: a.speaker } : {}),
          tags: a.tags ?? [],
          note: a.note ?? "",
          score: a.score ?? null,
        })),
      })),
    });
    return 0;
  }
  if (!entries.length) {
    io.stdout.write(cmd.query ? `No starred alt matches “${cmd.query}”.\n` : "No starred alts yet. Star one with: alts <file> <node-id> --star <alt-id>\n");
    return 0;
  }
  for (const e of entries) {
    io.stdout.write(`${e.path} (${e.node.id})\n`);
    for (const a of e.alts) {
      const tags = a.tags?.length ? `  [${a.tags.join(", ")}]` : "";
      io.stdout.write(`  ${a.id}  ${preview(altText(a), 70)}${tags}\n`);
      if (a.note?.trim()) io.stdout.write(`    note: ${preview(a.note, 70)}\n`);
    }
  }
  return 0;
}

/** The alt an id on the command line means: exact, else the one alt of the node whose id starts with it. */
function resolveAltId(node: StoryNode, id: string): string {
  if (node.alts.some((a) => a.id === id)) return id;
  const matches = node.alts.filter((a) => a.id.startsWith(id));
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length > 1) throw new CliError(`“${id}” could mean ${matches.length} alts of ${node.id}; give more of the id.`);
  throw new CliError(`The ${node.level} ${node.id} has no alt with id ${id}`);
}

function markedJson(a: Alt) {
  return {
    id: a.id,
    text: a.text,
    starred: a.starred === true,
    rejected: a.rejected === true,
    tags: a.tags ?? [],
    note: a.note ?? "",
    score: a.score ?? null,
  };
}

function markLabel(action: Extract<AltsAction, { kind: "mark" }>): string {
  if (action.starred) return "Starred";
  if (action.rejected) return "Rejected";
  if (action.tags) return action.tags.length ? `Tagged (${action.tags.join(", ")})` : "Cleared the tags of";
  return action.note?.trim() ? "Noted" : "Cleared the note of";
}

function altText(a: { title?: string; text: string; speaker?: string }): string {
  const body = a.speaker ? `${a.speaker}: ${a.text}` : a.text;
  return a.title ? `${a.title} — ${body}` : body;
}
