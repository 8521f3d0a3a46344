/**
 * The models chosen for single levels (Settings → Model for each level), under the current model:
 * which levels each writes, and how it is doing — not loaded yet (it loads when a job of its level
 * first needs it), loading with progress, ready, or what went wrong.
 */
import type { LevelModelStatus } from "../../../shared/ipc/contract";
import { useAppStore } from "../../stores/useAppStore";
import { fileName } from "../model/modelGate";
import { LEVEL_LABELS } from "../settings/generationForm";
import { ModelLoadBar } from "./ModelLoadBar";

export function LevelModelsStatus() {
  const levelModels = useAppStore((s) => s.levelModels);
  if (!levelModels || levelModels.length === 0) return null;
  return (
    <div className="level-models-status" data-testid="models.level-models">
      <p className="small field-label">Models for single levels</p>
      <ul>
        {levelModels.map((m) => (
          <LevelModelItem key={m.path} model={m} />
        ))}
      </ul>
    </div>
  );
}

function LevelModelItem({ model: m }: { model: LevelModelStatus }) {
  const levels = m.levels.map((l) => LEVEL_LABELS[l]).join(", ");
  const name = fileName(m.path) ?? m.path;
  const { status } = m;
  const line =
    status.state === "ready"
      ? "ready"
      : status.state === "loading"
        ? "loading…"
        : status.state === "error"
          ? `not loaded: ${status.message ?? "it could not be loaded."}`
          : "loads when first needed";
  return (
    <li className={`level-model is-${status.state}`} data-testid="models.level-model" data-path={m.path} data-state={status.state}>
      <span className="small">
        <strong>{levels}</strong>: <span className="mono">{name}</span> — <span role="status">{line}</span>
      </span>
      <ModelLoadBar model={status} />
    </li>
  );
}
