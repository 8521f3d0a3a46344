/**
 * One snapshot compared with now: Changed / Moved / Added since / Removed since, each entry with
 * where it sits, what happened (a word diff for changed text) and "Restore this" where the snapshot
 * can put it back.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { TextPart } from "../../../shared/story/treeDiff";
import type { SnapshotComparison } from "../../stores/snapshotsSlice";
import { useAppStore } from "../../stores/useAppStore";
import { ActionButton } from "../../ui/ActionButton";
import { relativeTime } from "../start/relativeTime";
import { levelName } from "../tree/nodeText";
import { diffGroups, type DiffEntryView, type DiffGroupView } from "./diffView";
import { scopeLabel } from "./snapshotText";
import { useRestoreAll } from "./useRestoreAll";
import "./snapshotDiff.css";
import { trimUnchanged } from "./wordDiff";

/** Entries shown per group before "Show all": a cascade can change hundreds of lines. */
const FIRST_SHOWN = 40;

export function SnapshotDiffView({ comparison }: { comparison: SnapshotComparison }) {
  const project = useAppStore((s) => s.projectState?.project);
  const back = useAppStore((s) => s.closeComparison);
  const groups = useMemo(() => (project ? diffGroups(comparison, project, (id) => comparison.removedNodes[id]) : []), [comparison, project]);
  const restoreAll = useRestoreAll(comparison.snapshot);
  const section = useRef<HTMLElement>(null);
  const backButton = useRef<HTMLButtonElement>(null);
  // Opening a comparison unmounts the "Compare with now" that opened it: focus the way back.
  useEffect(() => {
    (backButton.current ?? section.current)?.focus();
  }, []);
  // A restored entry leaves the list with the button that restored it: keep focus in the dialog.
  const keepFocus = () => {
    if (!section.current?.contains(document.activeElement)) section.current?.focus();
  };
  if (!project) return null;
  const snap = comparison.snapshot;
  return (
    <section ref={section} tabIndex={-1} className="snapshot-diff" data-testid="snapshots.diff" data-snapshot-id={snap.id} aria-label={`Changes since “${snap.name}”`}>
      <div className="snapshot-diff-head">
        <button ref={backButton} type="button" className="link snapshot-back" onClick={back} data-autofocus data-testid="snapshots.back">
          ← All snapshots
        </button>
        <h3 className="snapshot-diff-title">
          Since “{snap.name}”{" "}
          <time className="snapshot-meta" dateTime={snap.at} title={new Date(snap.at).toLocaleString()}>
            {relativeTime(snap.at)} · {scopeLabel(snap, project)}
          </time>
        </h3>
        <div className="snapshot-actions">{restoreAll.button}</div>
        {restoreAll.confirm}
      </div>
      {groups.length === 0 ? (
        <p className="muted snapshot-empty" data-testid="snapshots.diff.empty">
          No changes since this snapshot.
        </p>
      ) : (
        <>
          <p className="snapshot-diff-counts">{groups.map((g) => `${g.entries.length} ${g.heading.toLowerCase()}`).join(" · ")}</p>
          {groups.map((g) => (
            <DiffGroup key={g.kind} group={g} snapshotId={snap.id} afterRestore={keepFocus} />
          ))}
        </>
      )}
    </section>
  );
}

interface EntryProps {
  snapshotId: string;
  afterRestore: () => void;
}

function DiffGroup({ group, ...entryProps }: { group: DiffGroupView } & EntryProps) {
  const [all, setAll] = useState(false);
  const shown = all ? group.entries : group.entries.slice(0, FIRST_SHOWN);
  return (
    <section className={`diff-group diff-${group.kind}`} aria-label={group.heading}>
      <h4 className="diff-group-title">
        {group.heading} <span className="muted">({group.entries.length})</span>
      </h4>
      {group.note ? <p className="diff-group-note">{group.note}</p> : null}
      <ol className="diff-entries">
        {shown.map((e) => (
          <DiffEntry key={e.nodeId} entry={e} {...entryProps} />
        ))}
      </ol>
      {shown.length < group.entries.length ? (
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setAll(true)}>
          Show all {group.entries.length}
        </button>
      ) : null}
    </section>
  );
}

function DiffEntry({ entry: e, snapshotId, afterRestore }: { entry: DiffEntryView } & EntryProps) {
  const restore = useAppStore((s) => s.restoreSnapshot);
  const busy = useAppStore((s) => s.snapshotsBusy);
  return (
    <li className={`diff-entry diff-${e.kind}`} data-testid="snapshots.diff.entry" data-kind={e.kind} data-node-id={e.nodeId}>
      <div className="diff-entry-head">
        <span className="diff-where">
          {e.level ? <span className={`diff-level level-${e.level}`}>{levelName(e.level)}</span> : null}
          <span className="diff-place">{e.place}</span>
          <span className="diff-summary story-text">{e.summary}</span>
        </span>
        <ActionButton
          label={e.restore.label}
          title={e.restore.hint}
          reason={e.restore.enabled ? null : e.restore.hint}
          disabled={!e.restore.enabled || busy}
          className="btn-small"
          testId="snapshots.restore-node"
          onClick={() => void restore(snapshotId, e.nodeId).then(afterRestore)}
        />
      </div>
      {e.detail ? <p className="diff-detail">{e.detail}</p> : null}
      {e.title ? <WordDiff label="Title" parts={e.title} /> : null}
      {e.text ? <WordDiff label={e.title ? "Text" : null} parts={e.text} /> : null}
      {e.restore.enabled ? null : <p className="diff-why">{e.restore.hint}</p>}
    </li>
  );
}

/** A word diff: removed words struck through, added ones marked (snapshots.css has them announced too). */
function WordDiff({ label, parts }: { label: string | null; parts: TextPart[] }) {
  return (
    <p className="word-diff story-text">
      {label ? <span className="word-diff-label">{label}</span> : null}
      {trimUnchanged(parts).map((p, i) =>
        p.kind === "added" ? (
          <ins key={i}>{p.text}</ins>
        ) : p.kind === "removed" ? (
          <del key={i}>{p.text}</del>
        ) : (
          <span key={i} className={p.cut ? "word-diff-cut" : undefined}>
            {p.text}
          </span>
        ),
      )}
    </p>
  );
}
