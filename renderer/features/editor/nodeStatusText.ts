/**
 * The editor's status line in words: freshness with its reason, who wrote the text, whether it is
 * locked, and whether the model is rewriting it right now. Pure; tested in nodeStatusText.test.ts.
 */
import type { Origin } from "../../../shared/story/model";
import type { NodeStatus } from "../../../shared/story/staleness";
import { originLabel } from "../tree/nodeText";

export interface StatusParts {
  freshness: NodeStatus["freshness"];
  /** "Up to date", "Stale", "Inputs changed". */
  headline: string;
  /** The reason, when not fresh. */
  detail: string;
  /** "Written by you · Locked". */
  facts: string;
}

export function nodeStatusText(status: NodeStatus, origin: Origin, locked: boolean, isRoot: boolean, streaming: boolean): StatusParts {
  const facts = [isRoot ? "Written by you" : originLabel(origin)];
  if (locked) facts.push("Locked");
  if (streaming) {
    return {
      freshness: status.freshness,
      headline: "Being rewritten",
      detail: "The model is writing new text for this. If you edit it now, your version wins.",
      facts: facts.join(" · "),
    };
  }
  const headline = status.freshness === "stale" ? "Stale" : status.freshness === "inputs-changed" ? "Inputs changed" : "Up to date";
  return { freshness: status.freshness, headline, detail: status.reason, facts: facts.join(" · ") };
}
