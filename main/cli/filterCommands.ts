/**
 * `filter "<prompt>"`: what the style-name filter does with a prompt, without a model or a window —
 * the decision, the text as it would be sent, and every match with its status and reason.
 * `filter-log <file>`: a project's filter audit log.
 */
import { filterSettingsOf } from "../../shared/filter/filterSettings";
import { DEFAULT_FILTER_SETTINGS, type FilterDecision, type FilterSettings } from "../../shared/filter/types";
import { readAudit, auditPathFor } from "../filter/auditLog";
import { styleFilter } from "../filter/creators";
import { loadProject } from "../storage/projectStore";
import type { Command } from "./args";
import { writeJson, type CliIo } from "./output";

type FilterCmd = Extract<Command, { name: "filter" }>;
type FilterLogCmd = Extract<Command, { name: "filter-log" }>;

/** The decision as the CLI prints it with --json. */
export function decisionJson(d: FilterDecision) {
  return {
    decision: d.decision,
    text: d.text,
    matches: d.matches.map((m) => ({
      name: m.name,
      start: m.start,
      end: m.end,
      status: m.status,
      reason: m.reason,
      action: m.action,
      matched: m.matched,
      ...(m.replacement !== undefined ? { replacement: m.replacement } : {}),
      ...(m.candidates ? { candidates: m.candidates } : {}),
    })),
    mode: d.mode,
    ...(d.message ? { message: d.message } : {}),
  };
}

export async function filterCommand(cmd: FilterCmd, json: boolean, io: CliIo): Promise<number> {
  let settings: FilterSettings = cmd.project ? filterSettingsOf(await loadProject(cmd.project)) : DEFAULT_FILTER_SETTINGS;
  if (cmd.mode) settings = { ...settings, mode: cmd.mode, offAcknowledged: cmd.mode === "off" ? true : settings.offAcknowledged };
  if (cmd.jurisdiction) settings = { ...settings, jurisdiction: cmd.jurisdiction };
  const decision = styleFilter().check(cmd.prompt, { settings, today: cmd.today ?? new Date() });
  if (json) {
    writeJson(io, decisionJson(decision));
    return 0;
  }
  const lines = [`${decision.decision.toUpperCase()} (${decision.mode} mode)${decision.message ? ` — ${decision.message}` : ""}`];
  for (const m of decision.matches) {
    lines.push(`  [${m.start}–${m.end}] “${m.matched}”: ${m.action} — ${m.reason}`);
    if (m.replacement !== undefined) lines.push(`      → “${m.replacement}”`);
  }
  if (decision.decision === "rewrite") lines.push(`Sent as: ${decision.text}`);
  if (decision.decision === "ask" || decision.decision === "block") lines.push("Not sent.");
  io.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

export async function filterLogCommand(cmd: FilterLogCmd, json: boolean, io: CliIo): Promise<number> {
  const entries = await readAudit(auditPathFor(cmd.file));
  if (json) {
    writeJson(io, { path: auditPathFor(cmd.file), entries });
    return 0;
  }
  if (entries.length === 0) {
    io.stdout.write("The style filter has not rewritten, warned about, asked about or blocked anything in this project.\n");
    return 0;
  }
  for (const e of entries) {
    const names = e.matches.map((m) => `${m.name} (“${m.matched}”${m.replacement ? ` → “${m.replacement}”` : ""})`).join("; ");
    io.stdout.write(`${e.at}  ${e.decision}${e.count > 1 ? ` ×${e.count}` : ""}  ${e.purpose}${e.nodeId ? ` ${e.nodeId}` : ""}: ${names}\n`);
  }
  return 0;
}
