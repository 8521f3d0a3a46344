/**
 * Numbers typed into the settings dialog: the text as typed, read against a range. Pure; tested in
 * numberText.test.ts.
 */
import { rangeProblem, type NumberRange } from "../../../shared/story/generationSettings";

export type NumberRead = { ok: true; value: number } | { ok: false; error: string };

/** The number in `text`, or why it is not one the range allows ("Must be between 0 and 2"). */
export function readNumber(text: string, range: NumberRange): NumberRead {
  const t = text.trim();
  if (!t) return { ok: false, error: "Enter a number" };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, error: "Enter a number" };
  const problem = rangeProblem(value, range);
  return problem ? { ok: false, error: capitalize(problem) } : { ok: true, value };
}

/** How a stored number is shown for editing: as short as it reads exactly (0.9, not 0.90). */
export function numberText(value: number): string {
  return String(value);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
