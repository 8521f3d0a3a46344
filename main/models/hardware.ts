/**
 * What the machine offers a model: GPU backend and memory from node-llama-cpp, RAM and CPUs from
 * the OS. The `gpu` CLI command and the model manager show this; recommendModel() reads it.
 */
import os from "node:os";
import type { Llama } from "node-llama-cpp";
import type { HardwareInfo, HeldMemory, MemoryAmount } from "../../shared/models/types";
import { getRuntime } from "../engine/llamaRuntime";
import { errorMessage, resolveThreads } from "../engine/modelFile";

/** Of `held` bytes, the part this memory can account for: never more than it has in use. */
function heldIn(memory: MemoryAmount | null, held: number): number {
  if (memory == null) return 0;
  return Math.max(0, Math.min(held, memory.totalBytes - memory.freeBytes));
}

/**
 * Describes this machine. `llama` is the runtime (its GPU probe already done); null when the GPU
 * probe failed, in which case the app runs on the CPU and `problem` says why. `held` is what the
 * engines loaded in this process take (the host knows): free memory counts it as used, and
 * `heldByCascade` reports it, capped at what is in use.
 */
export async function detectHardware(llama: Llama | null, problem?: string, held: HeldMemory = { vramBytes: 0, ramBytes: 0 }): Promise<HardwareInfo> {
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  const ram: MemoryAmount = { totalBytes: os.totalmem(), freeBytes: os.freemem() };
  const base = { ram, cpus, recommendedThreads: resolveThreads("auto", cpus) };
  if (llama == null || llama.gpu === false) {
    const heldByCascade = { vramBytes: 0, ramBytes: heldIn(ram, held.ramBytes) };
    return { ...base, gpu: false, gpuNames: [], vram: null, problem: problem ?? (llama == null ? "The GPU could not be probed." : null), heldByCascade };
  }
  const [names, state] = await Promise.all([
    llama.getGpuDeviceNames().catch(() => [] as string[]),
    llama.getVramState().catch(() => null),
  ]);
  const vram = state != null && state.total > 0 ? { totalBytes: state.total, freeBytes: Math.max(0, Math.min(state.free, state.total)) } : null;
  return {
    ...base,
    gpu: llama.gpu,
    gpuNames: names,
    vram,
    problem: problem ?? null,
    heldByCascade: { vramBytes: heldIn(vram, held.vramBytes), ramBytes: heldIn(ram, held.ramBytes) },
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
