/**
 * Whether the model can take work now, and if not, a sentence saying why — shown as the tooltip of
 * every disabled generate button, so writing stays possible and the reason is never a mystery.
 * Pure; tested in modelGate.test.ts.
 */
import type { ModelStatus } from "../../../shared/ipc/contract";

export function generationBlockedReason(model: ModelStatus | null, connected: boolean): string | null {
  if (!connected) return "Not connected to Cascade's services; waiting to reconnect.";
  if (!model) return "Checking the model…";
  switch (model.state) {
    case "ready":
      return null;
    case "loading":
      return "The model is still loading.";
    case "none":
      return "No model is set up yet. Choose one under Models (or a .gguf file in the banner at the top) to generate; writing works without one.";
    case "error":
      return `The model could not be loaded${model.message ? `: ${model.message}` : "."}`;
  }
}

/** The short text of the model chip in the top bar. */
export function modelChipText(model: ModelStatus | null): string {
  if (!model) return "Model…";
  switch (model.state) {
    case "ready":
      return model.modelId ?? fileName(model.modelPath) ?? "Model ready";
    case "loading":
      return typeof model.progress === "number" ? `Loading model… ${Math.round(model.progress * 100)}%` : "Loading model…";
    case "none":
      return "No model";
    case "error":
      return "Model error";
  }
}

/** One line on the model for the settings dialog: which file, and whether it can write. */
export function modelStatusLine(model: ModelStatus | null): string {
  if (!model) return "Checking the model…";
  const name = model.modelId ?? fileName(model.modelPath) ?? "the model";
  switch (model.state) {
    case "ready":
      return `Ready: ${name}`;
    case "loading":
      return `Loading ${name}…`;
    case "none":
      return "No model is set up. Writing works without one; generating needs one.";
    case "error":
      return `Not loaded: ${model.message ?? "the model could not be loaded."}`;
  }
}

/** The last path segment, for either separator (Windows and POSIX paths both reach the UI). */
export function fileName(path: string | null): string | null {
  if (!path) return null;
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || null;
}
