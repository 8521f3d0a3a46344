/**
 * A decision's matches as the writer sees them: a few lines of the text around each one with the
 * matched span highlighted (and, for a rewrite, struck through with the new words beside it), then
 * one reason line per match. Shared by the filter dialog and the settings' "Try a prompt" box.
 */
import { useMemo } from "react";
import type { FilterDecision } from "../../../shared/filter/types";
import { statusLabel } from "./filterWords";
import { matchExcerpts, type Excerpt } from "./matchExcerpts";

export interface MatchViewProps {
  /** The text the match offsets refer to (for a preview, its `prompt`). */
  original: string;
  decision: Pick<FilterDecision, "matches">;
  /** Show each rewrite as removed and inserted words. */
  diff: boolean;
}

export function MatchView({ original, decision, diff }: MatchViewProps) {
  const excerpts = useMemo(() => matchExcerpts(original, decision.matches, diff), [original, decision, diff]);
  if (decision.matches.length === 0) return null;
  const reasons = [...new Map(decision.matches.map((m) => [`${m.status}:${m.reason}`, m])).values()];
  return (
    <div className="filter-matches">
      {excerpts.map((e, i) => (
        <ExcerptView key={i} excerpt={e} />
      ))}
      <ul className="filter-reasons" aria-label="Names found">
        {reasons.map((m) => (
          <li key={`${m.status}:${m.reason}`} className="filter-reason" data-testid="filter.reason" data-action={m.action} data-status={m.status}>
            <span className={`filter-status is-${m.status}`}>{statusLabel(m.status)}</span>
            <span>{m.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ExcerptView({ excerpt }: { excerpt: Excerpt }) {
  return (
    <blockquote className="filter-excerpt" data-testid="filter.excerpt">
      {excerpt.cutBefore ? <span className="filter-cut" aria-label="text left out">… </span> : null}
      {excerpt.pieces.map((p, i) =>
        p.kind === "text" ? (
          p.text
        ) : (
          <mark key={i} className={`filter-mark is-${p.match.action}`} title={p.match.reason} data-testid="filter.mark" data-action={p.match.action}>
            {p.parts.map((part, j) =>
              part.kind === "removed" ? (
                <del key={j} data-testid="filter.removed">
                  {part.text}
                </del>
              ) : part.kind === "inserted" ? (
                <ins key={j} data-testid="filter.inserted">
                  {part.text}
                </ins>
              ) : (
                part.text
              ),
            )}
          </mark>
        ),
      )}
      {excerpt.cutAfter ? <span className="filter-cut" aria-label="text left out"> …</span> : null}
    </blockquote>
  );
}
