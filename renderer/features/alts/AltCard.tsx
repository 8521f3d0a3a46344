/**
 * One finished alt: its text, where it came from (reason, seed, sampling, likelihood) and the
 * writer's marks. Star, reject and swap are one click (or S, X, Enter when the card has focus).
 * An outline alt (a premise's alternative beat list) shows its beats and swaps in as the outline.
 */
import type { Alt } from "../../../shared/story/model";
import { useAppStore } from "../../stores/useAppStore";
import { AltNote } from "./AltNote";
import { AltTags } from "./AltTags";
import { likelihoodFill, reasonWords, samplingWords } from "./altCards";
import { BeatList } from "./BeatList";
import "./altCard.css";

export interface AltCardProps {
  nodeId: string;
  alt: Alt;
  /** Near-duplicates folded under this card. */
  similar?: number;
  expanded?: boolean;
  onToggleGroup?: () => void;
  /** Shown because its group is expanded. */
  member?: boolean;
}

export function AltCard({ nodeId, alt, similar = 0, expanded, onToggleGroup, member }: AltCardProps) {
  const markAlt = useAppStore((s) => s.markAlt);
  const swapAlt = useAppStore((s) => s.swapAlt);
  const swapOutline = useAppStore((s) => s.swapOutline);
  const outline = alt.outline;
  const fill = likelihoodFill(alt.score);
  const text = [alt.title, alt.text].filter(Boolean).join(" — ");
  const classes = ["alt-card", alt.starred ? "is-starred" : "", alt.rejected ? "is-rejected" : "", member ? "is-member" : ""].filter(Boolean).join(" ");
  return (
    <li
      className={classes}
      tabIndex={0}
      data-testid="alts.card"
      data-alt-id={alt.id}
      data-alt-text={alt.text}
      data-starred={alt.starred ? "true" : "false"}
      data-rejected={alt.rejected ? "true" : "false"}
      data-outline={outline ? "true" : undefined}
      aria-label={`${cardNoun(alt.starred, outline?.length)}: ${text.slice(0, 80)}`}
    >
      <div className="alt-top">
        <button
          type="button"
          className={`btn btn-icon btn-quiet btn-small alt-star ${alt.starred ? "is-on" : ""}`}
          aria-pressed={Boolean(alt.starred)}
          aria-label={alt.starred ? "Unstar (S)" : "Star (S)"}
          title={alt.starred ? "Unstar (S)" : "Star: keep it in the binder (S)"}
          onClick={() => void markAlt(nodeId, alt.id, { starred: !alt.starred })}
          data-testid="alts.star"
        >
          {alt.starred ? "★" : "☆"}
        </button>
        <span className="alt-reason">{reasonWords(alt.reason)}</span>
        {fill !== null ? (
          <span className="alt-score" title="Likelihood: the model's own per-token log-probability of this text (higher is more likely)">
            <span className="alt-score-bar" aria-hidden="true">
              <span style={{ width: `${Math.round(fill * 100)}%` }} />
            </span>
            {alt.score!.toFixed(2)}
          </span>
        ) : null}
      </div>
      {alt.speaker ? <p className="alt-speaker">{alt.speaker}</p> : null}
      {outline ? (
        outline.length ? (
          <BeatList beats={outline} />
        ) : (
          <p className="alt-text muted">(no beats)</p>
        )
      ) : (
        <p className="alt-text story-text">{text || <span className="muted">(empty)</span>}</p>
      )}
      <div className="alt-meta">
        {alt.provenance ? <span>seed {alt.provenance.seed}</span> : null}
        {alt.provenance ? <span>{samplingWords(alt.provenance.sampling)}</span> : null}
      </div>
      <AltTags nodeId={nodeId} alt={alt} />
      <AltNote nodeId={nodeId} alt={alt} />
      <div className="alt-buttons">
        {outline ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void swapOutline(nodeId, alt.id)}
            title="Make these the premise's beats; the current beats become an outline alt (Enter)"
            data-testid="alts.swap-outline"
          >
            Use this outline
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => void swapAlt(nodeId, alt.id)} title="Make this the text; the current text becomes an alt (Enter)" data-testid="alts.swap">
            Swap in
          </button>
        )}
        <button
          type="button"
          className="btn btn-quiet btn-small"
          aria-pressed={Boolean(alt.rejected)}
          onClick={() => void markAlt(nodeId, alt.id, { rejected: !alt.rejected })}
          title={alt.rejected ? "Show it with the others again (X)" : "Hide it (X); it is kept, behind “Show rejected”"}
          data-testid="alts.reject"
        >
          {alt.rejected ? "Restore" : "Reject"}
        </button>
        {onToggleGroup ? (
          <button type="button" className="btn btn-quiet btn-small alt-group" aria-expanded={expanded} onClick={onToggleGroup} data-testid="alts.group-toggle">
            {expanded ? "Hide similar" : `+${similar} similar`}
          </button>
        ) : null}
      </div>
    </li>
  );
}

function cardNoun(starred: boolean | undefined, beats: number | undefined): string {
  const noun = beats === undefined ? "alt" : `outline of ${beats} ${beats === 1 ? "beat" : "beats"}`;
  return starred ? `Starred ${noun}` : noun.charAt(0).toUpperCase() + noun.slice(1);
}
