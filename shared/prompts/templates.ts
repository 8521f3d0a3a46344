/**
 * Instruction templates, one per generated level. Their versions live in templateVersions.ts and are
 * part of every generated node's basis: edit a template here, bump its version there.
 */
import type { Form, Level } from "../story/model";

type ChildLevel = Exclude<Level, "premise">;

export const ROLE =
  "You are a skilled co-writer developing a story top-down: premise, then outline beats, then scenes, then lines. " +
  "Stay consistent with the story bible and everything above. Be concrete and specific; avoid cliché. " +
  "Answer only with JSON in the requested shape.";

const NOUN: Record<ChildLevel, [string, string]> = {
  beat: ["outline beat", "outline beats"],
  scene: ["scene", "scenes"],
  line: ["line", "lines"],
};

/** The system prompt for generating children at `level`. */
export function systemPrompt(level: ChildLevel, form: Form): string {
  return `${ROLE}\n\n${LEVEL_GUIDE[level](form)}`;
}

export const LEVEL_GUIDE: Record<ChildLevel, (form: Form) => string> = {
  beat: (form) =>
    `Outline beats are the major turns of the ${form === "screenplay" ? "screenplay" : "story"}, in order. ` +
    `Each beat has a short title and two or three sentences saying what happens and what changes.`,
  scene: (form) =>
    form === "screenplay"
      ? "Each scene has a scene heading as its title (INT./EXT. PLACE - TIME) and a card: who is there, what they want, what happens, and the turn."
      : "Each scene has a short title and a card: who is there, where, what happens, and the turn that ends it.",
  line: (form) =>
    form === "screenplay"
      ? 'Each line is one line of dialogue with its speaker (a character name in capitals), or an action line with an empty speaker.'
      : "Each line is one paragraph of finished prose, in the story's voice, continuing from the one before.",
};

/** The task sentence that ends the user prompt. */
export function taskPrompt(level: ChildLevel, form: Form, count: number, keptCount: number): string {
  const [one, many] = NOUN[level];
  const noun = count === 1 ? one : many;
  const kept = keptCount > 0 ? ` ${keptCount} ${keptCount === 1 ? one + " is" : many + " are"} kept as the writer wrote them (listed above); write the others so the whole reads as one.` : "";
  const shape =
    level === "line"
      ? form === "screenplay"
        ? '{"items":[{"speaker":"...","text":"..."}]}'
        : '{"items":[{"text":"..."}]}'
      : '{"items":[{"title":"...","text":"..."}]}';
  return `Write ${count} ${noun}.${kept} Answer as JSON: ${shape}`;
}
