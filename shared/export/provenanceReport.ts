/**
 * The provenance report: the share of the final text the writer wrote, the model generated, and the
 * writer edited after the model, as Markdown (summary tables plus one row per node) or as CSV (one
 * row per node, RFC 4180). Definitions are in shared/story/provenance.ts.
 */
import { LEVELS, type Project } from "../story/model";
import { ORIGINS, provenanceRows, provenanceSummary, type ProvenanceGroup, type ProvenanceRow } from "../story/provenance";
import type { ExportOptions } from "./types";

/** CSV columns, in order (also the header row). */
export const PROVENANCE_CSV_COLUMNS = [
  "nodeId",
  "level",
  "label",
  "origin",
  "words",
  "modelId",
  "at",
  "seed",
  "temperature",
  "topP",
  "minP",
  "maxTokens",
  "templateVersion",
] as const satisfies readonly (keyof ProvenanceRow)[];

const ORIGIN_LABEL = { written: "Written", generated: "Generated", edited: "Generated, then edited" } as const;

/** One row per node of the scope in reading order; CRLF line ends, fields quoted when they must be. */
export function provenanceCsv(project: Project, opts: ExportOptions = {}): string {
  const rows = provenanceRows(project, opts.nodeId);
  const lines = [PROVENANCE_CSV_COLUMNS.join(","), ...rows.map((r) => PROVENANCE_CSV_COLUMNS.map((c) => csvField(r[c])).join(","))];
  return lines.join("\r\n") + "\r\n";
}

/** RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled. */
export function csvField(value: string | number | undefined): string {
  const s = value === undefined ? "" : String(value);
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

/** The report as Markdown: shares overall, per level and per model, then every node. */
export function provenanceMarkdown(project: Project, opts: ExportOptions = {}): string {
  const summary = provenanceSummary(project, opts.nodeId);
  const rows = provenanceRows(project, opts.nodeId);
  const scope = opts.nodeId && opts.nodeId !== project.rootId ? rows[0]?.label : undefined;
  const out: string[] = [`# ${cell(project.title) || "Untitled"}: provenance${scope ? ` (${cell(scope)})` : ""}`, ""];
  out.push(
    "The final text is every node's current title and text (alternates excluded); words are whitespace-separated tokens. " +
      "Shares are of all words and of all nodes.",
    "",
    "## Overall",
    "",
    ...originTable(summary),
    "",
    "## By level",
    "",
    "| Level | Nodes | Words | Written | Generated | Generated, then edited |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const level of LEVELS) {
    const g = summary.byLevel[level];
    if (!g.nodes) continue;
    out.push(`| ${capitalize(level)} | ${g.nodes} | ${g.words} | ${ORIGINS.map((o) => percent(g.byOrigin[o].wordShare)).join(" | ")} |`);
  }
  out.push("", "Level shares are of the level's words.", "", "## By model", "");
  if (!summary.byModel.length) out.push("_No model text._");
  else {
    out.push("| Model | Nodes | Words | Generated | Generated, then edited |", "| --- | ---: | ---: | ---: | ---: |");
    for (const m of summary.byModel) out.push(`| ${cell(m.modelId)} | ${m.nodes} | ${m.words} | ${m.generated} | ${m.edited} |`);
  }
  out.push("", "## Nodes", "", "| Node | Origin | Words | Model | Generated at | Seed | Temperature | Top-p | Min-p | Max tokens |", "| --- | --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    const details = [r.modelId, r.at, r.seed, r.temperature, r.topP, r.minP, r.maxTokens].map((v) => (v === undefined ? "" : cell(String(v))));
    out.push(`| ${cell(r.label)} | ${ORIGIN_LABEL[r.origin]} | ${r.words} | ${details.join(" | ")} |`);
  }
  out.push("");
  return out.join("\n");
}

function originTable(g: ProvenanceGroup): string[] {
  return [
    "| Origin | Nodes | Share of nodes | Words | Share of words |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...ORIGINS.map((o) => {
      const t = g.byOrigin[o];
      return `| ${ORIGIN_LABEL[o]} | ${t.nodes} | ${percent(t.nodeShare)} | ${t.words} | ${percent(t.wordShare)} |`;
    }),
    `| **Total** | ${g.nodes} | ${percent(g.nodes ? 1 : 0)} | ${g.words} | ${percent(g.words ? 1 : 0)} |`,
  ];
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Text safe in a table cell: one line, pipes escaped. */
function cell(s: string): string {
  return s.replace(/\s+/gu, " ").trim().replace(/\\/gu, "\\\\").replace(/\|/gu, "\\|");
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
