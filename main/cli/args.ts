/**
 * Turns the command line into one typed command, or a UsageError (exit 2) that says what is wrong.
 * Parsing only: nothing here touches a file or the model.
 */
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { FILTER_MODES, JURISDICTIONS, type FilterMode, type Jurisdiction } from "../../shared/filter/types";
import { EXPORT_FORMATS, type ExportFormat } from "../../shared/export/types";
import type { ThreadsSetting } from "../engine/engineTypes";

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Options every command accepts. */
export interface GlobalOptions {
  /** Absolute path of the GGUF model, or null to use CASCADE_MODEL / the saved settings. */
  model: string | null;
  threads: ThreadsSetting | null;
  json: boolean;
}

export type GenerateTarget =
  | { kind: "level"; level: "beat" | "scene" | "line"; count: number | null }
  | { kind: "children"; nodeId: string; count: number | null }
  | { kind: "cascade"; nodeId: string | null };

export type Command =
  | { name: "help" }
  | {
      name: "new";
      file: string;
      premise: string;
      form: "prose" | "screenplay";
      title: string | null;
      bible: { characters?: string; setting?: string; tone?: string };
      counts: { beat: number; scene: number; line: number } | null;
    }
  | { name: "generate"; file: string; target: GenerateTarget }
  | { name: "edit"; file: string; nodeId: string; text?: string; title?: string; speaker?: string }
  | { name: "lock"; file: string; nodeId: string; locked: boolean }
  | { name: "status"; file: string }
  | { name: "alts"; file: string; nodeId: string; action: AltsAction }
  | { name: "binder"; file: string; query: string | null; markdown: boolean }
  | {
      name: "filter";
      file: "";
      prompt: string;
      today: string | null;
      mode: FilterMode | null;
      jurisdiction: Jurisdiction | null;
      /** Use this project's filter settings (lists, aliases, mode). */
      project: string | null;
    }
  | { name: "filter-log"; file: string }
  | { name: "move"; file: string; nodeId: string; to: string; index: number | null }
  | { name: "split"; file: string; nodeId: string; at: string }
  | { name: "merge"; file: string; nodeId: string; withId: string }
  | { name: "duplicate"; file: string; nodeId: string }
  | { name: "snapshot"; file: string; snapshotName: string | null; nodeId: string | null }
  | { name: "snapshots"; file: string }
  | { name: "diff"; file: string; snapshotId: string }
  | { name: "restore"; file: string; snapshotId: string; nodeId: string | null }
  | { name: "undo"; file: string }
  | { name: "redo"; file: string }
  | { name: "models"; file: ""; dir: string | null }
  | { name: "gpu"; file: "" }
  | { name: "export"; file: string; format: ExportFormat; out: string; nodeId: string | null; markGenerated: boolean; force: boolean }
  | { name: "import"; file: string; out: string; format: "md" | "fountain" | null }
  | { name: "provenance"; file: string; nodeId: string | null };

/** What `alts` does: write new alts, swap one in, or mark one. */
export type AltsAction =
  | { kind: "generate"; count: number; angle: string | null; unusual: boolean; outlines: boolean }
  | { kind: "swap"; altId: string }
  | { kind: "swapOutline"; altId: string }
  | { kind: "mark"; altId: string; starred?: true; rejected?: true; tags?: string[]; note?: string };

export type ParsedCommand = Command & { global: GlobalOptions };

/** Alts written when `-n` is not given (as in the app). */
export const DEFAULT_ALTS = 8;


type Spec = NonNullable<ParseArgsConfig["options"]>;

