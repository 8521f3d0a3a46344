/**
 * The model's state at a glance in the top bar (with the load's progress). Clicking it brings back
 * the setup banner when there is no usable model, else opens the Models screen.
 */
import { useAppStore } from "../../stores/useAppStore";
import { ChipIcon } from "../../ui/icons";
import { modelChipText } from "./modelGate";

export function ModelChip() {
  const model = useAppStore((s) => s.model);
  const showBanner = useAppStore((s) => s.setModelBannerHidden);
  const openModels = useAppStore((s) => s.openModels);
  const state = model?.state ?? "loading";
  const needsSetup = state === "none" || state === "error";
  const title =
    state === "ready"
      ? `Model: ${model?.modelPath ?? ""} — click for Models`
      : state === "error"
        ? `${model?.message ?? "The model failed to load"} — click to fix`
        : state === "none"
          ? "No model set up — click to choose one"
          : "Loading the model… — click for details";
  return (
    <button
      type="button"
      className={`model-chip is-${state}`}
      data-testid="model.chip"
      data-state={state}
      title={title}
      aria-haspopup={needsSetup ? undefined : "dialog"}
      onClick={() => (needsSetup ? showBanner(false) : openModels())}
    >
      <ChipIcon size={14} />
      <span className="model-chip-dot" aria-hidden="true" />
      <span className="model-chip-text">{modelChipText(model)}</span>
    </button>
  );
}
