/**
 * The node's alts being written right now, one card each, side by side: live text, the seed and
 * sampling the job runs with, and a Stop button. Finished ones leave this grid and land in the
 * node's alts below (main adds them to the project).
 */
import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { altStreamsOf, isActive } from "../../stores/jobsTracking";
import { useAppStore } from "../../stores/useAppStore";
import { samplingWords } from "./altCards";
import "./altCard.css";

export function StreamingAlts({ nodeId }: { nodeId: string }) {
  const jobs = useAppStore(useShallow((s) => s.jobs.jobs.filter((j) => j.kind === "alt" && j.parentId === nodeId && isActive(j.state))));
  const allStreams = useAppStore((s) => s.streams);
  const streams = useMemo(() => altStreamsOf(allStreams, nodeId), [allStreams, nodeId]);
  const cancel = useAppStore((s) => s.cancel);
  if (jobs.length === 0) return null;
  return (
    <section className="alts-section" aria-label="Alts being written">
      <h3 className="alts-section-title" aria-live="polite">
        Writing {jobs.length} {jobs.length === 1 ? "alt" : "alts"}…
      </h3>
      <ul className="alts-grid">
        {jobs.map((job) => {
          const item = streams[job.id]?.items[0];
          const text = [item?.speaker, item?.title, item?.text].filter(Boolean).join(" — ");
          return (
            <li key={job.id} className={`alt-card is-streaming is-${job.state}`} data-testid="alts.streaming" data-job-id={job.id}>
              <p className="alt-text story-text">{text || <span className="muted">{job.state === "queued" ? "Waiting…" : "Starting…"}</span>}</p>
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
