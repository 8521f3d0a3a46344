/**
 * Shown when there is no usable model: says so plainly, says how to get one (main's `help`), and
 * takes a path; "Choose a model…" opens the onboarding (start screen) or the Models screen. After a
 * failed load it shows what went wrong and one button per way forward (main's `remedies`). Writing
 * never depends on it, so the writer can put it away ("Not now"); the model chip brings it back.
 */
import { useId, useRef, useState, type FormEvent } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { ModelRemedies } from "../models/ModelRemedies";
import "./model.css";

export function ModelBanner() {
  const model = useAppStore((s) => s.model);
  const hidden = useAppStore((s) => s.modelBannerHidden);
  const busy = useAppStore((s) => s.modelBusy);
  const modelsDir = useAppStore((s) => s.appInfo?.modelsDir ?? null);
  const setModelPath = useAppStore((s) => s.setModelPath);
  const setHidden = useAppStore((s) => s.setModelBannerHidden);
  const hasProject = useAppStore((s) => s.projectState !== null);
  const openModels = useAppStore((s) => s.openModels);
  const reopenOnboarding = useAppStore((s) => s.reopenOnboarding);
  const [path, setPath] = useState("");
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);

  if (!model || hidden || (model.state !== "none" && model.state !== "error")) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await setModelPath(path)) setPath("");
  };

  const isError = model.state === "error";
  return (
    <section className={`model-banner ${isError ? "is-error" : ""}`} data-testid="model.banner" aria-label="Model setup">
      <div className="model-banner-text">
        <h2 className="model-banner-title">{isError ? "The model could not be loaded" : "No model is set up yet"}</h2>
        {isError && model.message ? <p className="model-banner-message">{model.message}</p> : null}
        <p className="model-banner-help">{model.help}</p>
        {!isError ? <p className="model-banner-note">You can keep writing without one; generating needs a model.</p> : null}
        {isError ? <ModelRemedies remedies={model.remedies ?? []} pathInput={input} /> : null}
        {modelsDir ? (
          <p className="model-banner-note">
            Models folder: <code>{modelsDir}</code>
          </p>
        ) : null}
      </div>
      <form className="model-banner-form" onSubmit={submit}>
        <label htmlFor={inputId} className="field-label">
          Path to a .gguf model file
        </label>
        <div className="model-banner-row">
          <input
            ref={input}
            id={inputId}
            className="input mono"
            type="text"
            value={path}
            placeholder={model.modelPath ?? "/path/to/model.gguf"}
            onChange={(e) => setPath(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            data-testid="model.path-input"
          />
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="model.path-save">
            {busy ? "Loading…" : "Use this model"}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => (hasProject || isError ? openModels(isError ? null : "catalog") : reopenOnboarding())}
            data-testid="model.choose"
          >
            {isError ? "Models…" : "Choose a model…"}
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => setHidden(true)}>
            Not now
          </button>
        </div>
      </form>
    </section>
  );
}
