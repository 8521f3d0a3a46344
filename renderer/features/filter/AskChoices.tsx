/**
 * "Which one do you mean?": one button per candidate of each ambiguous name. A choice is saved as a
 * project alias (what was typed → whom it means), so the question is asked once per project; the
 * prompt is then checked again.
 */
import { filterSettingsOf } from "../../../shared/filter/filterSettings";
import type { FilterCandidate, FilterMatch } from "../../../shared/filter/types";
import type { FilterPrompt } from "../../stores/filterSlice";
import { useAppStore } from "../../stores/useAppStore";
import { sameName, withEntry } from "./filterForm";
import { candidateLabel } from "./filterWords";

export function AskChoices({ prompt }: { prompt: FilterPrompt }) {
  const settings = useAppStore((s) => (s.projectState ? filterSettingsOf(s.projectState.project) : null));
  const resolve = useAppStore((s) => s.resolveFilterPrompt);
  const busy = useAppStore((s) => s.filterBusy);
  const close = useAppStore((s) => s.closeFilterPrompt);
  const asks = prompt.decision.matches.filter((m) => m.action === "ask" && m.candidates?.length);
  // The same typed name twice needs one answer.
  const distinct = [...new Map(asks.map((m) => [typedName(prompt.decision.prompt, m).toLowerCase(), m])).values()];

  const choose = (m: FilterMatch, c: FilterCandidate) => {
    if (!settings) return;
    const alias = typedName(prompt.decision.prompt, m);
    void resolve({ aliases: withEntry(settings.aliases, { alias, name: c.name }, (a, b) => sameName(a.alias, b.alias)) });
  };
  return (
    <div className="filter-ask">
      {distinct.map((m) => (
        <fieldset key={m.start} className="filter-choice" disabled={busy}>
          <legend className="field-label">By “{typedName(prompt.decision.prompt, m)}” you mean</legend>
          <div className="filter-candidates">
            {m.candidates!.map((c, i) => (
              <button
                key={c.name}
                type="button"
                className="btn filter-candidate"
                title={c.reason}
                onClick={() => choose(m, c)}
                data-autofocus={i === 0 ? true : undefined}
                data-testid="filter.candidate"
                data-name={c.name}
              >
                {candidateLabel(c)}
              </button>
            ))}
          </div>
        </fieldset>
      ))}
      <p className="field-hint">Your answer is saved as an alias for this project (undoable), so this is asked once.</p>
      <div className="filter-actions">
        <span className="filter-actions-gap" />
        <button type="button" className="btn btn-quiet" onClick={close} data-testid="filter.cancel">
          Not now
        </button>
      </div>
    </div>
  );
}

function typedName(prompt: string, m: FilterMatch): string {
  return prompt.slice(m.nameStart, m.nameEnd) || m.name;
}
