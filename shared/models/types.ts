/**
 * What the model manager talks about: the machine's GPU and memory, the catalog of recommended
 * models, models on disk, fit estimates and downloads. Pure data (JSON over the contract): main
 * fills them in from node-llama-cpp, the renderer shows them.
 */
import type { Level } from "../story/model";

/** The GPU backend node-llama-cpp found; false when it runs on the CPU only. */
export type GpuBackend = "cuda" | "vulkan" | "metal" | false;

export interface MemoryAmount {
  totalBytes: number;
  freeBytes: number;
}

/** Memory that Cascade's own loaded models take (estimated from what was loaded, see Engine.memory()). */
export interface HeldMemory {
  vramBytes: number;
  ramBytes: number;
}

/**
 * What the machine offers a model (the `gpu` CLI command prints this). `vram.freeBytes` and
 * `ram.freeBytes` are what is free now, with Cascade's loaded models counted as used; loading a model
 * unloads the one it replaces first, so what a new model may use is free + `heldByCascade`.
 */
export interface HardwareInfo {
  gpu: GpuBackend;
  /** GPU names as the driver reports them; empty without a GPU. */
  gpuNames: string[];
  /** GPU memory; null without a GPU (or when the driver would not say). */
  vram: MemoryAmount | null;
  ram: MemoryAmount;
  /** Logical CPUs. */
  cpus: number;
  /** What "auto" threads resolves to on this machine. */
  recommendedThreads: number;
  /** Set when the GPU probe failed (a broken driver): the app then runs on the CPU. */
  problem: string | null;
  /**
   * The part of the used memory that Cascade's loaded models hold (never more than total - free):
   * a model that replaces them may use it too. Absent or zero when none is loaded.
   */
  heldByCascade?: HeldMemory;
}

/** One entry of resources/models/catalog.json: a model known to write fiction well. */
export interface CatalogModel {
  id: string;
  name: string;
  /** "1.5B", "8B", "12B"… */
  parameters: string;
  quantization: string;
  /** The file's size in bytes (what the download will take on disk). */
  sizeBytes: number;
  contextLength: number;
  license: string;
  licenseUrl: string;
  /** One line: what it is good for. */
  goodFor: string;
  /** node-llama-cpp model URI, e.g. "hf:bartowski/Mistral-Nemo-Instruct-2407-GGUF/Mistral-Nemo-Instruct-2407-Q4_K_M.gguf", or an https URL. */
  uri: string;
  /** The file name it is saved under in the models folder. */
  fileName: string;
  /** Lowercase hex SHA-256 of the file, when known; otherwise the one the server publishes is checked. */
  sha256?: string;
}

export interface ModelRecommendation {
  model: CatalogModel;
  /** One line a writer understands: "Fits in your 8 GB of GPU memory with room for a long context." */
  reason: string;
  /** Whether it is expected to run on the GPU, partly on the GPU, or on the CPU. */
  runsOn: "gpu" | "partial" | "cpu";
}

/** A GGUF file on disk, described from its own metadata. */
export interface LocalModelInfo {
  path: string;
  fileName: string;
  sizeBytes: number;
  /** general.name, when set. */
  name: string | null;
  /** general.architecture ("llama", "qwen2"…). */
  architecture: string | null;
  /** "Q4_K_M", "Q8_0", "F16"… from general.file_type. */
  quantization: string | null;
  /** The context length the model was trained with. */
  contextLength: number | null;
  /** The chat template's kind ("llama3", "chatml", "gemma"…), "custom" for one we do not recognise, null for none. */
  chatTemplate: string | null;
  /** general.license, when set. */
  license: string | null;
  /** Transformer blocks (block_count); GPU layers count these plus the output layer. */
  layers: number | null;
  /** Set instead of the metadata when the file cannot be read (truncated, not GGUF…). */
  problem: string | null;
}

/** Whether a model fits this machine with the given settings, before loading it. */
export interface FitEstimate {
  path: string;
  /** Will it load at all (GPU + RAM together)? */
  fits: boolean;
  runsOn: "gpu" | "partial" | "cpu";
  /** Layers that go to the GPU with these settings (the "auto" choice when GPU layers is auto). */
  gpuLayers: number;
  /** All offloadable layers of the model (its blocks plus the output layer). */
  totalLayers: number;
  /** Tokens per sequence; the memory figures cover every sequence. */
  contextSize: number;
  vramBytes: number;
  ramBytes: number;
  /** One line for the writer. */
  summary: string;
}

export type DownloadState = "downloading" | "paused" | "verifying" | "done" | "failed" | "cancelled";

export interface DownloadView {
  id: string;
  /** Catalog id, when it came from the catalog. */
  catalogId: string | null;
  uri: string;
  fileName: string;
  /** Where the finished file is (set once state is "done"). */
  path: string | null;
  state: DownloadState;
  downloadedBytes: number;
  /** Null until the server says. */
  totalBytes: number | null;
  bytesPerSecond: number | null;
  /** Seconds left at the current speed; null when unknown. */
  etaSeconds: number | null;
  error: string | null;
  /**
   * Once done: "matched" when the file's SHA-256 matched the catalog's or the one the server
   * publishes; "unverified" when neither was known (only the GGUF structure was checked); null for
   * a file that was already in the folder, or before the end.
   */
  checksum: "matched" | "unverified" | null;
}

/** Which model writes each level (the nodes of that level and their alts); a missing level uses the main model. */
export type LevelModels = Partial<Record<Level, string>>;
