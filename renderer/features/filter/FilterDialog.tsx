/**
 * The filter dialog: shown before a generation whose prompt the filter would rewrite, needs a choice
 * for, or blocks. Nothing runs until the writer acts here; closing it (Escape) runs nothing. Each
 * choice that changes the project's filter settings is one undoable step, after which the prompt is
 * checked again (and runs, when it is now allowed).
 */
import { useState } from "react";
import { useAppStore } from "../../stores/useAppStore";
import type { FilterPrompt } from "../../stores/filterSlice";
import { Modal } from "../../ui/Modal";
import { AskChoices } from "./AskChoices";
import { DECISION_LABELS, rewriteLead } from "./filterWords";
import { MatchView } from "./MatchView";
import { RewriteChoices } from "./RewriteChoices";
import { WaysForward } from "./WaysForward";
import "./filter.css";

export function FilterDialog() {
  const prompt = useAppStore((s) => s.filterPrompt);
  const close = useAppStore((s) => s.closeFilterPrompt);
  if (!prompt) return null;
  return (
    <Modal title="Style filter" onClose={close} testId="filter.dialog" className="filter-dialog">
      {/* Keyed by revision: a re-preview starts the view afresh (not undone, not editing). */}
      <FilterPromptView key={prompt.revision} prompt={prompt} />
    </Modal>
  );
}

function FilterPromptView({ prompt }: { prompt: FilterPrompt }) {
  const { decision } = prompt;
  const [undone, setUndone] = useState(false);
  const kind = decision.decision;
  const rewriting = kind === "rewrite" && !undone;
  const lead = kind === "rewrite" ? rewriteLead(decision.matches, undone) : (decision.message ?? "");
  return (
    <div className="filter-view" data-testid="filter.view" data-decision={kind} data-undone={undone ? "true" : "false"}>
      <p className="filter-lead" data-testid="filter.message">
        <span className={`filter-kind is-${kind}`}>{undone ? "Original" : DECISION_LABELS[kind]}</span>
        {lead}
      </p>
      <MatchView original={decision.prompt} decision={decision} diff={rewriting} />
      {rewriting ? <RewriteChoices prompt={prompt} onUndo={() => setUndone(true)} /> : null}
      {kind === "ask" ? <AskChoices prompt={prompt} /> : null}
      {kind === "block" || (kind === "rewrite" && undone) ? <WaysForward prompt={prompt} onRedo={undone ? () => setUndone(false) : undefined} /> : null}
    </div>
  );
}
