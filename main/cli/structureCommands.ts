/**
 * Restructuring from the command line: `move`, `split`, `merge`, `duplicate`. Each is one project
 * operation (validated by the contract, one undo step, `undo <file>` takes it back) and prints what
 * changed — with --json, the ids involved and the parent's new order — and what the change flagged
 * (a move stales the moved text and the text written beside its old and new places), with the reasons.
 */
import type { Project } from "../../shared/story/model";
import type { Operation } from "../../shared/story/operations";
import { computeStatuses, type NodeStatus } from "../../shared/story/staleness";
import type { Command } from "./args";
import { call, CliError, resolveNodeId, type Ctx } from "./cliCore";
import { preview, writeJson, type CliIo } from "./output";

type StructureCmd = Extract<Command, { name: "move" | "split" | "merge" | "duplicate" }>;

export async function structureCommand(cmd: StructureCmd, json: boolean, io: CliIo, ctx: Ctx): Promise<number> {
  const project = ctx.opened.project;
  const id = (s: string) => resolveNodeId(project, s);
  const nodeId = id(cmd.nodeId);
  let op: Operation;
  switch (cmd.name) {
    case "move":
      op = { type: "moveNode", nodeId, parentId: id(cmd.to), index: cmd.index ?? project.nodes[id(cmd.to)]!.childIds.length };
      break;
    case "split":
      op = { type: "splitNode", nodeId, atChildId: id(cmd.at) };
      break;
    case "merge":
      op = { type: "mergeNodes", nodeId, withId: id(cmd.withId) };
      break;
    case "duplicate":
      op = { type: "duplicateNode", nodeId };
      break;
  }
  const before = new Set(Object.keys(project.nodes));
  const state = await call(ctx.services, "project:apply", { op });
  const after = state.project;
  const node = after.nodes[nodeId];
  if (!node) throw new CliError(`The ${cmd.name} left no node ${nodeId}`);
  const parent = node.parentId ? after.nodes[node.parentId]! : null;
  const created = Object.keys(after.nodes).filter((k) => !before.has(k));
  const removed = [...before].filter((k) => !after.nodes[k]);
  const flagged = newlyFlagged(project, after);
  if (json) {
    const flags = [...flagged].map(([fid, s]) => ({ id: fid, freshness: s.freshness, reason: s.reason }));
    writeJson(io, { path: cmd.file, operation: op.type, nodeId, parentId: parent?.id ?? null, order: parent?.childIds ?? [], created, removed, flagged: flags });
    return 0;
  }
  const what = (nid: string) => `${after.nodes[nid]!.level} ${nid} “${preview(after.nodes[nid]!.title || after.nodes[nid]!.text, 40)}”`;
  const lines: Record<StructureCmd["name"], string> = {
    move: `Moved ${what(nodeId)} to position ${(parent?.childIds.indexOf(nodeId) ?? 0) + 1} under ${parent ? what(parent.id) : "nothing"}.`,
    split: `Split ${what(nodeId)}: the rest is now ${created[0] ? what(created[0]) : "a new node"}.`,
    merge: `Merged ${removed[0] ?? "the next node"} into ${what(nodeId)}.`,
    duplicate: `Duplicated ${what(nodeId)} as ${created.find((c) => after.nodes[c]!.parentId === node.parentId) ?? created[0]} (${created.length} nodes).`,
  };
  io.stdout.write(`${lines[cmd.name]} Undo with \`undo ${cmd.file}\`.\n`);
  if (flagged.size > 0) io.stdout.write(flaggedSummary(flagged, after));
  return 0;
}

/** Nodes that were fresh (or absent) before and are not fresh now, with their status. */
function newlyFlagged(before: Project, after: Project): Map<string, NodeStatus> {
  const was = computeStatuses(before);
  const out = new Map<string, NodeStatus>();
  for (const [id, s] of computeStatuses(after)) {
    if (s.freshness !== "fresh" && (was.get(id)?.freshness ?? "fresh") === "fresh") out.set(id, s);
  }
  return out;
}

/** "Now stale: 5 (Moved from beat 2 to beat 4: 1; Its scene moved from beat 2 to beat 4: 4)." grouped by reason. */
function flaggedSummary(flagged: Map<string, NodeStatus>, project: Project): string {
  const byReason = new Map<string, { count: number; levels: Set<string> }>();
  for (const [id, s] of flagged) {
    const g = byReason.get(s.reason) ?? { count: 0, levels: new Set<string>() };
    g.count++;
    g.levels.add(project.nodes[id]?.level ?? "node");
    byReason.set(s.reason, g);
  }
  const stale = [...flagged.values()].filter((s) => s.freshness === "stale").length;
  const kept = flagged.size - stale;
  const head = `Now stale: ${stale}${kept ? `; flagged but kept (written, edited or locked): ${kept}` : ""}. Nothing was regenerated.`;
  const rows = [...byReason].map(([reason, g]) => `  ${g.count} ${[...g.levels].join("/")}${g.count === 1 ? "" : "s"}: ${reason}`);
  return `${[head, ...rows].join("\n")}\n`;
}
