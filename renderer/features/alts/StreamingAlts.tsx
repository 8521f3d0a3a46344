/**
 * The node's alts being written right now, one card each, side by side: live text, the seed and
 * sampling the job runs with, and a Stop button. Finished ones leave this grid and land in the
 * node's alts below (main adds them to the project). On the premise, `kind` picks which jobs show:
 * plain premises, or outlines (whose cards show the beats written so far as a numbered list).
 */
import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { altStreamsOf, isActive } from "../../stores/jobsTracking";
import { useAppStore } from "../../stores/useAppStore";
import { samplingWords } from "./altCards";
import { isOutlineJob, type AltsKind } from "./altKinds";
import { BeatList } from "./BeatList";
import "./altCard.css";

export function StreamingAlts({ nodeId, kind }: { nodeId: string; kind?: AltsKind }) {
  const active = useAppStore(useShallow((s) => s.jobs.jobs.filter((j) => j.kind === "alt" && j.parentId === nodeId && isActive(j.state))));
  const allStreams = useAppStore((s) => s.streams);
  const outlineBatches = useAppStore((s) => s.outlineBatches);
  const streams = useMemo(() => altStreamsOf(allStreams, nodeId), [allStreams, nodeId]);
  const jobs = useMemo(
    () => (kind ? active.filter((j) => isOutlineJob(j, outlineBatches, streams[j.id]?.items.length ?? 0) === (kind === "outlines")) : active),
    [active, kind, outlineBatches, streams],
  );
  const cancel = useAppStore((s) => s.cancel);
  if (jobs.length === 0) return null;
  const noun = kind === "outlines" ? (jobs.length === 1 ? "outline" : "outlines") : jobs.length === 1 ? "alt" : "alts";
  return (
    <section className="alts-section" aria-label="Alts being written">
      <h3 className="alts-section-title" aria-live="polite">
        Writing {jobs.length} {noun}…
      </h3>
      <ul className="alts-grid">
        {jobs.map((job) => {
          const items = streams[job.id]?.items ?? [];
          const item = items[0];
          const text = [item?.speaker, item?.title, item?.text].filter(Boolean).join(" — ");
          const waiting = <span className="muted">{job.state === "queued" ? "Waiting…" : "Starting…"}</span>;
          return (
            <li key={job.id} className={`alt-card is-streaming is-${job.state}`} data-testid="alts.streaming" data-job-id={job.id}>
              {kind === "outlines" ? (
                items.length ? <BeatList beats={items} /> : <p className="alt-text">{waiting}</p>
              ) : (
                <p className="alt-text story-text">{text || waiting}</p>
              )}
              <div className="alt-meta">
                {job.seed !== null ? <span>seed {job.seed}</span> : null}
                <span>{samplingWords(job.sampling)}</span>
                {job.tokens ? <span>{job.tokens} tokens</span> : null}
              </div>
              <div className="alt-buttons">
                <button type="button" className="btn btn-quiet btn-small" onClick={() => void cancel(job.id)} data-testid="alts.stop">
                  Stop
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
