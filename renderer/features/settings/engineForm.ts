/**
 * The "Model & performance" form: each engine setting is a mode (Auto, Off, a number) plus the
 * number as typed. Pure; tested in engineForm.test.ts.
 */
import type { AppSettingsView } from "../../../shared/ipc/contract";
import { ENGINE_RANGES, type EngineSettingKey } from "../../../shared/ipc/engineSettings";
import { readNumber } from "./numberText";

export const ENGINE_KEYS = ["threads", "gpuLayers", "contextSize"] as const satisfies readonly EngineSettingKey[];

export type EngineMode = "auto" | "off" | "number";
export interface EngineChoice {
  mode: EngineMode;
  /** The number as typed; kept while another mode is chosen, so switching back restores it. */
  text: string;
}
export type EngineForm = Record<EngineSettingKey, EngineChoice>;
export type EngineValues = Pick<AppSettingsView, EngineSettingKey>;

/** The modes each setting offers, in menu order. */
export const ENGINE_MODES: Readonly<Record<EngineSettingKey, readonly EngineMode[]>> = {
  threads: ["auto", "number"],
  gpuLayers: ["auto", "off", "number"],
  contextSize: ["auto", "number"],
};

/** Where the number starts when the writer leaves Auto and has typed none yet. */
const STARTING_NUMBER: Readonly<Record<EngineSettingKey, number>> = { threads: 4, gpuLayers: 32, contextSize: 4096 };

export function engineFormFrom(values: EngineValues): EngineForm {
  const choice = (v: string | number): EngineChoice => (typeof v === "number" ? { mode: "number", text: String(v) } : { mode: v as EngineMode, text: "" });
  return { threads: choice(values.threads), gpuLayers: choice(values.gpuLayers), contextSize: choice(values.contextSize) };
}

/** The choice with another mode; a number mode with nothing typed starts from a sensible number. */
export function withMode(key: EngineSettingKey, choice: EngineChoice, mode: EngineMode): EngineChoice {
  const text = mode === "number" && !choice.text.trim() ? String(STARTING_NUMBER[key]) : choice.text;
  return { mode, text };
}

export interface EngineRead {
  /** The settings to save; null while any field is invalid. */
  values: EngineValues | null;
  errors: Partial<Record<EngineSettingKey, string>>;
}

export function readEngineForm(form: EngineForm): EngineRead {
  const errors: EngineRead["errors"] = {};
  const out: Record<string, string | number> = {};
  for (const key of ENGINE_KEYS) {
    const choice = form[key];
    if (!ENGINE_MODES[key].includes(choice.mode)) {
      errors[key] = "Choose one of the options";
      continue;
    }
    if (choice.mode !== "number") {
      out[key] = choice.mode;
      continue;
    }
    const read = readNumber(choice.text, ENGINE_RANGES[key]);
    if (read.ok) out[key] = read.value;
    else errors[key] = read.error;
  }
  return Object.keys(errors).length ? { values: null, errors } : { values: out as unknown as EngineValues, errors };
}

export function sameEngineValues(a: EngineValues, b: EngineValues): boolean {
  return ENGINE_KEYS.every((key) => a[key] === b[key]);
}
