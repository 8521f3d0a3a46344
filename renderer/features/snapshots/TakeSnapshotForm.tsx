/** The top of the snapshots dialog: name a snapshot, choose what it holds, take it. */
import { useId, useState, type FormEvent } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { levelName } from "../tree/nodeText";
import { scopeLabel } from "./snapshotText";

export function TakeSnapshotForm() {
  const project = useAppStore((s) => s.projectState?.project);
  const selectedId = useAppStore((s) => s.selectedId);
  const presetId = useAppStore((s) => s.snapshotScopeId);
  const busy = useAppStore((s) => s.snapshotsBusy);
  const take = useAppStore((s) => s.takeSnapshot);
  const [name, setName] = useState("");
  const [scope, setScope] = useState(presetId ?? "");
  const nameId = useId();
  const scopeId = useId();
  if (!project) return null;
  // The whole story, the part a node action asked for, and the selected part (the premise is the whole story).
  const parts = [...new Set([presetId, selectedId])].filter((id): id is string => Boolean(id && project.nodes[id]?.parentId));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const taken = await take(name, scope && project.nodes[scope] ? scope : undefined);
    if (taken) setName("");
  };
  return (
    <form className="snapshot-take" onSubmit={(e) => void submit(e)} aria-label="Take a snapshot">
      <div className="field snapshot-name-field">
        <label className="field-label" htmlFor={nameId}>
          Name
        </label>
        <input
          id={nameId}
          className="input"
          value={name}
          maxLength={200}
          placeholder="e.g. Before the big rewrite (optional)"
          onChange={(e) => setName(e.target.value)}
          data-autofocus
          data-testid="snapshots.name"
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={scopeId}>
          Of
        </label>
        <select id={scopeId} className="input snapshot-scope" value={scope} onChange={(e) => setScope(e.target.value)} data-testid="snapshots.scope">
          <option value="">The whole story</option>
          {parts.map((id) => (
            <option key={id} value={id}>
              {`This ${levelName(project.nodes[id]!.level).toLowerCase()}: ${scopeLabel({ scopeId: id }, project)}`}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="snapshots.take">
        {busy ? "Working…" : "Take snapshot"}
      </button>
      <p className="field-hint snapshot-take-hint">One is also taken automatically before every “Regenerate below”.</p>
    </form>
  );
}
