/**
 * How the model manager writes numbers for a writer: sizes ("4.9 GB"), speeds ("12.3 MB/s"), time
 * left ("3 min left"), memory, context lengths, the GPU, and a download's progress line. File sizes
 * are decimal (1 GB = 1,000,000,000 bytes), as model pages and download sites give them; memory
 * (RAM, GPU memory, what a model needs of them) is binary, as the system reports it, so a 16 GB
 * machine reads "16 GB". Pure; tested in format.test.ts.
 */
import type { ModelStatus } from "../../../shared/ipc/contract";
import type { DownloadView, FitEstimate, GpuBackend, HardwareInfo, MemoryAmount } from "../../../shared/models/types";

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** "512 B", "1.2 MB", "986 MB", "4.9 GB": three significant digits at most, one decimal below 100. */
export function formatBytes(bytes: number, base: 1000 | 1024 = 1000): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= (base === 1000 ? 999.95 : 1000) && unit < UNITS.length - 1) {
    value /= base;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${value < 99.95 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** "12 s left", "3 min left", "1 h 20 min left". */
export function formatTimeLeft(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${Math.max(1, s)} s left`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min left` : `${h} h left`;
}

/** An amount of memory, in binary units as the system shows them: 16 GiB reads "16.0 GB". */
export function formatMemoryBytes(bytes: number): string {
  return formatBytes(bytes, 1024);
}

/** "6.1 GB free of 8.0 GB". */
export function formatMemory(memory: MemoryAmount): string {
  return `${formatMemoryBytes(memory.freeBytes)} free of ${formatMemoryBytes(memory.totalBytes)}`;
}

/** "2,048 tokens". */
export function formatContext(tokens: number | null): string {
  return tokens === null ? "—" : `${tokens.toLocaleString("en-US")} tokens`;
}

const BACKENDS: Record<Exclude<GpuBackend, false>, string> = { cuda: "CUDA", vulkan: "Vulkan", metal: "Metal" };

/** "CUDA", "Vulkan", "Metal", or "CPU only" when no GPU was found. */
export function backendName(gpu: GpuBackend): string {
  return gpu === false ? "CPU only" : BACKENDS[gpu];
}

/** One line on the machine's GPU: "CUDA · NVIDIA GeForce RTX 4070", "CPU only — no GPU found". */
export function gpuLine(hw: HardwareInfo): string {
  if (hw.gpu === false) return "CPU only — no GPU found";
  return hw.gpuNames.length ? `${backendName(hw.gpu)} · ${hw.gpuNames.join(", ")}` : backendName(hw.gpu);
}

export const RUNS_ON_LABELS: Record<FitEstimate["runsOn"], string> = { gpu: "Runs on the GPU", partial: "Partly on the GPU", cpu: "Runs on the CPU" };

/** "5 of 5 layers on the GPU" (or "None of the 5 layers…" on the CPU). */
export function layersLine(estimate: Pick<FitEstimate, "gpuLayers" | "totalLayers">): string {
  if (estimate.gpuLayers <= 0) return `None of the ${estimate.totalLayers} layers on the GPU`;
  return `${estimate.gpuLayers} of ${estimate.totalLayers} layers on the GPU`;
}

/** "Needs 1.2 GB of GPU memory and 300 MB of RAM" (GPU memory left out when none is needed). */
export function memoryLine(estimate: Pick<FitEstimate, "vramBytes" | "ramBytes">): string {
  if (estimate.vramBytes <= 0) return `Needs ${formatMemoryBytes(estimate.ramBytes)} of RAM`;
  return `Needs ${formatMemoryBytes(estimate.vramBytes)} of GPU memory and ${formatMemoryBytes(estimate.ramBytes)} of RAM`;
}

/** How the loaded model runs: "On the CPU · context 2,048 tokens · 1 thread". */
export function loadedLine(loaded: NonNullable<ModelStatus["loaded"]>): string {
  const where =
    loaded.gpu === false || loaded.gpuLayers <= 0 ? "On the CPU" : `${loaded.gpuLayers} GPU layer${loaded.gpuLayers === 1 ? "" : "s"} (${backendName(loaded.gpu as GpuBackend)})`;
  return `${where} · context ${formatContext(loaded.contextSize)} · ${loaded.threads} thread${loaded.threads === 1 ? "" : "s"}`;
}

/** How far a download is, in [0, 1]; null while the size is unknown. */
export function downloadFraction(d: DownloadView): number | null {
  if (d.state === "done" || d.state === "verifying") return 1;
  if (!d.totalBytes || d.totalBytes <= 0) return null;
  return Math.min(1, Math.max(0, d.downloadedBytes / d.totalBytes));
}

/** The line under a download's bar: "1.2 GB of 4.9 GB · 12.3 MB/s · 3 min left". */
export function downloadLine(d: DownloadView): string {
  const amount = d.totalBytes ? `${formatBytes(d.downloadedBytes)} of ${formatBytes(d.totalBytes)}` : formatBytes(d.downloadedBytes);
  switch (d.state) {
    case "downloading": {
      const parts = [amount];
      if (d.bytesPerSecond !== null && d.bytesPerSecond > 0) parts.push(formatSpeed(d.bytesPerSecond));
      if (d.etaSeconds !== null) parts.push(formatTimeLeft(d.etaSeconds));
      else parts.push("starting…");
      return parts.join(" · ");
    }
    case "paused":
      return `Paused at ${amount}`;
    case "verifying":
      return "Checking the downloaded file…";
    case "done":
      return `Downloaded ${formatBytes(d.totalBytes ?? d.downloadedBytes)}`;
    case "failed":
      return d.error ? `Failed: ${d.error}` : "The download failed.";
    case "cancelled":
      return "Cancelled";
  }
}

/** A fraction as a whole percentage, for aria-valuenow and the label. */
export function percent(fraction: number): number {
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}
