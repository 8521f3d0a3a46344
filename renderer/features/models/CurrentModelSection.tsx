/**
 * "Current model": which file, whether it is ready, how it runs (GPU layers, context, threads),
 * the load's progress, or what went wrong with one button per way forward.
 */
import { useId, type RefObject } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { modelStatusLine } from "../model/modelGate";
import { loadedLine } from "./format";
import { LevelModelsStatus } from "./LevelModelsStatus";
import { ModelLoadBar } from "./ModelLoadBar";
import { ModelRemedies } from "./ModelRemedies";

export function CurrentModelSection({ pathInput }: { pathInput: RefObject<HTMLInputElement | null> }) {
  const model = useAppStore((s) => s.model);
  const closeModels = useAppStore((s) => s.closeModels);
  const openSettings = useAppStore((s) => s.openSettings);
  const id = useId();
  const state = model?.state ?? "loading";

  const toSettings = () => {
    closeModels();
    openSettings();
  };

  return (
    <section className="models-section" aria-labelledby={id} data-testid="models.current" data-state={state}>
      <div className="models-section-head">
        <h3 id={id} className="models-section-title">
          Current model
        </h3>
        <button type="button" className="btn btn-small btn-quiet" onClick={toSettings} data-testid="models.performance">
          GPU layers, context, threads…
        </button>
      </div>
      <p className={`model-status is-${state}`} role="status">
        <span className="model-chip-dot" aria-hidden="true" />
        <span>{modelStatusLine(model)}</span>
      </p>
      {model?.modelPath ? <p className="mono small muted path-line">{model.modelPath}</p> : null}
      <ModelLoadBar model={model} />
      {model?.state === "ready" && model.loaded ? (
        <p className="small" data-testid="models.loaded">
          {loadedLine(model.loaded)}
        </p>
      ) : null}
      {model?.state === "error" || model?.state === "none" ? <p className="small muted pre-line">{model.help}</p> : null}
      {model?.state === "error" ? <ModelRemedies remedies={model.remedies ?? ["pick-file"]} pathInput={pathInput} /> : null}
      <LevelModelsStatus />
    </section>
  );
}
