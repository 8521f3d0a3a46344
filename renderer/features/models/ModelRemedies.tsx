/**
 * The ways forward after a model failed to load, one button each (main says which fit the error,
 * most useful first): fewer GPU layers, the CPU only, a smaller model, another file, try again.
 */
import type { RefObject } from "react";
import type { ModelRemedy } from "../../../shared/ipc/contract";
import { useAppStore } from "../../stores/useAppStore";
import { REMEDY_HINTS, REMEDY_LABELS } from "./modelChoices";

export interface ModelRemediesProps {
  remedies: readonly ModelRemedy[];
  /** The path field "Choose another file" focuses where there is no file dialog (the web shell). */
  pathInput?: RefObject<HTMLInputElement | null>;
}

export function ModelRemedies({ remedies, pathInput }: ModelRemediesProps) {
  const applyRemedy = useAppStore((s) => s.applyRemedy);
  const pickModelFile = useAppStore((s) => s.pickModelFile);
  const canPick = useAppStore((s) => s.appInfo?.shell === "electron");
  const busy = useAppStore((s) => s.modelBusy || s.settingsBusy || s.model?.state === "loading");
  if (remedies.length === 0) return null;

  const run = async (remedy: ModelRemedy) => {
    if (remedy !== "pick-file") return applyRemedy(remedy);
    if (canPick && (await pickModelFile()) !== "unsupported") return;
    pathInput?.current?.focus();
  };

  return (
    <div className="remedies" role="group" aria-label="Ways forward">
      {remedies.map((remedy, i) => (
        <button
          key={remedy}
          type="button"
          className={`btn btn-small ${i === 0 ? "btn-primary" : ""}`}
          title={REMEDY_HINTS[remedy]}
          disabled={busy && remedy !== "smaller-model" && remedy !== "pick-file"}
          onClick={() => void run(remedy)}
          data-testid="model.remedy"
          data-remedy={remedy}
        >
          {REMEDY_LABELS[remedy]}
        </button>
      ))}
    </div>
  );
}
