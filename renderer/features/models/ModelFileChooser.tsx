/**
 * "Use a GGUF file I already have": in Electron a "Choose file…" button (the system's dialog), and
 * always a path field, since the web shell has no file dialog. Choosing loads the model at once.
 */
import { useId, useState, type FormEvent, type Ref } from "react";
import { useAppStore } from "../../stores/useAppStore";

export interface ModelFileChooserProps {
  /** Test ids: `${prefix}.path`, `${prefix}.use-file`, `${prefix}.pick-file`. */
  testIdPrefix: string;
  label?: string;
  /** Runs just before the model is set (the onboarding stays to show the load). */
  onChoose?: () => void;
  inputRef?: Ref<HTMLInputElement>;
}

export function ModelFileChooser({ testIdPrefix, label = "Path to a .gguf file", onChoose, inputRef }: ModelFileChooserProps) {
  const canPick = useAppStore((s) => s.appInfo?.shell === "electron");
  const busy = useAppStore((s) => s.modelBusy);
  const setModelPath = useAppStore((s) => s.setModelPath);
  const pickModelFile = useAppStore((s) => s.pickModelFile);
  const [path, setPath] = useState("");
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return;
    onChoose?.();
    if (await setModelPath(path)) setPath("");
  };

  const pick = async () => {
    onChoose?.();
    await pickModelFile();
  };

  return (
    <form className="file-chooser" onSubmit={submit} noValidate>
      {canPick ? (
        <>
          <button type="button" className="btn" onClick={pick} disabled={busy} data-testid={`${testIdPrefix}.pick-file`}>
            Choose file…
          </button>
          <span className="file-chooser-or muted small">or type its path</span>
        </>
      ) : null}
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="file-chooser-row">
        <input
          ref={inputRef}
          id={id}
          className="input mono"
          type="text"
          value={path}
          placeholder="/path/to/model.gguf"
          onChange={(e) => setPath(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          data-testid={`${testIdPrefix}.path`}
        />
        <button type="submit" className="btn btn-primary" disabled={busy || !path.trim()} data-testid={`${testIdPrefix}.use-file`}>
          {busy ? "Loading…" : "Use this file"}
        </button>
      </div>
    </form>
  );
}
