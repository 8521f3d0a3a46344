/**
 * Restructuring from the command line: `move`, `split`, `merge`, `duplicate`. Each is one project
 * operation (validated by the contract, one undo step, `undo <file>` takes it back) and prints what
 * changed — with --json, the ids involved and the parent's new order.
 */
import type { Operation } from "../../shared/story/operations";
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
  if (json) {
    writeJson(io, { path: cmd.file, operation: op.type, nodeId, parentId: parent?.id ?? null, order: parent?.childIds ?? [], created, removed });
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
  return 0;
}
