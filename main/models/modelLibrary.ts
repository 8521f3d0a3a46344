/**
 * The models on disk: every GGUF file in the models folder (plus files the writer picked elsewhere),
 * each described from its own metadata without loading it. A file that cannot be read (truncated
 * download, not GGUF, missing) is listed with `problem` set instead of metadata; nothing here throws
 * for a bad file.
 */
import type { Dirent } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { chatWrappers, GgmlType, GgufFileType, ggufFileQuantNames, resolveChatWrapper, type GgufFileInfo } from "node-llama-cpp";
import type { LocalModelInfo } from "../../shared/models/types";
import { errorMessage, validateModelFile } from "../engine/modelFile";

/** "-00001-of-00003.gguf": one part of a model split into several files. */
const SPLIT_PART = /-(\d{5})-of-(\d{5})\.gguf$/i;
/** How deep listLocalModels looks into (non-hidden) subfolders of the models folder. */
const MAX_DEPTH = 3;

/** Describes one GGUF file from its metadata; a file that cannot be read gets `problem` instead. Never throws. */
export async function describeModelFile(modelPath: string): Promise<LocalModelInfo> {
  const resolved = path.resolve(modelPath);
  const fileName = path.basename(resolved);
  const empty: LocalModelInfo = {
    path: resolved,
    fileName,
    sizeBytes: await totalSize(resolved),
    name: null,
    architecture: null,
    quantization: null,
    contextLength: null,
    chatTemplate: null,
    license: null,
    layers: null,
    problem: null,
  };
  try {
    const check = await validateModelFile(resolved);
    const general = check.info.metadata?.general;
    const blocks = (check.info.architectureMetadata as { block_count?: unknown } | undefined)?.block_count;
    return {
      ...empty,
      name: nonEmptyString(general?.name),
      architecture: check.architecture ?? null,
      quantization: quantizationName(general?.file_type, fileName) ?? dominantTensorType(check.info),
      contextLength: check.trainContextSize ?? null,
      chatTemplate: chatTemplateKind(check.info, fileName),
      license: nonEmptyString(general?.license),
      layers: typeof blocks === "number" && blocks > 0 ? blocks : null,
    };
  } catch (err) {
    return { ...empty, problem: errorMessage(err) };
  }
}

/**
 * Every model in `dir` (and its non-hidden subfolders), plus `extraPaths` (files picked elsewhere;
 * a missing one is listed with its problem), once each, sorted by file name. A split model is
 * listed once, by its first part. Dot-files and partial downloads (*.ipull, *.partial…) are not
 * GGUF names and are skipped. A missing folder lists nothing.
 */
export async function listLocalModels(dir: string, extraPaths: string[] = []): Promise<LocalModelInfo[]> {
  const found = await findGgufFiles(path.resolve(dir), 0);
  const seen = new Set<string>();
  const paths: string[] = [];
  for (const p of [...found, ...extraPaths.map((e) => path.resolve(e))]) {
    if (seen.has(p)) continue;
    seen.add(p);
    paths.push(p);
  }
  const models = await Promise.all(paths.map((p) => describeModelFile(p)));
  return models.sort((a, b) => a.fileName.localeCompare(b.fileName, undefined, { numeric: true, sensitivity: "base" }) || a.path.localeCompare(b.path));
}

async function findGgufFiles(dir: string, depth: number): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const st = await fs.stat(full).catch(() => null);
      isFile = st?.isFile() ?? false;
      // A linked folder could lead in circles: follow links to files only.
      isDir = false;
    }
    if (isDir && depth < MAX_DEPTH) out.push(...(await findGgufFiles(full, depth + 1)));
    else if (isFile && /\.gguf$/i.test(entry.name) && isFirstPart(entry.name)) out.push(full);
  }
  return out;
}

function isFirstPart(fileName: string): boolean {
  const m = SPLIT_PART.exec(fileName);
  return m == null || Number(m[1]) === 1;
}

