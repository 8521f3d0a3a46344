/** An outline's beats as a numbered list: each beat's title in bold, its text clipped to two lines. */
import type { GeneratedItem } from "../../../shared/prompts/outputSchema";
import { beatLines } from "./altKinds";

export function BeatList({ beats }: { beats: ReadonlyArray<Pick<GeneratedItem, "title" | "text">> }) {
  return (
    <ol className="alt-beats story-text" data-testid="alts.beats">
      {beatLines(beats).map((b) => (
        <li key={b.n} className="alt-beat" title={[b.title, b.text].filter(Boolean).join(" — ")}>
          <span className="alt-beat-clip">
            {b.title ? <strong className="alt-beat-title">{b.title}</strong> : null}
            {b.title && b.text ? " " : null}
            {b.text}
          </span>
        </li>
      ))}
    </ol>
  );
}
