/**
 * "Models on this computer": every GGUF file in the models folder (and any the settings name
 * elsewhere) described from its own metadata, each with its fit estimate (made as the list arrives,
 * before anything loads: does it fit, where it runs, how many layers go to the GPU; "Check fit"
 * asks again) and "Use" ("Use anyway" when it does not fit). Below, a file from elsewhere.
 */
import { useEffect, useId, type RefObject } from "react";
import type { LocalModelInfo } from "../../../shared/models/types";
import { useAppStore } from "../../stores/useAppStore";
import { formatBytes, formatContext, layersLine, memoryLine, RUNS_ON_LABELS } from "./format";
import { displayName } from "./modelChoices";
import { ModelFileChooser } from "./ModelFileChooser";

const COLUMNS = 7;

export function LocalModelsSection({ pathInput }: { pathInput: RefObject<HTMLInputElement | null> }) {
  const listing = useAppStore((s) => s.localModels);
  const checkFit = useAppStore((s) => s.checkFit);
  const id = useId();
  // Every readable model gets its estimate as soon as it is listed (with the current settings).
  useEffect(() => {
    for (const m of listing?.models ?? []) if (!m.problem) void checkFit(m.path);
  }, [listing, checkFit]);
  return (
    <section className="models-section" aria-labelledby={id} data-testid="models.local">
      <div className="models-section-head">
        <h3 id={id} className="models-section-title">
          Models on this computer
        </h3>
        {listing ? (
          <span className="muted small">
            Folder: <code className="mono">{listing.dir}</code>
          </span>
        ) : null}
      </div>
      {!listing ? (
        <p className="muted small">Reading the models folder…</p>
      ) : listing.models.length === 0 ? (
        <p className="muted small" data-testid="models.local-empty">
          No models yet. Download a recommended one below, or use a .gguf file you already have.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="local-models">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Size</th>
                <th scope="col">Quantization</th>
                <th scope="col">Context</th>
                <th scope="col">Chat template</th>
                <th scope="col">Licence</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {listing.models.map((m) => (
                <LocalModelRow key={m.path} model={m} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ModelFileChooser testIdPrefix="models" label="Use a .gguf file from elsewhere (its full path)" inputRef={pathInput} />
    </section>
  );
}

function LocalModelRow({ model: m }: { model: LocalModelInfo }) {
  const inUse = useAppStore((s) => s.model?.modelPath === m.path);
  const estimate = useAppStore((s) => s.fitEstimates[m.path]);
  const busy = useAppStore((s) => s.modelBusy);
  const checkFit = useAppStore((s) => s.checkFit);
  const setModelPath = useAppStore((s) => s.setModelPath);
  const name = displayName(m);
  const tooBig = estimate !== undefined && estimate !== "checking" && !estimate.fits;
  const dash = <span className="muted">—</span>;
  return (
    <>
      <tr data-testid="models.local-row" data-file={m.fileName} data-path={m.path} className={inUse ? "is-in-use" : ""}>
        <th scope="row" className="local-name">
          <span className="local-title">{name ?? m.fileName}</span>
          {name ? <span className="local-file mono">{m.fileName}</span> : null}
          {m.architecture ? <span className="local-file">{m.architecture}</span> : null}
        </th>
        <td className="nowrap" data-testid="models.local-size">{formatBytes(m.sizeBytes)}</td>
        {m.problem ? (
          <td colSpan={4} className="local-problem" data-testid="models.local-problem">
            {m.problem}
          </td>
        ) : (
          <>
            <td data-testid="models.local-quant">{m.quantization ?? dash}</td>
            <td className="nowrap" data-testid="models.local-context">{m.contextLength !== null ? formatContext(m.contextLength) : dash}</td>
            <td data-testid="models.local-template">{m.chatTemplate ?? <span className="muted">none</span>}</td>
            <td data-testid="models.local-license">{m.license ?? dash}</td>
          </>
        )}
        <td className="local-actions">
          {m.problem ? null : (
            <>
              <button type="button" className="btn btn-small" disabled={estimate === "checking"} onClick={() => void checkFit(m.path)} data-testid="models.check-fit">
                {estimate === "checking" ? "Checking…" : "Check fit"}
              </button>
              {inUse ? (
                <span className="mm-badge">In use</span>
              ) : (
                <button
                  type="button"
                  className={`btn btn-small ${tooBig ? "" : "btn-primary"}`}
                  disabled={busy}
                  onClick={() => void setModelPath(m.path)}
                  title={tooBig ? "The estimate says it does not fit with these settings: it may fail to load, or load slowly." : undefined}
                  data-testid="models.use"
                >
                  {tooBig ? "Use anyway" : "Use"}
                </button>
              )}
            </>
          )}
        </td>
      </tr>
      {estimate && estimate !== "checking" ? (
        <tr className="fit-row">
          <td colSpan={COLUMNS}>
            <div className={`fit ${estimate.fits ? "is-fit" : "is-no-fit"}`} role="status" data-testid="models.fit" data-fits={estimate.fits} data-runs-on={estimate.runsOn}>
              <p className="fit-verdict">
                <strong>{estimate.fits ? "Fits." : "Does not fit."}</strong> {estimate.summary || `${RUNS_ON_LABELS[estimate.runsOn]}.`}
              </p>
              <p className="fit-details">
                {layersLine(estimate)} · {memoryLine(estimate)} · context {formatContext(estimate.contextSize)}
              </p>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
