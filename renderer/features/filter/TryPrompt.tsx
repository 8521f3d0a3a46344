/** "Try a prompt": any text checked with this project's filter settings, the decision shown as the dialog shows it. */
import { useId, useState, type FormEvent } from "react";
import type { FilterCheck } from "../../stores/filterSlice";
import { useAppStore } from "../../stores/useAppStore";
import { DECISION_LABELS } from "./filterWords";
import { MatchView } from "./MatchView";

export function TryPrompt() {
  const check = useAppStore((s) => s.checkFilterText);
  const [text, setText] = useState("");
  const [result, setResult] = useState<{ text: string; decision: FilterCheck } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    const checked = text;
    const decision = await check(checked);
    setBusy(false);
    if (decision) setResult({ text: checked, decision });
  };
  const d = result?.decision;
  return (
    <form className="filter-try" onSubmit={submit}>
      <label className="field" htmlFor={id}>
        <span className="field-label">Try a prompt</span>
        <textarea
          id={id}
          className="input"
          rows={2}
          value={text}
          maxLength={20_000}
          placeholder="A heist, told in the style of …"
          onChange={(e) => setText(e.target.value)}
          data-testid="settings.filter.try-text"
        />
      </label>
      <div className="settings-actions">
        <span className="field-hint settings-note-left">Checked with the settings as saved.</span>
        <button type="submit" className="btn" disabled={!text.trim() || busy} data-testid="settings.filter.try-check">
          {busy ? "Checking…" : "Check"}
        </button>
      </div>
      {result && d ? (
        <div className="filter-try-result" data-testid="settings.filter.try-result" data-decision={d.decision}>
          <p className="filter-lead">
            <span className={`filter-kind is-${d.decision}`}>{DECISION_LABELS[d.decision]}</span>
            {d.message ?? (d.matches.length ? "" : "No style names found.")}
          </p>
          <MatchView original={result.text} decision={d} diff={d.decision === "rewrite"} />
        </div>
      ) : null}
    </form>
  );
}
