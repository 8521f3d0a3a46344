/**
 * Hardware and fit questions, answered with the llama runtime of whichever process runs the engine
 * (this one for the in-process host, the engine process for the process host). A GPU runtime that
 * will not start (a broken driver) is not an error here: the answer comes from the CPU-only runtime,
 * with the problem said.
 *
 * Free memory is measured in that process, which also holds the models the host has loaded; a model
 * loaded next replaces them (ModelService unloads first), so both answers count what they hold as
 * available: the host tracks it per engine (footprint.ts's HeldEngines) and passes the sum in.
 */
import type { Llama } from "node-llama-cpp";
import type { FitEstimate, HardwareInfo, HeldMemory } from "../../../shared/models/types";
import { ModelLoadError } from "../engineTypes";
import { NOTHING_HELD } from "../footprint";
import { getRuntime, type GpuMode } from "../llamaRuntime";
import { errorMessage } from "../modelFile";
import type { FitSettings } from "./engineHost";

interface RuntimeChoice {
  llama: Llama | null;
  problem?: string;
}

/** The runtime for `mode`, falling back from the GPU runtime to the CPU-only one. */
async function runtimeFor(mode: GpuMode): Promise<RuntimeChoice> {
  try {
    return { llama: await getRuntime(mode) };
  } catch (err) {
    const problem = `${mode === "off" ? "The llama.cpp runtime" : "The GPU runtime"} could not start: ${errorMessage(err)}`;
    if (mode === "off") return { llama: null, problem };
    try {
      return { llama: await getRuntime("off"), problem };
    } catch {
      return { llama: null, problem };
    }
  }
}

/** The machine; `held` is what the host's loaded engines take (reported as `heldByCascade`). */
export async function hardwareInfo(held: HeldMemory = NOTHING_HELD): Promise<HardwareInfo> {
  const { detectHardware } = await import("../../models/hardware");
  const { llama, problem } = await runtimeFor("auto");
  return detectHardware(llama, problem, held);
}

/** Whether `path` fits, counting what the host's loaded engines take (`held`) as free. */
export async function fitEstimate(path: string, settings: FitSettings, held: HeldMemory = NOTHING_HELD): Promise<FitEstimate> {
  const { estimateFit } = await import("../../models/fitEstimate");
  const { llama, problem } = await runtimeFor(settings.gpuLayers === "off" ? "off" : "auto");
  if (!llama) {
    throw new ModelLoadError("load-failed", path, problem ?? "The llama.cpp runtime could not start.", "Reinstall Cascade; if that does not help, report the problem.");
  }
  return estimateFit(llama, path, settings, held);
}
