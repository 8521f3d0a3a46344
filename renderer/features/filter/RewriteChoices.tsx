/**
 * The rewrite's buttons: go ahead with it, undo it (the dialog then shows the original and the other
 * ways forward), or edit the words used for a creator — saved as the project's own rewrite words for
 * that name, after which the prompt is checked again (main re-checks the words too).
 */
import { useId, useState, type FormEvent } from "react";
import { filterSettingsOf, FILTER_LIMITS } from "../../../shared/filter/filterSettings";
import type { FilterMatch } from "../../../shared/filter/types";
import type { FilterPrompt } from "../../stores/filterSlice";
import { useAppStore } from "../../stores/useAppStore";
import { sameName, withEntry } from "./filterForm";
import { rewriteWordsFrom } from "./filterWords";

export function RewriteChoices({ prompt, onUndo }: { prompt: FilterPrompt; onUndo: () => void }) {
  const run = useAppStore((s) => s.runFilterPrompt);
  const busy = useAppStore((s) => s.filterBusy);
  const [editing, setEditing] = useState<FilterMatch | null>(null);
  // One edit per creator, even when the name appears twice.
  const creators = [...new Map(prompt.decision.matches.filter((m) => m.action === "rewrite").map((m) => [m.name, m])).values()];
  if (editing) return <RewriteWordsForm match={editing} onDone={() => setEditing(null)} />;
  return (
    <div className="filter-actions">
      <button type="button" className="btn" onClick={onUndo} disabled={busy} data-testid="filter.undo" title="Show the prompt as written">
        Undo
      </button>
      {creators.map((m) => (
        <button key={m.name} type="button" className="btn" onClick={() => setEditing(m)} disabled={busy} data-testid="filter.edit" data-name={m.name}>
          {creators.length > 1 ? `Edit words for ${m.name}` : "Edit"}
        </button>
      ))}
      <span className="filter-actions-gap" />
      <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={busy} data-autofocus data-testid="filter.generate-rewrite">
        Generate with rewrite
      </button>
    </div>
  );
}

function RewriteWordsForm({ match, onDone }: { match: FilterMatch; onDone: () => void }) {
  const settings = useAppStore((s) => (s.projectState ? filterSettingsOf(s.projectState.project) : null));
  const resolve = useAppStore((s) => s.resolveFilterPrompt);
  const busy = useAppStore((s) => s.filterBusy);
  const own = settings?.rewrites.find((r) => sameName(r.name, match.name))?.text;
  const [text, setText] = useState(() => rewriteWordsFrom(match.replacement ?? "", own));
  const id = useId();
  const words = text.trim();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!settings || !words || busy) return;
    await resolve({ rewrites: withEntry(settings.rewrites, { name: match.name, text: words }, (a, b) => sameName(a.name, b.name)) });
    // A re-preview remounts the dialog's view; this only matters when the save failed.
    onDone();
  };
  return (
    <form className="filter-form" onSubmit={submit}>
      <label className="field" htmlFor={id}>
        <span className="field-label">Words for {match.name}’s style, used instead of the name</span>
        <input
          id={id}
          className="input"
          value={text}
          maxLength={FILTER_LIMITS.rewrite}
          placeholder="e.g. cool, talky and nonlinear"
          onChange={(e) => setText(e.target.value)}
          autoFocus
          data-testid="filter.edit-text"
        />
      </label>
      <p className="field-hint">Saved for this project (undoable). Describe qualities — tone, rhythm, structure — not names or titles.</p>
      <div className="filter-actions">
        <button type="button" className="btn btn-quiet" onClick={onDone} data-testid="filter.edit-cancel">
          Cancel
        </button>
        <span className="filter-actions-gap" />
        <button type="submit" className="btn btn-primary" disabled={!words || busy} data-testid="filter.edit-save">
          {busy ? "Checking…" : "Save and check again"}
        </button>
      </div>
    </form>
  );
}
