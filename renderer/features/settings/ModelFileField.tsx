/** Which model file Cascade writes with, and whether it is loaded: the path, "Use this model", a status line. */
import { useId, useState, type FormEvent } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { modelStatusLine } from "../model/modelGate";

export function ModelFileField() {
  const model = useAppStore((s) => s.model);
  const busy = useAppStore((s) => s.modelBusy);
  const setModelPath = useAppStore((s) => s.setModelPath);
  const [path, setPath] = useState(model?.modelPath ?? "");
  const id = useId();
  const state = model?.state ?? "loading";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await setModelPath(path);
  };

  return (
    <form className="model-file" onSubmit={submit} noValidate>
      <label className="field-label" htmlFor={id}>
        Model file (.gguf)
      </label>
      <div className="model-file-row">
        <input
          id={id}
          className="input mono"
          type="text"
          value={path}
          placeholder="/path/to/model.gguf"
          onChange={(e) => setPath(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          data-autofocus
          data-testid="settings.model-path"
        />
        <button type="submit" className="btn" disabled={busy || !path.trim()} data-testid="settings.use-model">
          {busy ? "Loading…" : "Use this model"}
        </button>
      </div>
      <p className={`model-status is-${state}`} role="status" data-testid="settings.model-status">
        <span className="model-chip-dot" aria-hidden="true" />
        <span>{modelStatusLine(model)}</span>
      </p>
    </form>
  );
}
