/**
 * First start, no model configured: a short onboarding at the top of the start screen. The model
 * recommended for this machine (from the catalog, for its GPU memory and RAM) with Download, or "Use
 * a GGUF file I already have". It stays through the load to show progress or what went wrong, and
 * goes once the model is ready. "Not now" puts it away; the no-model banner and the model chip
 * bring it back. Writing never waits for it.
 */
import { useEffect, useId, useRef } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { CatalogCard } from "./CatalogCard";
import { backendName, formatMemoryBytes } from "./format";
import { ModelFileChooser } from "./ModelFileChooser";
import { ModelLoadBar } from "./ModelLoadBar";
import { ModelRemedies } from "./ModelRemedies";
import "./models.css";
import "./onboarding.css";

export function OnboardingPanel() {
  const model = useAppStore((s) => s.model);
  const hardware = useAppStore((s) => s.hardware);
  const catalog = useAppStore((s) => s.catalog);
  const engaged = useAppStore((s) => s.onboardingEngaged);
  const loadModelsInfo = useAppStore((s) => s.loadModelsInfo);
  const dismiss = useAppStore((s) => s.dismissOnboarding);
  const setEngaged = useAppStore((s) => s.setOnboardingEngaged);
  const openModels = useAppStore((s) => s.openModels);
  const pathInput = useRef<HTMLInputElement>(null);
  const titleId = useId();

  useEffect(() => {
    void loadModelsInfo();
  }, [loadModelsInfo]);

  const engage = () => setEngaged(true);
  const recommended = catalog?.recommended ?? null;
  const failed = engaged && model?.state === "error";

  return (
    <section className="onboarding" aria-labelledby={titleId} data-testid="onboarding.dialog">
      <header className="onboarding-head">
        <h2 id={titleId} className="onboarding-title">
          Choose a model to write with
        </h2>
        <p className="onboarding-intro">
          Cascade writes with a language model that runs on this computer — your story never leaves it. Pick one now, or later from Models.
        </p>
      </header>
      <div className="onboarding-options">
        <div className="onboarding-option" data-testid="onboarding.recommendation">
          <h3 className="onboarding-option-title">Recommended for this computer</h3>
          {hardware ? (
            <p className="muted small" data-testid="onboarding.machine">
              {hardware.gpu === false ? "No GPU found: runs on the CPU" : `${backendName(hardware.gpu)} GPU`}
              {hardware.vram ? ` · ${formatMemoryBytes(hardware.vram.totalBytes)} GPU memory` : ""} · {formatMemoryBytes(hardware.ram.totalBytes)} RAM
            </p>
          ) : null}
          {recommended ? (
            <CatalogCard entry={recommended.model} recommendation={recommended} useWhenDone onUse={engage} />
          ) : (
            <p className="muted small">{catalog ? "None of the catalog's models fits this computer well; a small GGUF file you already have may." : "Finding the model that suits this computer…"}</p>
          )}
          <button type="button" className="link small" onClick={() => openModels("catalog")} data-testid="onboarding.more-models">
            Other models…
          </button>
        </div>
        <div className="onboarding-option">
          <h3 className="onboarding-option-title">Use a GGUF file I already have</h3>
          <p className="muted small">Any instruction-tuned model in GGUF format. Q4_K_M files are a good balance of size and quality.</p>
          <ModelFileChooser testIdPrefix="onboarding" onChoose={engage} inputRef={pathInput} />
        </div>
      </div>
      {engaged ? <ModelLoadBar model={model} /> : null}
      {failed ? (
        <div className="onboarding-error" role="alert" data-testid="onboarding.error">
          <p className="onboarding-error-message">{model.message ?? "The model could not be loaded."}</p>
          {model.help ? <p className="small pre-line">{model.help}</p> : null}
          <ModelRemedies remedies={model.remedies ?? ["pick-file"]} pathInput={pathInput} />
        </div>
      ) : null}
      <footer className="onboarding-foot">
        <span className="muted small">You can write without a model; generating needs one.</span>
        <button type="button" className="btn btn-quiet" onClick={dismiss} data-testid="onboarding.not-now">
          Not now
        </button>
      </footer>
    </section>
  );
}
