/**
 * Checks a model path before the native loader sees it. llama.cpp reports most problems as a bare
 * "Failed to load model" (details only go to its log), so we catch the common mistakes here and
 * turn them into one-line messages a writer can act on.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { readGgufFileInfo, type GgufFileInfo } from "node-llama-cpp";
import { ModelLoadError, type ThreadsSetting } from "./engineTypes";

/** Default hint for anything that means "this file won't do". */
export const PICK_MODEL_HINT =
  "Download a model on the Models screen (Ctrl+Shift+M), which recommends one for this computer, or choose another GGUF file there.";

export interface ModelFileCheck {
  path: string;
  sizeBytes: number;
  info: GgufFileInfo;
  architecture: string | undefined;
  /** Context length the model was trained with, when the metadata says. */
  trainContextSize: number | undefined;
  hasChatTemplate: boolean;
}

/**
 * Validates that `modelPath` is a readable, complete GGUF file and returns its metadata.
 * Throws `ModelLoadError` (kind missing / not-gguf / unreadable) with a message naming the path.
 */
export async function validateModelFile(modelPath: string): Promise<ModelFileCheck> {
  if (typeof modelPath !== "string" || modelPath.trim() === "")
    throw new ModelLoadError("missing", String(modelPath ?? ""), "No model file is selected", PICK_MODEL_HINT);

  const resolved = path.resolve(modelPath);
  let size: number;
  try {
    const st = await fs.stat(resolved);
    if (st.isDirectory())
      throw new ModelLoadError("not-gguf", resolved, `${resolved} is a folder, not a GGUF model file`, PICK_MODEL_HINT);
    size = st.size;
  } catch (err) {
    if (err instanceof ModelLoadError) throw err;
    throw fsError(err, resolved);
  }

  const head = await readHead(resolved, 64);
  if (head.length < 4 || head.subarray(0, 4).toString("latin1") !== "GGUF") {
    throw new ModelLoadError(
      "not-gguf",
      resolved,
      `${resolved} is not a GGUF model file (${describeStart(head)})`,
      head.toString("latin1").startsWith("version https://git-lfs")
        ? "This is a Git LFS pointer, not the model itself: download the real .gguf file, or choose another file on the Models screen."
        : PICK_MODEL_HINT,
    );
  }

  let info: GgufFileInfo;
  try {
    // Split models ("-00001-of-00003") are read as a whole so their metadata is complete.
    info = await readGgufFileInfo(resolved, { logWarnings: false });
  } catch (err) {
    throw corrupt(resolved, `it could not be parsed: ${errorMessage(err)}`, err);
  }

  // readGgufFileInfo does NOT throw on a truncated file: reads past the end yield zeros, so a
  // 200-byte stub parses into nonsense. Compare the offsets it found with the real file size.
  const problem = findTruncation(info, size);
  if (problem != null) throw corrupt(resolved, problem);

  const arch = info.metadata?.general?.architecture;
  const trainCtx = (info.architectureMetadata as { context_length?: number } | undefined)?.context_length;
  return {
    path: resolved,
    sizeBytes: size,
    info,
    architecture: typeof arch === "string" ? arch : undefined,
    trainContextSize: typeof trainCtx === "number" && trainCtx > 0 ? trainCtx : undefined,
    hasChatTemplate: typeof info.metadata?.tokenizer?.chat_template === "string",
  };
}

/**
 * Resolves the thread setting to a concrete count.
 * "auto" leaves a core for the UI and caps at 8 (more threads rarely help token generation, which
 * is memory-bound); it never returns the library default, which oversubscribes small machines.
 */
export function resolveThreads(setting: ThreadsSetting, cpuCount: number): number {
  if (typeof setting === "number" && Number.isFinite(setting)) return Math.max(1, Math.floor(setting));
  const logical = Number.isFinite(cpuCount) && cpuCount > 0 ? Math.floor(cpuCount) : 1;
  // Above 8 logical CPUs SMT is likely, and hyper-threads add little to matrix math.
  const physicalish = logical >= 8 ? Math.floor(logical / 2) : logical;
  return Math.max(1, Math.min(physicalish - 1, 8));
}

// ggml block size and bytes per block, for types whose layout is stable. Unknown types only get
// the weaker "data starts inside the file" check so a new quant format is never rejected wrongly.
const GGML_LAYOUT: Record<number, readonly [blockSize: number, typeSize: number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
  16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110],
  22: [256, 82], 23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8],
  29: [256, 56], 30: [1, 2], 34: [256, 54], 35: [256, 66], 39: [32, 17],
};

function findTruncation(info: GgufFileInfo, fileSize: number): string | undefined {
  const headerEnd = info.infoEndOffset;
  if (headerEnd != null && headerEnd > fileSize)
    return `its header needs ${headerEnd} bytes but the file has only ${fileSize}`;

  let needed = 0;
  for (const t of info.tensorInfo ?? []) {
    if (t.filePart !== 1) continue; // other parts of a split model are separate files
    const start = Number(t.fileOffset);
    const layout = GGML_LAYOUT[t.ggmlType];
    let end = start + 1;
    if (layout != null) {
      const elements = t.dimensions.reduce<number>((n, d) => n * Number(d), 1);
      end = start + Math.ceil(elements / layout[0]) * layout[1];
    }
    needed = Math.max(needed, end);
  }
  if (needed > fileSize) return `its tensors need ${needed} bytes but the file has only ${fileSize}`;
  return undefined;
}

function corrupt(p: string, why: string, cause?: unknown): ModelLoadError {
  return new ModelLoadError(
    "unreadable",
    p,
    `${p} is an incomplete or corrupt GGUF file (${why})`,
    `The download was probably cut short: download the model again. ${PICK_MODEL_HINT}`,
    { cause },
  );
}

async function readHead(p: string, bytes: number): Promise<Buffer> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(p, "r");
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } catch (err) {
    throw fsError(err, p);
  } finally {
    await handle?.close();
  }
}

function fsError(err: unknown, p: string): ModelLoadError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR")
    return new ModelLoadError("missing", p, `Model file not found: ${p}`, PICK_MODEL_HINT, { cause: err });
  if (code === "EACCES" || code === "EPERM")
    return new ModelLoadError(
      "unreadable",
      p,
      `Cannot read model file ${p}: permission denied`,
      "Give your user read access to the file, or choose another file on the Models screen.",
      { cause: err },
    );
  return new ModelLoadError("unreadable", p, `Cannot read model file ${p}: ${errorMessage(err)}`, PICK_MODEL_HINT, {
    cause: err,
  });
}

/** Shows the first bytes the way a person can recognise them: text if printable, hex otherwise. */
function describeStart(head: Buffer): string {
  if (head.length === 0) return "the file is empty";
  const sample = head.subarray(0, 24);
  const printable = [...sample].every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127));
  if (printable) {
    const shown = sample.toString("latin1").replace(/\s+/g, " ").trim();
    return `it starts with "${shown}${head.length > sample.length ? "…" : ""}"`;
  }
  return `it starts with bytes ${[...sample.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ")}`;
}

/** Best-effort message of an unknown thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
