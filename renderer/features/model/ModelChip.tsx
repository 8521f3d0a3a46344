/** The model's state at a glance in the top bar; clicking it brings back the setup banner when needed. */
import { useAppStore } from "../../stores/useAppStore";
import { ChipIcon } from "../../ui/icons";
import { modelChipText } from "./modelGate";

export function ModelChip() {
  const model = useAppStore((s) => s.model);
  const showBanner = useAppStore((s) => s.setModelBannerHidden);
  const state = model?.state ?? "loading";
  const needsSetup = state === "none" || state === "error";
  const title =
    state === "ready"
      ? `Model: ${model?.modelPath ?? ""}`
      : state === "error"
        ? `${model?.message ?? "The model failed to load"} — click to fix`
        : state === "none"
          ? "No model set up — click to choose one"
          : "Loading the model…";
  return (
    <button
      type="button"
      className={`model-chip is-${state}`}
      data-testid="model.chip"
      data-state={state}
      title={title}
      onClick={() => needsSetup && showBanner(false)}
    >
      <ChipIcon size={14} />
      <span className="model-chip-dot" aria-hidden="true" />
      <span className="model-chip-text">{modelChipText(model)}</span>
    </button>
  );
}
