/**
 * `models [--dir <folder>]`: the GGUF models in the models folder, each described from its metadata
 * (a broken file is listed with its problem). `gpu`: what this machine offers a model — the GPU
 * backend and memory node-llama-cpp finds, RAM, CPUs and what "auto" threads means here.
 */
import type { HardwareInfo, LocalModelInfo } from "../../shared/models/types";
import { probeHardware } from "../models/hardware";
import { listLocalModels } from "../models/modelLibrary";
import { modelsDir } from "../storage/paths";
import type { Command } from "./args";
import { writeJson, type CliIo } from "./output";

type ModelsCmd = Extract<Command, { name: "models" }>;

export async function modelsCommand(cmd: ModelsCmd, json: boolean, io: CliIo): Promise<number> {
  const dir = cmd.dir ?? modelsDir();
  const models = await listLocalModels(dir);
  if (json) {
    writeJson(io, { dir, models });
    return 0;
  }
  if (models.length === 0) {
    io.stdout.write(`No models in ${dir}.\nDownload one in the app (the Models screen), or put a .gguf file there.\n`);
    return 0;
  }
  io.stdout.write(`${models.length} ${models.length === 1 ? "model" : "models"} in ${dir}\n\n${renderModelTable(models)}`);
  return 0;
}

/** A fixed-width table: one row per model, then each problem under its file. */
export function renderModelTable(models: LocalModelInfo[]): string {
  const header = ["File", "Name", "Quant", "Size", "Context", "Layers", "Template"];
  const rows = models.map((m) =>
    m.problem != null
      ? [m.fileName, "(unreadable)", "", formatSize(m.sizeBytes), "", "", ""]
      : [m.fileName, m.name ?? "", m.quantization ?? "?", formatSize(m.sizeBytes), m.contextLength?.toString() ?? "?", m.layers?.toString() ?? "?", m.chatTemplate ?? "none"],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  const problems = models.filter((m) => m.problem != null).map((m) => `! ${m.fileName}: ${m.problem}`);
  return `${out.join("\n")}\n${problems.length > 0 ? `\n${problems.join("\n")}\n` : ""}`;
}

export async function gpuCommand(json: boolean, io: CliIo): Promise<number> {
  const hw = await probeHardware();
  if (json) writeJson(io, hw);
  else io.stdout.write(`${describeHardware(hw)}\n`);
  return 0;
}

/** "GPU: none (CPU only) · RAM 23.4 GB free of 24 GB · 2 CPUs · threads auto → 1", and the probe's problem if any. */
export function describeHardware(hw: HardwareInfo): string {
  const gpu =
    hw.gpu === false
      ? "GPU: none (CPU only)"
      : `GPU: ${hw.gpu}${hw.gpuNames.length > 0 ? ` (${hw.gpuNames.join(", ")})` : ""}${hw.vram ? ` · VRAM ${gb(hw.vram.freeBytes)} free of ${gb(hw.vram.totalBytes)}` : ""}`;
  const parts = [gpu, `RAM ${gb(hw.ram.freeBytes)} free of ${gb(hw.ram.totalBytes)}`, `${hw.cpus} ${hw.cpus === 1 ? "CPU" : "CPUs"}`, `threads auto → ${hw.recommendedThreads}`];
  return parts.join(" · ") + (hw.problem ? `\nNote: ${hw.problem}` : "");
}

function gb(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1).replace(/\.0$/, "")} GB`;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return gb(bytes);
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1).replace(/\.0$/, "")} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}
