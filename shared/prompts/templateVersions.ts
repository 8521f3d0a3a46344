import type { Level } from "../story/model";

/**
 * The version of each level's instruction template. Bump a level's version when its template or
 * output schema changes meaning: every node generated with the old one becomes stale.
 */
export const TEMPLATE_VERSIONS: Record<Level, string> = {
  premise: "premise-1",
  beat: "beat-1",
  scene: "scene-1",
  line: "line-1",
};

/** The version of the alt templates (altPrompt.ts), recorded in every generated alt's provenance. */
export const ALT_TEMPLATE_VERSION = "alt-1";
