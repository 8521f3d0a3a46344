/**
 * Hardware and fit questions, answered with the llama runtime of whichever process runs the engine
 * (this one for the in-process host, the engine process for the process host). A GPU runtime that
 * will not start (a broken driver) is not an error here: the answer comes from the CPU-only runtime,
 * with the problem said.
 */
import type { Llama } from "node-llama-cpp";
import type { FitEstimate, HardwareInfo } from "../../../shared/models/types";
import { ModelLoadError } from "../engineTypes";
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

export async function hardwareInfo(): Promise<HardwareInfo> {
  const { detectHardware } = await import("../../models/hardware");
  const { llama, problem } = await runtimeFor("auto");
  return detectHardware(llama, problem);
}

export async function fitEstimate(path: string, settings: FitSettings): Promise<FitEstimate> {
  const { estimateFit } = await import("../../models/fitEstimate");
  const { llama, problem } = await runtimeFor(settings.gpuLayers === "off" ? "off" : "auto");
  if (!llama) {
    throw new ModelLoadError("load-failed", path, problem ?? "The llama.cpp runtime could not start.", "Reinstall Cascade; if that does not help, report the problem.");
  }
  return estimateFit(llama, path, settings);
}
