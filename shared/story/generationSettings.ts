/**
 * The ranges a writer may choose for a project's generation settings (sampling per level, how many
 * children to ask for). One table read by the `setProjectSettings` operation (which enforces it), the
 * contract's schema (which rejects bad input early) and the settings dialog (which explains it).
 */
import type { Level } from "./model";
import type { SamplingProfile } from "./sampling";

export interface NumberRange {
  min: number;
  max: number;
  /** The step a number input offers. */
  step: number;
  integer: boolean;
}

export const SAMPLING_FIELDS = ["temperature", "topP", "minP", "maxTokens"] as const satisfies ReadonlyArray<keyof SamplingProfile>;
export type SamplingField = (typeof SAMPLING_FIELDS)[number];

export const SAMPLING_RANGES: Readonly<Record<SamplingField, NumberRange>> = {
  temperature: { min: 0, max: 2, step: 0.05, integer: false },
  topP: { min: 0, max: 1, step: 0.01, integer: false },
  minP: { min: 0, max: 1, step: 0.01, integer: false },
  maxTokens: { min: 16, max: 4096, step: 1, integer: true },
};

/** How the settings dialog and error messages name each field. */
export const SAMPLING_FIELD_LABELS: Readonly<Record<SamplingField, string>> = {
  temperature: "temperature",
  topP: "top-p",
  minP: "min-p",
  maxTokens: "max tokens per item",
};

/** Child count per generation: the same cap a children job has (generation.ts). */
export const CHILD_COUNT_RANGE: Readonly<NumberRange> = { min: 1, max: 64, step: 1, integer: true };

export const CHILD_LEVELS = ["beat", "scene", "line"] as const satisfies ReadonlyArray<Exclude<Level, "premise">>;
export type ChildLevel = (typeof CHILD_LEVELS)[number];

/** What `setProjectSettings` may change: any subset of the child counts and sampling fields. */
export interface ProjectSettingsChange {
  childCount?: Partial<Record<ChildLevel, number>>;
  sampling?: Partial<Record<Level, Partial<SamplingProfile>>>;
}

/** Why a value does not fit the range ("must be a whole number from 1 to 64"), or null when it does. */
export function rangeProblem(value: number, range: NumberRange): string | null {
  const fits = Number.isFinite(value) && value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value));
  if (fits) return null;
  return range.integer ? `must be a whole number from ${range.min} to ${range.max}` : `must be between ${range.min} and ${range.max}`;
}
