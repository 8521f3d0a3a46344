/**
 * The catalog of recommended models (resources/models/catalog.json): its schema, and which entry
 * suits a machine. Pure: main reads the file and the hardware, the renderer shows the result.
 *
 * How a model is matched to a machine (estimates from the file size, before anything is downloaded):
 * - it needs its file size plus room for the KV cache and compute buffers (0.5 GB + 15% of the file);
 * - "gpu": all of that fits in the usable GPU memory (free VRAM, plus what Cascade's loaded models
 *   hold since a new model replaces them, less a safety margin);
 * - "partial": the GPU holds at least 75% of it and the rest fits in the usable RAM;
 * - "cpu": it fits in the usable RAM (total less headroom for the OS and the app) and has at most
 *   ~8B parameters, ~4B with 4 CPU cores or fewer (bigger models write too slowly on a CPU to be
 *   pleasant).
 * The largest model that runs on the GPU (fully or partly) wins; if a larger model runs on the CPU
 * only, that wins instead. When nothing fits, there is no recommendation (null): the writer can
 * still pick a file of their own, and we never suggest a download that would not load.
 */
import { z } from "zod";
import type { CatalogModel, HardwareInfo, ModelRecommendation } from "./types";

const GB = 1024 ** 3;

const catalogModelSchema = z.object({
  id: z.string().regex(/^[a-z0-9._-]+$/, "must be lowercase letters, digits, '.', '_' or '-'"),
  name: z.string().trim().min(1),
  parameters: z.string().regex(/^\d+(\.\d+)?[MB]$/, 'must look like "1.5B" or "12B"'),
  quantization: z.string().trim().min(1),
  sizeBytes: z.number().int().positive(),
  contextLength: z.number().int().positive(),
  license: z.string().trim().min(1),
  licenseUrl: z.string().regex(/^https:\/\/\S+$/, "must be an https:// link"),
  goodFor: z.string().trim().min(1),
  uri: z.string().regex(/^(hf:[^/\s]+\/[^/\s]+\/\S+\.gguf|hf:[^/\s]+\/[^/\s]+:\S+|https:\/\/\S+)$/, "must be an hf:user/repo/file.gguf or https:// model URI"),
  fileName: z.string().regex(/^[^/\\]+\.gguf$/i, "must be a plain file name ending in .gguf"),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, "must be 64 lowercase hex digits").optional(),
});

const catalogSchema = z.object({
  version: z.literal(1),
  models: z.array(z.unknown()).min(1, "must list at least one model"),
});

/** Validates the catalog file's JSON. Throws an Error that names the bad entry and field. */
export function parseCatalog(json: unknown): CatalogModel[] {
  const top = catalogSchema.safeParse(json);
  if (!top.success) {
    const issue = top.error.issues[0]!;
    throw new Error(`The model catalog is invalid at ${issue.path.join(".") || "the top level"}: ${issue.message}`);
  }
  const models: CatalogModel[] = [];
  const ids = new Set<string>();
  top.data.models.forEach((raw, i) => {
    const parsed = catalogModelSchema.safeParse(raw);
    const id = typeof (raw as { id?: unknown } | null)?.id === "string" ? ` (“${(raw as { id: string }).id}”)` : "";
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`The model catalog's entry ${i + 1}${id} is invalid at ${issue.path.join(".") || "the entry"}: ${issue.message}`);
    }
    if (ids.has(parsed.data.id)) throw new Error(`The model catalog lists the id “${parsed.data.id}” twice.`);
    ids.add(parsed.data.id);
    const { sha256, ...rest } = parsed.data;
    models.push(sha256 === undefined ? rest : { ...rest, sha256 });
  });
  return models;
}

/** Memory a model needs beyond its file: KV cache for a few thousand tokens and compute buffers. */
export function estimatedNeedBytes(model: CatalogModel): number {
  return model.sizeBytes * 1.15 + 0.5 * GB;
}

/** "8B" → 8, "1.5B" → 1.5, "350M" → 0.35 (billions of parameters); NaN when unreadable. */
export function parameterBillions(parameters: string): number {
  const m = /^(\d+(?:\.\d+)?)([MB])$/.exec(parameters.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) / (m[2] === "M" ? 1000 : 1);
}

/** Biggest model (in billions of parameters) we suggest running on the CPU alone. */
export const CPU_MAX_BILLIONS = 8.5;
/** On a machine with this many CPUs or fewer, an 8B model writes a word or two a second: suggest a small one. */
export const FEW_CPUS = 4;
export const FEW_CPUS_MAX_BILLIONS = 4;

/** The CPU-only size limit for a machine: smaller when it has few cores (unknown counts as many). */
export function cpuMaxBillions(cpus: number | undefined): number {
  return cpus != null && cpus > 0 && cpus <= FEW_CPUS ? FEW_CPUS_MAX_BILLIONS : CPU_MAX_BILLIONS;
}
/** Smallest share of a model the GPU must hold for "partial" to be worth it. */
export const MIN_GPU_SHARE = 0.75;

