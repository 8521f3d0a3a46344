/**
 * The middle of the window: the selected node's editor. Keyed by node id so each node gets a fresh
 * Lexical editor (and the previous one flushes its pending edit as it unmounts).
 */
import { useAppStore } from "../../stores/useAppStore";
import { NodeEditor } from "./NodeEditor";
import "./editor.css";

export function EditorPane() {
  const selectedId = useAppStore((s) => s.selectedId);
  const exists = useAppStore((s) => Boolean(selectedId && s.projectState?.project.nodes[selectedId]));
  return (
    <main className="editor-pane" id="editor">
      <div className="editor-column">
        {selectedId && exists ? <NodeEditor key={selectedId} nodeId={selectedId} /> : <p className="muted empty-note">Select a part of the story in the outline to edit it.</p>}
      </div>
    </main>
  );
}
