/**
 * The right-hand drawer for mining the selected node's alts: ask for a batch, watch it stream in,
 * then star, reject, tag, note and swap. Works the same at every level (premise to line). It follows
 * the selection, so the writer can walk the outline with the drawer open.
 */
import { useAppStore } from "../../stores/useAppStore";
import { CloseIcon } from "../../ui/icons";
import { nodePath } from "../../../shared/alts/binder";
import { AltList } from "./AltList";
import { AltsControls } from "./AltsControls";
import { StreamingAlts } from "./StreamingAlts";
import "./alts.css";

export function AltsPanel() {
  const nodeId = useAppStore((s) => (s.selectedId && s.projectState?.project.nodes[s.selectedId] ? s.selectedId : null));
  const path = useAppStore((s) => (nodeId && s.projectState ? nodePath(s.projectState.project, nodeId) : ""));
  const close = useAppStore((s) => s.setAltsOpen);
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
          <AltsControls nodeId={nodeId} />
          <StreamingAlts nodeId={nodeId} />
          <AltList key={nodeId} nodeId={nodeId} />
        </div>
      ) : (
        <p className="muted empty-note">Select a part of the story to see and generate its alts.</p>
      )}
    </aside>
  );
}