/** What a model that replaces Cascade's loaded ones may use: the free memory plus what they hold, at most the total. */
export function freeWithHeld(freeBytes: number, totalBytes: number, heldBytes = 0): number {
  return Math.max(0, Math.min(totalBytes, freeBytes + Math.max(0, heldBytes)));
}

/**
 * GPU memory a model may use: the free VRAM plus what Cascade's loaded models hold (a new model
 * replaces them), less a margin for the desktop and driver. Free VRAM of 0 with nothing held means
 * the driver would not say: the total counts then.
 */
export function usableVramBytes(hw: Pick<HardwareInfo, "gpu" | "vram" | "heldByCascade">): number {
  if (hw.gpu === false || hw.vram == null || hw.vram.totalBytes <= 0) return 0;
  const held = hw.heldByCascade?.vramBytes ?? 0;
  const free = hw.vram.freeBytes > 0 || held > 0 ? freeWithHeld(hw.vram.freeBytes, hw.vram.totalBytes, held) : hw.vram.totalBytes;
  return Math.max(0, free - Math.max(0.25 * GB, 0.05 * hw.vram.totalBytes));
}

/** RAM a model may use: the total less headroom for the OS, the app and a browser (3 GB or a quarter). */
export function usableRamBytes(hw: Pick<HardwareInfo, "ram">): number {
  return Math.max(0, hw.ram.totalBytes - Math.max(3 * GB, 0.25 * hw.ram.totalBytes));
}

interface Placement {
  model: CatalogModel;
  runsOn: ModelRecommendation["runsOn"];
  gpuShare: number;
}

function place(model: CatalogModel, vram: number, ram: number, cpuLimit: number): Placement | null {
  const need = estimatedNeedBytes(model);
  if (vram > 0 && need <= vram) return { model, runsOn: "gpu", gpuShare: 1 };
  if (vram > 0 && vram / need >= MIN_GPU_SHARE && need - vram <= ram) return { model, runsOn: "partial", gpuShare: vram / need };
  const billions = parameterBillions(model.parameters);
  if (need <= ram && (Number.isNaN(billions) || billions <= cpuLimit)) return { model, runsOn: "cpu", gpuShare: 0 };
  return null;
}

const RUNS_ON_RANK = { gpu: 2, partial: 1, cpu: 0 } as const;

/** The largest catalog model that runs well on this machine, with one line saying why; null when none fits. */
export function recommendModel(
  models: CatalogModel[],
  hw: Pick<HardwareInfo, "gpu" | "vram" | "ram" | "heldByCascade"> & Partial<Pick<HardwareInfo, "cpus">>,
): ModelRecommendation | null {
  const vram = usableVramBytes(hw);
  const ram = usableRamBytes(hw);
  const cpuLimit = cpuMaxBillions(hw.cpus);
  const placed = models.map((m) => place(m, vram, ram, cpuLimit)).filter((p): p is Placement => p !== null);
  if (placed.length === 0) return null;
  placed.sort((a, b) => b.model.sizeBytes - a.model.sizeBytes || RUNS_ON_RANK[b.runsOn] - RUNS_ON_RANK[a.runsOn]);
  const best = placed[0]!;
  return { model: best.model, runsOn: best.runsOn, reason: reasonFor(best, hw) };
}

function reasonFor(p: Placement, hw: Pick<HardwareInfo, "gpu" | "vram" | "ram"> & Partial<Pick<HardwareInfo, "cpus">>): string {
  const vramText = hw.vram ? formatGb(hw.vram.totalBytes) : "";
  const ramText = formatGb(hw.ram.totalBytes);
  switch (p.runsOn) {
    case "gpu":
      return `Fits entirely in your ${vramText} of GPU memory, with room for the story so far, so it writes quickly.`;
    case "partial":
      return `Most of it (about ${Math.round(p.gpuShare * 100)}%) fits in your ${vramText} of GPU memory and the rest runs from your ${ramText} of RAM: a little slower, but a stronger writer.`;
    case "cpu":
      if (cpuMaxBillions(hw.cpus) < CPU_MAX_BILLIONS)
        return `No usable GPU found and ${hw.cpus} CPU cores: a small model like this one keeps writing at a usable speed on the CPU.`;
      return hw.gpu === false || hw.vram == null
        ? `No usable GPU found: it runs on the CPU from your ${ramText} of RAM, and a model this size still writes at a usable speed.`
        : `Your ${vramText} of GPU memory is too small to help much: it runs on the CPU from your ${ramText} of RAM at a usable speed.`;
  }
}

/** Bytes as a writer reads them: "8 GB", "5.8 GB", "512 MB". */
export function formatGb(bytes: number): string {
  if (bytes < GB) return `${Math.round(bytes / 1024 ** 2)} MB`;
  const gb = bytes / GB;
  return `${gb >= 10 ? Math.round(gb) : Math.round(gb * 10) / 10} GB`;
}
