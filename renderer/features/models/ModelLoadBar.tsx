/** The model loading: which file, and how far (ModelStatus.progress); nothing when it is not loading. */
import type { ModelStatus } from "../../../shared/ipc/contract";
import { ProgressBar } from "../../ui/ProgressBar";
import { fileName } from "../model/modelGate";

export function ModelLoadBar({ model }: { model: ModelStatus | null }) {
  if (model?.state !== "loading") return null;
  const name = fileName(model.modelPath) ?? "the model";
  const progress = typeof model.progress === "number" ? model.progress : null;
  return (
    <div className="load-bar">
      <p className="load-bar-text small" role="status">
        Loading {name}…{progress !== null ? ` ${Math.round(progress * 100)}%` : ""}
      </p>
      <ProgressBar value={progress} label={`Loading ${name}`} testId="model.load-progress" />
    </div>
  );
}
