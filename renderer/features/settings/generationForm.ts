/**
 * The "Generation for this project" form: sampling per level and how many children to ask for, as
 * typed, read into the change a `setProjectSettings` operation carries. Pure; tested in
 * generationForm.test.ts.
 */
import {
  CHILD_COUNT_RANGE,
  CHILD_LEVELS,
  SAMPLING_FIELD_LABELS,
  SAMPLING_FIELDS,
  SAMPLING_RANGES,
  type ChildLevel,
  type ProjectSettingsChange,
  type SamplingField,
} from "../../../shared/story/generationSettings";
import { DEFAULT_CHILD_COUNT, LEVELS, type Level, type ProjectSettings } from "../../../shared/story/model";
import { DEFAULT_SAMPLING } from "../../../shared/story/sampling";
import { numberText, readNumber } from "./numberText";

export interface GenerationForm {
  counts: Record<ChildLevel, string>;
  sampling: Record<Level, Record<SamplingField, string>>;
}

export type GenerationValues = Pick<ProjectSettings, "childCount" | "sampling">;

export const LEVEL_LABELS: Readonly<Record<Level, string>> = { premise: "Premise", beat: "Beats", scene: "Scenes", line: "Lines" };
export const COUNT_LABELS: Readonly<Record<ChildLevel, string>> = { beat: "beats", scene: "per beat", line: "per scene" };
const COUNT_NAMES: Readonly<Record<ChildLevel, string>> = { beat: "Beats to write", scene: "Scenes per beat", line: "Lines per scene" };

/** Keys of the form's fields, for errors and test ids: "beat.temperature", "count.scene". */
export const samplingKey = (level: Level, field: SamplingField) => `${level}.${field}`;
export const countKey = (level: ChildLevel) => `count.${level}`;

export function generationFormFrom(values: GenerationValues): GenerationForm {
  const sampling = {} as GenerationForm["sampling"];
  for (const level of LEVELS) {
    const row = {} as Record<SamplingField, string>;
    for (const field of SAMPLING_FIELDS) row[field] = numberText(values.sampling[level][field]);
    sampling[level] = row;
  }
  const counts = {} as GenerationForm["counts"];
  for (const level of CHILD_LEVELS) counts[level] = numberText(values.childCount[level]);
  return { counts, sampling };
}

export function defaultGenerationForm(): GenerationForm {
  return generationFormFrom({ childCount: DEFAULT_CHILD_COUNT, sampling: DEFAULT_SAMPLING });
}

export function withSampling(form: GenerationForm, level: Level, field: SamplingField, text: string): GenerationForm {
  return { ...form, sampling: { ...form.sampling, [level]: { ...form.sampling[level], [field]: text } } };
}

export function withCount(form: GenerationForm, level: ChildLevel, text: string): GenerationForm {
  return { ...form, counts: { ...form.counts, [level]: text } };
}

export interface GenerationRead {
  /** Field key → what is wrong, in the order the form shows them. */
  errors: Record<string, string>;
  /** What differs from `current`, when every field is valid and something differs; else null. */
  change: ProjectSettingsChange | null;
}

export function readGenerationForm(form: GenerationForm, current: GenerationValues): GenerationRead {
  const errors: Record<string, string> = {};
  const change: Required<ProjectSettingsChange> = { childCount: {}, sampling: {} };
  let changed = false;
  for (const level of LEVELS) {
    for (const field of SAMPLING_FIELDS) {
      const read = readNumber(form.sampling[level][field], SAMPLING_RANGES[field]);
      if (!read.ok) errors[samplingKey(level, field)] = `${LEVEL_LABELS[level]}, ${SAMPLING_FIELD_LABELS[field]}: ${lower(read.error)}`;
      else if (read.value !== current.sampling[level][field]) {
        change.sampling[level] = { ...change.sampling[level], [field]: read.value };
        changed = true;
      }
    }
    const child = level === "premise" ? null : level;
    if (!child) continue;
    const read = readNumber(form.counts[child], CHILD_COUNT_RANGE);
    if (!read.ok) errors[countKey(child)] = `${COUNT_NAMES[child]}: ${lower(read.error)}`;
    else if (read.value !== current.childCount[child]) {
      change.childCount[child] = read.value;
      changed = true;
    }
  }
  if (Object.keys(errors).length || !changed) return { errors, change: null };
  const out: ProjectSettingsChange = {};
  if (Object.keys(change.childCount).length) out.childCount = change.childCount;
  if (Object.keys(change.sampling).length) out.sampling = change.sampling;
  return { errors, change: out };
}

function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
