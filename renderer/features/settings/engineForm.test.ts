import { describe, expect, it } from "vitest";
import { engineFormFrom, readEngineForm, sameEngineValues, withMode, type EngineForm } from "./engineForm";

const auto = { threads: "auto", gpuLayers: "auto", contextSize: "auto" } as const;

describe("engine form", () => {
  it("round-trips saved settings", () => {
    for (const values of [auto, { threads: 6, gpuLayers: "off", contextSize: 8192 }, { threads: "auto", gpuLayers: 0, contextSize: 512 }] as const) {
      expect(readEngineForm(engineFormFrom(values))).toEqual({ values, errors: {} });
    }
    expect(engineFormFrom({ threads: 6, gpuLayers: "off", contextSize: "auto" })).toEqual({
      threads: { mode: "number", text: "6" },
      gpuLayers: { mode: "off", text: "" },
      contextSize: { mode: "auto", text: "" },
    });
  });

  it("starts a number from a sensible value, and keeps a typed one across mode switches", () => {
    const form = engineFormFrom(auto);
    expect(withMode("threads", form.threads, "number")).toEqual({ mode: "number", text: "4" });
    expect(withMode("contextSize", form.contextSize, "number")).toEqual({ mode: "number", text: "4096" });
    const typed = { mode: "number" as const, text: "12" };
    expect(withMode("gpuLayers", withMode("gpuLayers", typed, "off"), "number")).toEqual(typed);
  });

  it("reports each invalid number and offers nothing to save", () => {
    const form: EngineForm = {
      threads: { mode: "number", text: "0" },
      gpuLayers: { mode: "number", text: "" },
      contextSize: { mode: "number", text: "100" },
    };
    const read = readEngineForm(form);
    expect(read.values).toBeNull();
    expect(read.errors).toEqual({
      threads: "Must be a whole number from 1 to 256",
      gpuLayers: "Enter a number",
      contextSize: "Must be a whole number from 512 to 1048576",
    });
    // A typed number that is invalid does not matter while Auto is chosen.
    expect(readEngineForm({ ...form, threads: { mode: "auto", text: "0" }, gpuLayers: { mode: "off", text: "" }, contextSize: { mode: "auto", text: "x" } }).values).toEqual({
      threads: "auto",
      gpuLayers: "off",
      contextSize: "auto",
    });
    // "Off" is only a mode of GPU layers.
    expect(readEngineForm({ ...engineFormFrom(auto), threads: { mode: "off", text: "" } }).errors.threads).toBeTruthy();
  });

  it("compares values", () => {
    expect(sameEngineValues(auto, { ...auto })).toBe(true);
    expect(sameEngineValues(auto, { ...auto, threads: 2 })).toBe(false);
  });
});
