/**
 * The right-hand drawer for mining the selected node's alts: ask for a batch, watch it stream in,
 * then star, reject, tag, note and swap. Works the same at every level (premise to line). It follows
 * the selection, so the writer can walk the outline with the drawer open. On the premise a switch
 * picks the kind of alt: other premises, or whole outlines (each an alternative list of beats).
 */
import { useAppStore } from "../../stores/useAppStore";
import { CloseIcon } from "../../ui/icons";
import { nodePath } from "../../../shared/alts/binder";
import { AltList } from "./AltList";
import { ALTS_KINDS, type AltsKind } from "./altKinds";
import { AltsControls } from "./AltsControls";
import { StreamingAlts } from "./StreamingAlts";
import "./alts.css";

export function AltsPanel() {
  const nodeId = useAppStore((s) => (s.selectedId && s.projectState?.project.nodes[s.selectedId] ? s.selectedId : null));
  const path = useAppStore((s) => (nodeId && s.projectState ? nodePath(s.projectState.project, nodeId) : ""));
  const close = useAppStore((s) => s.setAltsOpen);
  const isPremise = useAppStore((s) => (nodeId ? s.projectState?.project.nodes[nodeId]?.level === "premise" : false));
  const chosenKind = useAppStore((s) => s.altsKind);
  const setKind = useAppStore((s) => s.setAltsKind);
  // Only the premise has two kinds; elsewhere every alt shows, unfiltered.
  const kind: AltsKind | undefined = isPremise ? chosenKind : undefined;
  return (
    <aside className="alts-panel" data-testid="alts.panel" aria-label="Alts">
      <header className="alts-head">
        <h2 className="pane-title">Alts</h2>
        <span className="alts-where">{path}</span>
        <button type="button" className="btn btn-icon btn-quiet" aria-label="Close alts" title="Close (Ctrl/⌘+Shift+A)" onClick={() => close(false)} data-testid="alts.close">
          <CloseIcon />
        </button>
      </header>
      {nodeId ? (
        <div className="alts-body">
          {/* Keyed by node: the form's count and angle stay, but card focus and expansions reset per node. */}
          {kind ? <KindSwitch kind={kind} onChange={setKind} /> : null}
          <AltsControls nodeId={nodeId} kind={kind} />
          <StreamingAlts nodeId={nodeId} kind={kind} />
          <AltList key={`${nodeId}:${kind ?? ""}`} nodeId={nodeId} kind={kind} />
        </div>
      ) : (
        <p className="muted empty-note">Select a part of the story to see and generate its alts.</p>
      )}
    </aside>
  );
}

const KIND_WORDS: Record<AltsKind, { label: string; title: string }> = {
  premises: { label: "Premises", title: "Alternative premises: other versions of this text" },
  outlines: { label: "Outlines", title: "Alternative outlines: each a whole list of beats for this premise" },
};

function KindSwitch({ kind, onChange }: { kind: AltsKind; onChange: (kind: AltsKind) => void }) {
  return (
    <div className="alts-kind" role="group" aria-label="Kind of alts">
      {ALTS_KINDS.map((k) => (
        <button
          key={k}
          type="button"
          className={`btn btn-small ${k === kind ? "is-on" : "btn-quiet"}`}
          aria-pressed={k === kind}
          title={KIND_WORDS[k].title}
          onClick={() => onChange(k)}
          data-testid={`alts.kind-${k}`}
        >
          {KIND_WORDS[k].label}
        </button>
      ))}
    </div>
  );
}
