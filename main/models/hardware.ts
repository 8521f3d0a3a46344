/**
 * What the machine offers a model: GPU backend and memory from node-llama-cpp, RAM and CPUs from
 * the OS. The `gpu` CLI command and the model manager show this; recommendModel() reads it.
 */
import os from "node:os";
import type { Llama } from "node-llama-cpp";
import type { HardwareInfo, MemoryAmount } from "../../shared/models/types";
import { getRuntime } from "../engine/llamaRuntime";
import { errorMessage, resolveThreads } from "../engine/modelFile";

/**
 * Describes this machine. `llama` is the runtime (its GPU probe already done); null when the GPU
 * probe failed, in which case the app runs on the CPU and `problem` says why.
 */
export async function detectHardware(llama: Llama | null, problem?: string): Promise<HardwareInfo> {
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  const ram: MemoryAmount = { totalBytes: os.totalmem(), freeBytes: os.freemem() };
  const base = { ram, cpus, recommendedThreads: resolveThreads("auto", cpus) };
  if (llama == null || llama.gpu === false) {
    return { ...base, gpu: false, gpuNames: [], vram: null, problem: problem ?? (llama == null ? "The GPU could not be probed." : null) };
  }
  const [names, vram] = await Promise.all([
    llama.getGpuDeviceNames().catch(() => [] as string[]),
    llama.getVramState().catch(() => null),
  ]);
  return {
    ...base,
    gpu: llama.gpu,
    gpuNames: names,
    vram: vram != null && vram.total > 0 ? { totalBytes: vram.total, freeBytes: Math.max(0, Math.min(vram.free, vram.total)) } : null,
    problem: problem ?? null,
  };
}

/** Starts (or reuses) the auto-GPU runtime and describes the machine; a failed GPU probe is reported, not thrown. */
export async function probeHardware(): Promise<HardwareInfo> {
  let llama: Llama;
  try {
    llama = await getRuntime("auto");
  } catch (err) {
    return detectHardware(null, `The GPU probe failed, so models run on the CPU: ${errorMessage(err)}`);
  }
  return detectHardware(llama);
}