/** The file's size on disk; for the first part of a split model, all of its parts that are there. */
async function totalSize(p: string): Promise<number> {
  const size = async (f: string) => (await fs.stat(f).catch(() => null))?.size ?? 0;
  const m = SPLIT_PART.exec(p);
  if (m == null || Number(m[1]) !== 1) return size(p);
  const parts = Number(m[2]);
  let total = 0;
  for (let i = 1; i <= parts; i++) total += await size(p.replace(SPLIT_PART, `-${String(i).padStart(5, "0")}-of-${m[2]}.gguf`));
  return total;
}

function nonEmptyString(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

/** "Q4_K_M", "Q8_0", "F16"… from general.file_type; else a quant name in the file name; else null. */
export function quantizationName(fileType: unknown, fileName: string): string | null {
  if (typeof fileType === "number") {
    const enumName = (GgufFileType as unknown as Record<number, string | undefined>)[fileType];
    if (enumName != null) return enumName.replace(/^(MOSTLY|ALL)_/, "");
  }
  // Longest first, so "Q4_K_M" wins over "Q4_K".
  const names = [...ggufFileQuantNames].sort((a, b) => b.length - a.length);
  const upper = fileName.toUpperCase();
  return names.find((n) => new RegExp(`(^|[-_.])${n}([-_.]|$)`).test(upper)) ?? null;
}

/**
 * Without general.file_type (older or hand-made files) the quantization is what most of the
 * weights are stored as: the ggml type covering the most elements.
 */
export function dominantTensorType(info: GgufFileInfo): string | null {
  const elements = new Map<number, number>();
  for (const t of info.tensorInfo ?? []) {
    const n = t.dimensions.reduce<number>((acc, d) => acc * Number(d), 1);
    elements.set(t.ggmlType, (elements.get(t.ggmlType) ?? 0) + n);
  }
  let best: number | null = null;
  for (const [type, n] of elements) if (best === null || n > elements.get(best)!) best = type;
  return best === null ? null : ((GgmlType as unknown as Record<number, string | undefined>)[best] ?? null);
}

/** Short names for node-llama-cpp's chat wrappers (the keys of `chatWrappers`). */
const TEMPLATE_KINDS: Record<keyof typeof chatWrappers, string> = {
  general: "custom",
  deepSeek: "deepseek",
  qwen: "qwen",
  "llama3.1": "llama3",
  "llama3.2-lightweight": "llama3",
  llama3: "llama3",
  llama2Chat: "llama2",
  mistral: "mistral",
  alpacaChat: "alpaca",
  functionary: "functionary",
  chatML: "chatml",
  falconChat: "falcon",
  gemma4: "gemma",
  gemma: "gemma",
  harmony: "harmony",
  muse: "muse",
  seed: "seed",
  template: "custom",
  jinjaTemplate: "custom",
};

/**
 * The kind of the model's chat template ("llama3", "chatml", "gemma", "mistral"…), as node-llama-cpp
 * resolves it from the metadata (without loading the model); "custom" for a template it does not
 * recognise; null when the file has no chat template.
 */
export function chatTemplateKind(info: GgufFileInfo, fileName?: string): string | null {
  const template = info.metadata?.tokenizer?.chat_template;
  if (typeof template !== "string" || template.trim() === "") return null;
  let wrapper: ReturnType<typeof resolveChatWrapper>;
  try {
    // noJinja: name the template's format rather than "a Jinja template".
    wrapper = resolveChatWrapper({ fileInfo: info, ...(fileName ? { filename: fileName } : {}), noJinja: true, warningLogs: false });
  } catch {
    return "custom";
  }
  if (wrapper == null) return "custom";
  const key = (Object.keys(chatWrappers) as Array<keyof typeof chatWrappers>).find((k) => wrapper.constructor === chatWrappers[k]);
  return key != null ? TEMPLATE_KINDS[key] : "custom";
}
