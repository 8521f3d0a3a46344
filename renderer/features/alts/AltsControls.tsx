/**
 * Asking for a batch: how many, an optional angle to steer it, and "one unusual thing" (a surprising
 * element sampled hot, the rest written cold around it). Stop all cancels the node's running batches.
 * In the premise's Outlines mode a batch asks for whole outlines (each alt a list of beats), fewer by default.
 */
import { useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { COUNT_RANGE } from "../../stores/altsSlice";
import { isActive } from "../../stores/jobsTracking";
import { useAppStore } from "../../stores/useAppStore";
import { ALTS_ANGLE_INPUT_ID } from "../filter/describeTarget";
import { useGenerationBlockedReason } from "../model/useGenerationGate";
import { OUTLINE_COUNT_DEFAULT, type AltsKind } from "./altKinds";

export function AltsControls({ nodeId, kind = "premises" }: { nodeId: string; kind?: AltsKind }) {
  // Each kind keeps its own count: outlines are long, so their default is smaller.
  const [counts, setCounts] = useState<Record<AltsKind, string>>({ premises: String(COUNT_RANGE.default), outlines: String(OUTLINE_COUNT_DEFAULT) });
  const count = counts[kind];
  const setCount = (value: string) => setCounts((c) => ({ ...c, [kind]: value }));
  const outline = kind === "outlines";
  const [angle, setAngle] = useState("");
  const [unusual, setUnusual] = useState(false);
  const generate = useAppStore((s) => s.generateAlts);
  const cancel = useAppStore((s) => s.cancel);
  // A batch id cancels its whole batch; a job without one is cancelled on its own.
  const running = useAppStore(
    useShallow((s) => [...new Set(s.jobs.jobs.filter((j) => j.kind === "alt" && j.parentId === nodeId && isActive(j.state)).map((j) => j.batchId ?? j.id))]),
  );
  const blocked = useGenerationBlockedReason();
  const n = Number(count);
  const countOk = Number.isInteger(n) && n >= COUNT_RANGE.min && n <= COUNT_RANGE.max;

  const submit = () => {
    if (!countOk || blocked) return;
    void generate(nodeId, { count: n, angle, unusual: !outline && unusual, outline });
  };
  return (
    <form
      className="alts-controls"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="alts-count">
        <span className="field-label">How many</span>
        <input
          className="input num-input"
          type="number"
          min={COUNT_RANGE.min}
          max={COUNT_RANGE.max}
          value={count}
          onChange={(e) => setCount(e.target.value)}
          aria-invalid={!countOk}
          data-testid="alts.count"
        />
      </label>
      <label className="alts-angle">
        <span className="field-label">Angle (optional)</span>
        <input
          id={ALTS_ANGLE_INPUT_ID}
          className="input"
          type="text"
          value={angle}
          maxLength={500}
          placeholder="darker; make the landlord the butt of the joke"
          onChange={(e) => setAngle(e.target.value)}
          data-testid="alts.angle"
        />
      </label>
      {outline ? null : (
        <label className="alts-unusual" title="First one surprising element, sampled hot; then the rest written cold and straight around it.">
          <input type="checkbox" checked={unusual} onChange={(e) => setUnusual(e.target.checked)} data-testid="alts.unusual" />
          <span>One unusual thing</span>
        </label>
      )}
      <div className="alts-actions">
        <span className={blocked ? "btn-wrap" : undefined} title={blocked ?? (countOk ? undefined : `Between ${COUNT_RANGE.min} and ${COUNT_RANGE.max}`)}>
          <button type="submit" className="btn btn-primary" disabled={Boolean(blocked) || !countOk} data-testid="alts.generate">
            Generate {countOk ? n : ""}
            {outline ? (n === 1 ? " outline" : " outlines") : ""}
          </button>
        </span>
        {running.length > 0 ? (
          <button type="button" className="btn btn-quiet" onClick={() => running.forEach((id) => void cancel(id))} data-testid="alts.stop-all">
            Stop all
          </button>
        ) : null}
      </div>
    </form>
  );
}