const GLOBAL: Spec = {
  model: { type: "string" },
  threads: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

const COMMANDS: Record<Command["name"], { options: Spec; positionals: string[] }> = {
  help: { options: {}, positionals: [] },
  new: {
    options: {
      premise: { type: "string" },
      form: { type: "string" },
      title: { type: "string" },
      characters: { type: "string" },
      setting: { type: "string" },
      tone: { type: "string" },
      counts: { type: "string" },
    },
    positionals: ["file"],
  },
  generate: {
    options: { node: { type: "string" }, level: { type: "string" }, cascade: { type: "boolean" }, count: { type: "string" } },
    positionals: ["file"],
  },
  edit: { options: { text: { type: "string" }, title: { type: "string" }, speaker: { type: "string" } }, positionals: ["file", "node-id"] },
  lock: { options: { unlock: { type: "boolean" } }, positionals: ["file", "node-id"] },
  alts: {
    options: {
      n: { type: "string", short: "n" },
      angle: { type: "string" },
      unusual: { type: "boolean" },
      outlines: { type: "boolean" },
      swap: { type: "string" },
      "swap-outline": { type: "string" },
      star: { type: "string" },
      reject: { type: "string" },
      tag: { type: "string" },
      tags: { type: "string" },
      note: { type: "string" },
      text: { type: "string" },
    },
    positionals: ["file", "node-id"],
  },
  binder: { options: { query: { type: "string" }, markdown: { type: "boolean" } }, positionals: ["file"] },
  filter: { options: { today: { type: "string" }, mode: { type: "string" }, jurisdiction: { type: "string" }, project: { type: "string" } }, positionals: ["prompt"] },
  "filter-log": { options: {}, positionals: ["file"] },
  move: { options: { to: { type: "string" }, index: { type: "string" } }, positionals: ["file", "node-id"] },
  split: { options: { at: { type: "string" } }, positionals: ["file", "node-id"] },
  merge: { options: {}, positionals: ["file", "node-id", "next-id"] },
  duplicate: { options: {}, positionals: ["file", "node-id"] },
  snapshot: { options: { name: { type: "string" }, node: { type: "string" } }, positionals: ["file"] },
  snapshots: { options: {}, positionals: ["file"] },
  diff: { options: {}, positionals: ["file", "snapshot-id"] },
  restore: { options: { node: { type: "string" } }, positionals: ["file", "snapshot-id"] },
  status: { options: {}, positionals: ["file"] },
  undo: { options: {}, positionals: ["file"] },
  redo: { options: {}, positionals: ["file"] },
  models: { options: { dir: { type: "string" } }, positionals: [] },
  gpu: { options: {}, positionals: [] },
  export: {
    options: { format: { type: "string" }, out: { type: "string", short: "o" }, node: { type: "string" }, "mark-generated": { type: "boolean" }, force: { type: "boolean" } },
    positionals: ["file"],
  },
  import: { options: { out: { type: "string", short: "o" }, format: { type: "string" } }, positionals: ["in"] },
  provenance: { options: { node: { type: "string" } }, positionals: ["file"] },
};

const LEVEL_NAMES: Record<string, "beat" | "scene" | "line"> = {
  beat: "beat",
  beats: "beat",
  scene: "scene",
  scenes: "scene",
  line: "line",
  lines: "line",
};

/** Parses the arguments after the program name (process.argv.slice(2)). Throws UsageError. */
export function parseCommandLine(argv: string[], cwd = process.cwd()): ParsedCommand {
  const first = argv[0];
  const noGlobals: GlobalOptions = { model: null, threads: null, json: false };
  if (first === undefined || first === "help" || first === "--help" || first === "-h") return { name: "help", global: noGlobals };
  if (first.startsWith("-")) throw new UsageError(`Put the command first (for example \`cascade status story.cascade\`); got “${first}”. Run \`cascade help\` for the list.`);
  if (!Object.hasOwn(COMMANDS, first)) throw new UsageError(`Unknown command “${first}”. Run \`cascade help\` for the list of commands.`);
  const name = first as Command["name"];
  const spec = COMMANDS[name];

  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv.slice(1), options: { ...GLOBAL, ...spec.options }, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (err) {
    throw new UsageError(`${name}: ${cleanParseError(err)}`);
  }
  const v = parsed.values;
  if (v.help) return { name: "help", global: noGlobals };

  const global: GlobalOptions = {
    model: typeof v.model === "string" ? path.resolve(cwd, nonEmpty(v.model, "--model")) : null,
    threads: typeof v.threads === "string" ? parseThreads(v.threads) : null,
    json: v.json === true,
  };

  const pos = parsed.positionals;
  if (pos.length < spec.positionals.length) {
    const missing = spec.positionals.slice(pos.length).map((p) => `<${p}>`).join(" ");
    throw new UsageError(`${name}: missing ${missing}. Usage: cascade ${name} ${spec.positionals.map((p) => `<${p}>`).join(" ")} …`);
  }
  if (pos.length > spec.positionals.length) {
    throw new UsageError(`${name}: unexpected argument “${pos[spec.positionals.length]}” (quote text that contains spaces).`);
  }
  const file = pos[0] !== undefined && name !== "filter" ? path.resolve(cwd, nonEmpty(pos[0], "<file>")) : "";
  const str = (k: string): string | undefined => (typeof v[k] === "string" ? (v[k] as string) : undefined);

  switch (name) {
    case "help":
      return { name, global };
    case "new": {
      const premise = str("premise");
      if (premise === undefined || premise.trim() === "") throw new UsageError("new: say what the story is about with --premise <text>.");
      const form = str("form") ?? "prose";
      if (form !== "prose" && form !== "screenplay") throw new UsageError(`new: --form must be prose or screenplay, not “${form}”.`);
      const bible: { characters?: string; setting?: string; tone?: string } = {};
      for (const k of ["characters", "setting", "tone"] as const) {
        const s = str(k);
        if (s !== undefined) bible[k] = s;
      }
      const countsText = str("counts");
      return { name, global, file, premise, form, title: str("title") ?? null, bible, counts: countsText === undefined ? null : parseCounts(countsText) };
    }
    case "generate": {
      const node = str("node");
      const levelText = str("level");
      const cascade = v.cascade === true;
      const countText = str("count");
      const count = countText === undefined ? null : parseCount(countText, "--count");
      if (levelText !== undefined) {
        if (node !== undefined || cascade) throw new UsageError("generate: use --level on its own, or --node (with --cascade to regenerate what is stale below it).");
        const level = LEVEL_NAMES[levelText.toLowerCase()];
        if (!level) throw new UsageError(`generate: --level must be beats, scenes or lines, not “${levelText}”.`);
        return { name, global, file, target: { kind: "level", level, count } };
      }
      if (cascade) {
        if (count !== null) throw new UsageError("generate: --count does not apply to --cascade (a cascade rewrites the stale nodes that are there).");
        return { name, global, file, target: { kind: "cascade", nodeId: node === undefined ? null : nonEmpty(node, "--node") } };
      }
      if (node !== undefined) return { name, global, file, target: { kind: "children", nodeId: nonEmpty(node, "--node"), count } };
      throw new UsageError("generate: say what to write: --level beats|scenes|lines, --node <id>, or --cascade.");
    }
    case "edit": {
      const nodeId = nonEmpty(pos[1] ?? "", "<node-id>");
      const text = str("text");
      const title = str("title");
      const speaker = str("speaker");
      if (text === undefined && title === undefined && speaker === undefined) throw new UsageError("edit: give the new --text (and/or --title, --speaker).");
      return {
        name,
        global,
        file,
        nodeId,
        ...(text !== undefined ? { text } : {}),
        ...(title !== undefined ? { title } : {}),
        ...(speaker !== undefined ? { speaker } : {}),
      };
    }
    case "lock":
      return { name, global, file, nodeId: nonEmpty(pos[1] ?? "", "<node-id>"), locked: v.unlock !== true };
    case "alts":
      return { name, global, file, nodeId: nonEmpty(pos[1] ?? "", "<node-id>"), action: altsAction(str, v.unusual === true, v.outlines === true) };
    case "binder": {
      const query = str("query") ?? null;
      const markdown = v.markdown === true;
      if (markdown && query !== null) throw new UsageError("binder: --markdown exports the whole binder; leave out --query.");
      if (markdown && global.json) throw new UsageError("binder: use --markdown or --json, not both.");
      return { name, global, file, query, markdown };
    }
    case "filter": {
      const today = str("today") ?? null;
      if (today !== null && !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError(`filter: --today must be a date as YYYY-MM-DD, not “${today}”.`);
      const mode = str("mode") ?? null;
      if (mode !== null && !(FILTER_MODES as readonly string[]).includes(mode)) throw new UsageError(`filter: --mode must be one of ${FILTER_MODES.join(", ")}, not “${mode}”.`);
      const jurisdiction = str("jurisdiction") ?? null;
      if (jurisdiction !== null && !(JURISDICTIONS as readonly string[]).includes(jurisdiction)) {
        throw new UsageError(`filter: --jurisdiction must be one of ${JURISDICTIONS.join(", ")}, not “${jurisdiction}”.`);
      }
      const project = str("project");
      return {
        name,
        global,
        file: "",
        prompt: nonEmpty(pos[0] ?? "", "<prompt>"),
        today,
        mode: mode as FilterMode | null,
        jurisdiction: jurisdiction as Jurisdiction | null,
        project: project === undefined ? null : path.resolve(cwd, nonEmpty(project, "--project")),
      };
    }
    case "move": {
      const to = str("to");
      if (to === undefined) throw new UsageError("move: say where with --to <parent-id>.");
      const index = str("index");
      if (index !== undefined && !/^\d+$/.test(index.trim())) throw new UsageError(`move: --index must be 0 or a whole number, not “${index}”.`);
      return { name, global, file, nodeId: nonEmpty(pos[1] ?? "", "<node-id>"), to: nonEmpty(to, "--to"), index: index === undefined ? null : Number(index) };
    }
    case "split": {
      const at = str("at");
      if (at === undefined) throw new UsageError("split: say where with --at <child-id> (that part and the ones after it move to the new node).");
      return { name, global, file, nodeId: nonEmpty(pos[1] ?? "", "<node-id>"), at: nonEmpty(at, "--at") };
    }
    case "merge":
      return { name, global, file, nodeId: nonEmpty(pos[1] ?? "", "<node-id>"), withId: nonEmpty(pos[2] ?? "", "<next-id>") };
    case "duplicate":
      return { name, global, file, nodeId: nonEmpty(pos[1] ?? "", "<node-id>") };
    case "snapshot":
      return { name, global, file, snapshotName: str("name") ?? null, nodeId: str("node") ?? null };
    case "diff":
      return { name, global, file, snapshotId: nonEmpty(pos[1] ?? "", "<snapshot-id>") };
    case "restore":
      return { name, global, file, snapshotId: nonEmpty(pos[1] ?? "", "<snapshot-id>"), nodeId: str("node") ?? null };
    case "models": {
      const dir = str("dir");
      return { name, global, file: "", dir: dir === undefined ? null : path.resolve(cwd, nonEmpty(dir, "--dir")) };
    }
    case "gpu":
      return { name, global, file: "" };
    case "export": {
      const format = str("format");
      if (format === undefined || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`export: --format must be one of ${EXPORT_FORMATS.join(", ")}${format === undefined ? "" : `, not “${format}”`}.`);
      }
      const out = str("out");
      if (out === undefined) throw new UsageError("export: say where to write the file with -o <out>.");
      return {
        name,
        global,
        file,
        format: format as ExportFormat,
        out: path.resolve(cwd, nonEmpty(out, "-o")),
        nodeId: str("node") ?? null,
        markGenerated: v["mark-generated"] === true,
        force: v.force === true,
      };
    }
    case "import": {
      const out = str("out");
      if (out === undefined) throw new UsageError("import: say which project file to create with -o <file.cascade>.");
      const format = str("format");
      if (format !== undefined && format !== "md" && format !== "fountain") throw new UsageError(`import: --format must be md or fountain, not “${format}”.`);
      return { name, global, file, out: path.resolve(cwd, nonEmpty(out, "-o")), format: format ?? null };
    }
    case "provenance":
      return { name, global, file, nodeId: str("node") ?? null };
    case "snapshots":
    case "filter-log":
    case "status":
    case "undo":
    case "redo":
      return { name, global, file };
  }
}

function altsAction(str: (k: string) => string | undefined, unusual: boolean, outlines: boolean): AltsAction {
  const marks = (["swap", "swap-outline", "star", "reject", "tag", "note"] as const).filter((k) => str(k) !== undefined);
  const generating = str("n") !== undefined || str("angle") !== undefined || unusual || outlines;
  if (marks.length > 1) throw new UsageError(`alts: use one of --${marks.join(", --")} at a time.`);
  const mark = marks[0];
  if (mark && generating) throw new UsageError(`alts: -n, --angle, --unusual and --outlines are for writing new alts, not with --${mark}.`);
  if (outlines && (unusual || str("angle") !== undefined)) {
    throw new UsageError("alts: --outlines writes whole outlines with the premise's own angle; it does not take --unusual or --angle.");
  }
  if (str("tags") !== undefined && mark !== "tag") throw new UsageError("alts: --tags goes with --tag <alt-id>.");
  if (str("text") !== undefined && mark !== "note") throw new UsageError("alts: --text goes with --note <alt-id>.");
  if (!mark) {
    const n = str("n");
    return { kind: "generate", count: n === undefined ? DEFAULT_ALTS : parseCount(n, "-n"), angle: str("angle") ?? null, unusual, outlines };
  }
  const altId = nonEmpty(str(mark)!, `--${mark}`);
  switch (mark) {
    case "swap":
      return { kind: "swap", altId };
    case "swap-outline":
      return { kind: "swapOutline", altId };
    case "star":
      return { kind: "mark", altId, starred: true };
    case "reject":
      return { kind: "mark", altId, rejected: true };
    case "tag": {
      const tags = str("tags");
      if (tags === undefined) throw new UsageError("alts: give the tags with --tags <a,b> (an empty value clears them).");
      return { kind: "mark", altId, tags: tags.split(",").map((t) => t.trim()).filter(Boolean) };
    }
    case "note": {
      const note = str("text");
      if (note === undefined) throw new UsageError("alts: give the note with --text <note> (an empty value clears it).");
      return { kind: "mark", altId, note };
    }
  }
}

function nonEmpty(s: string, what: string): string {
  if (s.trim() === "") throw new UsageError(`${what} must not be empty.`);
  return s;
}

function parseThreads(s: string): ThreadsSetting {
  if (s === "auto") return "auto";
  return parseCount(s, "--threads", 256);
}

function parseCount(s: string, what: string, max = 64): number {
  const n = Number(s);
  if (!/^\d+$/.test(s.trim()) || !Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${what} must be a whole number from 1 to ${max}, not “${s}”.`);
  return n;
}

function parseCounts(s: string): { beat: number; scene: number; line: number } {
  const parts = s.split(",").map((p) => p.trim());
  if (parts.length !== 3) throw new UsageError(`new: --counts takes three numbers, beats,scenes,lines (for example 4,2,5), not “${s}”.`);
  const [beat, scene, line] = parts.map((p) => parseCount(p, "each of --counts")) as [number, number, number];
  return { beat, scene, line };
}

/** parseArgs errors carry a code and a long message; keep the part a person needs. */
function cleanParseError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const msg = (e.message ?? String(err)).split("\n")[0] ?? "";
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const m = /Unknown option '([^']+)'/.exec(msg);
      return `unknown option ${m?.[1] ?? msg}. Run \`cascade help\` for the options.`;
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const m = /Option '([^']+)'/.exec(msg);
      if (!m?.[1]) return msg;
      const opt = m[1].replace(/^-\w, /, "").replace(/ <value>$/, "");
      if (msg.includes("does not take an argument")) return `${opt} takes no value.`;
      if (msg.includes("ambiguous")) return `${opt} needs a value (for text that starts with a dash, write ${opt}=-text).`;
      return `${opt} needs a value.`;
    }
    default:
      return msg;
  }
}
