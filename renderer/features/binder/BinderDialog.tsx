/**
 * The binder: every starred alt in the project, grouped by node path in reading order, searchable
 * (text, tags, notes), exportable to Markdown. Clicking an entry selects its node and closes the
 * binder, so the writer lands on the text to try the alt against.
 */
import { useMemo, useState } from "react";
import { binderMarkdown, collectBinder } from "../../../shared/alts/binder";
import { useAppStore } from "../../stores/useAppStore";
import { Modal } from "../../ui/Modal";
import { saveText } from "../../ui/saveFile";
import { binderFileName } from "./binderFile";
import "./binder.css";

export function BinderDialog({ onClose }: { onClose: () => void }) {
  const project = useAppStore((s) => s.projectState?.project);
  const select = useAppStore((s) => s.select);
  const [query, setQuery] = useState("");
  const entries = useMemo(() => (project ? collectBinder(project, query) : []), [project, query]);
  const total = useMemo(() => (project ? collectBinder(project).reduce((n, e) => n + e.alts.length, 0) : 0), [project]);
  if (!project) return null;
  const go = (nodeId: string) => {
    select(nodeId);
    onClose();
  };
  return (
    <Modal title="Binder" onClose={onClose} testId="binder" className="binder-modal">
      <div className="binder-bar">
        <input
          className="input"
          type="search"
          value={query}
          placeholder="Search text, tags and notes"
          aria-label="Search the binder"
          onChange={(e) => setQuery(e.target.value)}
          data-testid="binder.search"
        />
        <button type="button" className="btn" onClick={() => saveText(binderFileName(project.title), binderMarkdown(project))} data-testid="binder.export">
          Export Markdown
        </button>
      </div>
      {total === 0 ? (
        <p className="muted binder-empty">No starred alts yet. Star the alts worth keeping in a node’s Alts panel and they collect here.</p>
      ) : entries.length === 0 ? (
        <p className="muted binder-empty">Nothing matches “{query}”.</p>
      ) : (
        <ol className="binder-list">
          {entries.map((e) => (
            <li key={e.node.id} className="binder-entry" data-testid="binder.entry" data-node-id={e.node.id}>
              <button type="button" className="link binder-path" onClick={() => go(e.node.id)} title="Go to this part of the story">
                {e.path}
              </button>
              <p className="binder-now">
                Now: {e.node.speaker ? `${e.node.speaker}: ` : ""}
                {e.node.title && e.node.level !== "line" ? `${e.node.title} — ` : ""}
                {e.node.text || "(empty)"}
              </p>
              <ul className="binder-alts">
                {e.alts.map((a) => (
                  <li key={a.id} data-testid="binder.alt" data-alt-id={a.id}>
                    <button type="button" className="binder-alt" onClick={() => go(e.node.id)}>
                      <span className="binder-alt-text story-text">
                        {a.speaker ? `${a.speaker}: ` : ""}
                        {[a.title, a.text].filter(Boolean).join(" — ")}
                      </span>
                      {a.tags?.length ? <span className="binder-tags">{a.tags.join(" · ")}</span> : null}
                      {a.note ? <span className="binder-note">{a.note}</span> : null}
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </Modal>
  );
}
