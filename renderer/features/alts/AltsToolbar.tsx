/**
 * The node toolbar's alts tools: open the Alts panel (with how many alts the node has), and, when
 * the node has starred alts, arrows that cycle them into place (Alt+← / Alt+→).
 */
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../stores/useAppStore";
import { MOD_KEY } from "../help/shortcuts";
import { isKept } from "./cycleAlts";
import "./alts.css";

export function AltsToolbar({ nodeId }: { nodeId: string }) {
  const { total, kept } = useAppStore(
    useShallow((s) => {
      const alts = s.projectState?.project.nodes[nodeId]?.alts ?? [];
      return { total: alts.filter((a) => !a.rejected).length, kept: alts.filter(isKept).length };
    }),
  );
  const open = useAppStore((s) => s.altsOpen);
  const setOpen = useAppStore((s) => s.setAltsOpen);
  const cycle = useAppStore((s) => s.cycleAlt);
  return (
    <div className="toolbar-group alts-tools">
      <button
        type="button"
        className="btn"
        aria-pressed={open}
        onClick={() => setOpen(!open)}
        title={`Generate and mine alternates of this text (${MOD_KEY}+Shift+A)`}
        data-testid="alts.open"
      >
        <span>Alts</span>
        {total ? <span className="alts-count-badge">{total}</span> : null}
      </button>
      {kept > 0 ? (
        <span className="alts-cycle" aria-label="Cycle starred alts">
          <button type="button" className="btn btn-icon btn-quiet" onClick={() => void cycle(nodeId, "prev")} aria-label="Previous starred alt" title="Previous starred alt (Alt+←)" data-testid="alts.prev">
            ‹
          </button>
          <span className="alts-cycle-count">{kept} starred</span>
          <button type="button" className="btn btn-icon btn-quiet" onClick={() => void cycle(nodeId, "next")} aria-label="Next starred alt" title="Next starred alt (Alt+→)" data-testid="alts.next">
            ›
          </button>
        </span>
      ) : null}
    </div>
  );
}
