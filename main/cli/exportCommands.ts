/**
 * `export <file> --format … -o <out>`: the story (or one node's subtree, `--node`) as Markdown,
 * Fountain, FDX, DOCX, the alts binder or a provenance report, through the same `export:file` the
 * app's File menu uses. `import <in> -o <file.cascade>`: a Markdown outline or a Fountain screenplay
 * read into a new project file, with a report of what was skipped. `provenance <file>`: who wrote
 * the story's text — counts and shares by origin.
 */
import * as fsp from "node:fs/promises";
import { extname } from "node:path";
import { provenanceSummary } from "../../shared/story/provenance";
import { readImport } from "../services/exportHandlers";
import { writeFileAtomic } from "../storage/atomicWrite";
import { PROJECT_EXTENSION, saveProject } from "../storage/projectStore";
import type { ParsedCommand } from "./args";
import { UsageError } from "./args";
import { call, CliError, resolveNodeId, type Ctx } from "./cliCore";
import { writeJson, type CliIo } from "./output";

type Cmd<N extends ParsedCommand["name"]> = Extract<ParsedCommand, { name: N }>;

async function exists(path: string): Promise<boolean> {
  return fsp.lstat(path).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return false;
      throw new CliError(`Cannot check ${path}: ${err.message}`);
    },
  );
}

export async function exportCommand(cmd: Cmd<"export">, io: CliIo, ctx: Ctx): Promise<number> {
  if (!cmd.force && (await exists(cmd.out))) throw new CliError(`${cmd.out} already exists; pass --force to replace it.`);
  const nodeId = cmd.nodeId ? resolveNodeId(ctx.opened.project, cmd.nodeId) : null;
  const file = await call(ctx.services, "export:file", { format: cmd.format, ...(nodeId ? { nodeId } : {}), ...(cmd.markGenerated ? { markGenerated: true } : {}) });
  const bytes = file.encoding === "base64" ? Buffer.from(file.content, "base64") : Buffer.from(file.content, "utf8");
  try {
    await writeFileAtomic(cmd.out, bytes);
  } catch (err) {
    throw new CliError(`Could not write ${cmd.out}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (cmd.global.json) writeJson(io, { path: cmd.out, format: file.format, bytes: bytes.length });
  else io.stdout.write(`Wrote ${cmd.out} (${file.format}, ${bytes.length.toLocaleString("en")} bytes)\n`);
  return 0;
}

/** Bytes 0x80–0x9F in Windows-1252 (0 where it has none: kept as the C1 control). */
const CP1252_C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013,
  0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Windows-1252 text. Node's TextDecoder("windows-1252") decodes 0x80–0x9F as Latin-1 (C1 controls), so those are mapped here. */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252").decode(bytes).replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_C1[c.charCodeAt(0) - 0x80] || c.charCodeAt(0)));
}

export async function importCommand(cmd: Cmd<"import">, io: CliIo): Promise<number> {
  if (extname(cmd.out) !== PROJECT_EXTENSION) throw new UsageError(`import: -o must name a project file ending in ${PROJECT_EXTENSION}; “${cmd.out}” does not.`);
  if (await exists(cmd.out)) throw new CliError(`${cmd.out} already exists; \`cascade import\` never overwrites a file. Pick another file name.`);
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(cmd.file);
  } catch (err) {
    throw new CliError(`Could not read ${cmd.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // UTF-8 first; a file that is not valid UTF-8 is most likely Latin-1 / Windows-1252: read it as that.
  let text = new TextDecoder("utf-8").decode(bytes);
  const cp1252 = text.includes("\uFFFD");
  if (cp1252) text = decodeWindows1252(bytes);
  if (text.includes("\u0000")) throw new CliError(`${cmd.file} is not a text file: Cascade imports Markdown (.md) and Fountain (.fountain) files.`);
  const { project, report } = readImport(cmd.file, text, cmd.format ?? undefined);
  if (cp1252) report.notes.push(`${cmd.file} is not valid UTF-8: it was read as Windows-1252 (Latin-1). Check accented letters; save the file as UTF-8 to be sure.`);
  try {
    await saveProject(cmd.out, project, { backup: false });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  if (cmd.global.json) {
    writeJson(io, { path: cmd.out, rootId: project.rootId, title: project.title, form: project.settings.form, report });
    return 0;
  }
  io.stdout.write(`Created ${cmd.out} from ${report.format === "fountain" ? "Fountain" : "Markdown"}: “${project.title}”, ${report.beats} beats, ${report.scenes} scenes, ${report.lines} lines.\n`);
  for (const note of report.notes) io.stdout.write(`Note: ${note}\n`);
  if (report.skipped.length > 0) {
    const total = report.skippedTotal ?? report.skipped.length;
    io.stdout.write(`Skipped ${total}${total > report.skipped.length ? ` (the first ${report.skipped.length} listed)` : ""}:\n`);
    for (const s of report.skipped) io.stdout.write(`  line ${s.line}: ${s.reason} — “${s.text}”\n`);
  }
  return 0;
}

export async function provenanceCommand(cmd: Cmd<"provenance">, io: CliIo, ctx: Ctx): Promise<number> {
  const project = ctx.opened.project;
  const nodeId = cmd.nodeId ? resolveNodeId(project, cmd.nodeId) : undefined;
  if (nodeId && !Object.hasOwn(project.nodes, nodeId)) throw new CliError(`No node with id ${nodeId}`);
  const summary = provenanceSummary(project, nodeId);
  if (cmd.global.json) {
    writeJson(io, { path: cmd.file, ...(nodeId ? { nodeId } : {}), ...summary });
    return 0;
  }
  const file = await call(ctx.services, "export:file", { format: "provenance-md", ...(nodeId ? { nodeId } : {}) });
  io.stdout.write(file.content);
  return 0;
}
