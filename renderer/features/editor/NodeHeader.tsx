/** Where the node sits ("Beat 3 of 8", with the path above it) and its status in words. */
import { useShallow } from "zustand/react/shallow";
import { statusOf } from "../../stores/statuses";
import { ancestorIds, positionOf } from "../../stores/treeQueries";
import { useAppStore } from "../../stores/useAppStore";
import { levelName, positionLabel, summarize } from "../tree/nodeText";
import { nodeStatusText } from "./nodeStatusText";

export function NodeHeader({ nodeId }: { nodeId: string }) {
  const info = useAppStore(
    useShallow((s) => {
      const project = s.projectState?.project;
      const node = project?.nodes[nodeId];
      if (!project || !node) return null;
      const pos = positionOf(project, nodeId);
      const status = statusOf(project, nodeId);
      return {
        position: positionLabel(node.level, pos.index, pos.count),
        origin: node.origin,
        modelId: node.provenance?.modelId ?? null,
        locked: node.locked,
        isRoot: node.parentId === null,
        freshness: status.freshness,
        reason: status.reason,
        streaming: isStreaming(s.streams, nodeId),
        trail: ancestorIds(project, nodeId).reverse().join(" "),
      };
    }),
  );
  if (!info) return null;
  const status = nodeStatusText({ freshness: info.freshness, reason: info.reason }, info.origin, info.locked, info.isRoot, info.streaming, info.modelId);
  return (
    <header className="node-header">
      <Trail ids={info.trail ? info.trail.split(" ") : []} />
      <h2 className="node-position">{info.position}</h2>
      <p className={`node-status is-${status.freshness} ${info.streaming ? "is-streaming" : ""}`} data-testid="editor.status" data-freshness={status.freshness} data-origin={info.origin}>
        <span className="node-status-headline">{status.headline}</span>
        <span className="node-status-facts">{status.facts}</span>
        {status.detail ? <span className="node-status-detail">{status.detail}</span> : null}
      </p>
    </header>
  );
}

/** The ancestors as links, so the writer can step back up the story. */
function Trail({ ids }: { ids: string[] }) {
  const select = useAppStore((s) => s.select);
  const labels = useAppStore(
    useShallow((s) => {
      const project = s.projectState?.project;
      return ids.map((id) => {
        const n = project?.nodes[id];
        if (!n || !project) return "";
        return n.level === "premise" ? "Premise" : `${levelName(n.level)} ${positionOf(project, id).index + 1}: ${summarize(n, project.settings.form).text}`;
      });
    }),
  );
  if (ids.length === 0) return null;
  return (
    <nav className="trail" aria-label="Where this is in the story">
      {ids.map((id, i) => (
        <span key={id} className="trail-item">
          <button type="button" className="link" onClick={() => select(id)} title={labels[i]}>
            {labels[i]}
          </button>
          <span className="trail-sep" aria-hidden="true">
            ›
          </span>
        </span>
      ))}
    </nav>
  );
}

function isStreaming(streams: Record<string, { slots: string[]; items: unknown[] }>, nodeId: string): boolean {
  for (const s of Object.values(streams)) {
    const i = s.slots.indexOf(nodeId);
    if (i >= 0 && i < s.items.length) return true;
  }
  return false;
}
