/**
 * `snapshot`, `snapshots`, `diff`, `restore`: named copies of a story (or of one subtree), what
 * changed since one, and putting it back — one undo step, like everything else.
 */
import type { Command } from "./args";
import { call, resolveNodeId, type Ctx } from "./cliCore";
import { preview, writeJson, type CliIo } from "./output";

type SnapshotCmd = Extract<Command, { name: "snapshot" | "snapshots" | "diff" | "restore" }>;

export async function snapshotCommand(cmd: SnapshotCmd, json: boolean, io: CliIo, ctx: Ctx): Promise<number> {
  const project = ctx.opened.project;
  const out = (value: unknown, line: string) => (json ? writeJson(io, value) : io.stdout.write(`${line}\n`));
  switch (cmd.name) {
    case "snapshot": {
      const s = await call(ctx.services, "snapshot:take", { ...(cmd.snapshotName ? { name: cmd.snapshotName } : {}), ...(cmd.nodeId ? { nodeId: resolveNodeId(project, cmd.nodeId) } : {}) });
      out(s, `Snapshot ${s.id} “${s.name}”: ${s.nodeCount} nodes${s.scopeId ? ` under ${s.scopeId}` : ""}.`);
      return 0;
    }
    case "snapshots": {
      const { snapshots } = await call(ctx.services, "snapshot:list", {});
      out({ snapshots }, snapshots.length ? snapshots.map((s) => `${s.id}  ${s.at}  ${s.nodeCount} nodes${s.scopeId ? ` under ${s.scopeId}` : ""}  ${s.name}`).join("\n") : "No snapshots yet.");
      return 0;
    }
    case "diff": {
      const d = await call(ctx.services, "snapshot:diff", { snapshotId: cmd.snapshotId });
      const name = (id: string) => preview(project.nodes[id]?.title || project.nodes[id]?.text || id, 40);
      const lines = [
        `Since “${d.snapshot.name}” (${d.snapshot.at}): ${d.added.length} added, ${d.removed.length} removed, ${d.moved.length} moved, ${d.changed.length} changed.`,
        ...d.moved.map((m) => `  moved    ${m.id} ${name(m.id)}: ${m.from.parentId}#${m.from.index + 1} → ${m.to.parentId}#${m.to.index + 1}`),
        ...d.changed.map((c) => `  changed  ${c.id} ${name(c.id)}: ${c.fields.join(", ")}`),
        ...d.added.map((id) => `  added    ${id} ${name(id)}`),
        ...d.removed.map((id) => `  removed  ${id} ${preview(d.removedNodes[id]?.title || d.removedNodes[id]?.text || "", 40)}`),
      ];
      out(d, lines.join("\n"));
      return 0;
    }
    case "restore": {
      const state = await call(ctx.services, "snapshot:restore", { snapshotId: cmd.snapshotId, ...(cmd.nodeId ? { nodeId: resolveNodeId(project, cmd.nodeId) } : {}) });
      out({ path: cmd.file, revision: state.revision, nodes: Object.keys(state.project.nodes).length }, `Restored ${cmd.snapshotId}${cmd.nodeId ? ` (${cmd.nodeId} and below)` : ""}. Undo with \`undo ${cmd.file}\`.`);
      return 0;
    }
  }
}
