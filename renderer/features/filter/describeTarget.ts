/**
 * Where "Describe the qualities instead" takes the writer: to the field that holds the style request
 * — the alts angle when the name was typed there, else the node (itself or the nearest ancestor)
 * whose text holds it, since a name in the premise reaches every prompt below it. Pure; tested in
 * describeTarget.test.ts.
 */
import type { FilterMatch } from "../../../shared/filter/types";
import type { Project } from "../../../shared/story/model";
import type { PreviewInput } from "./preflight";

export type DescribeTarget = { kind: "angle" } | { kind: "node"; nodeId: string };

/** The DOM id of the alts panel's angle field, so the dialog can put the cursor there. */
export const ALTS_ANGLE_INPUT_ID = "alts-angle";

export function describeTarget(project: Project, preview: PreviewInput, matches: FilterMatch[]): DescribeTarget {
  const spans = matches.filter((m) => m.action !== "allow").map((m) => fold(m.matched));
  const holds = (text: string | undefined) => Boolean(text) && spans.some((s) => fold(text!).includes(s));
  if (preview.purpose === "alts" && holds(preview.angle)) return { kind: "angle" };
  for (let id: string | null = preview.nodeId; id; ) {
    const node: Project["nodes"][string] | undefined = project.nodes[id];
    if (!node) break;
    if (holds(node.text) || holds(node.title)) return { kind: "node", nodeId: node.id };
    id = node.parentId;
  }
  return preview.purpose === "alts" && preview.angle ? { kind: "angle" } : { kind: "node", nodeId: preview.nodeId };
}

function fold(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ");
}
