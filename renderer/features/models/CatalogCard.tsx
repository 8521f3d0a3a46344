/**
 * One recommended model: what it is (size, licence, context length), what it is good for, and, for
 * the one picked for this machine, why. Then the way to get it: Download, its progress, or — once
 * on disk — Use.
 */
import type { CatalogModel, ModelRecommendation } from "../../../shared/models/types";
import { useAppStore } from "../../stores/useAppStore";
import { DownloadProgress } from "./DownloadProgress";
import { formatBytes, formatContext, RUNS_ON_LABELS } from "./format";
import { downloadFor, localCopy } from "./modelChoices";
import "./catalog.css";

export interface CatalogCardProps {
  entry: CatalogModel;
  /** Set on the model recommended for this machine. */
  recommendation?: ModelRecommendation | null;
  /** The download becomes the model when done (the onboarding); runs `onUse` first. */
  useWhenDone?: boolean;
  onUse?: () => void;
}

export function CatalogCard({ entry, recommendation, useWhenDone, onUse }: CatalogCardProps) {
  const local = useAppStore((s) => (s.localModels ? localCopy(entry, s.localModels.models) : undefined));
  const download = useAppStore((s) => downloadFor(entry.id, s.downloads));
  const inUse = useAppStore((s) => local !== undefined && s.model?.modelPath === local.path);
  const modelBusy = useAppStore((s) => s.modelBusy);
  const startDownload = useAppStore((s) => s.startDownload);
  const setModelPath = useAppStore((s) => s.setModelPath);
  const recommended = Boolean(recommendation);

  const use = (path: string) => {
    onUse?.();
    void setModelPath(path);
  };
  const get = () => {
    onUse?.();
    void startDownload(entry.id, { use: useWhenDone });
  };

  return (
    <article className={`catalog-card ${recommended ? "is-recommended" : ""}`} data-testid="models.catalog-item" data-catalog-id={entry.id} data-recommended={recommended}>
      <header className="catalog-card-head">
        <h4 className="catalog-name">{entry.name}</h4>
        {recommended ? <span className="mm-badge is-accent">Recommended for this computer</span> : null}
      </header>
      <p className="catalog-good-for">{entry.goodFor}</p>
      <dl className="catalog-facts">
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(entry.sizeBytes)}</dd>
        </div>
        <div>
          <dt>Parameters</dt>
          <dd>
            {entry.parameters} · {entry.quantization}
          </dd>
        </div>
        <div>
          <dt>Context</dt>
          <dd>{formatContext(entry.contextLength)}</dd>
        </div>
        <div>
          <dt>Licence</dt>
          <dd title={entry.licenseUrl}>{entry.license}</dd>
        </div>
      </dl>
      {recommendation ? (
        <p className="catalog-reason small">
          <strong>{RUNS_ON_LABELS[recommendation.runsOn]}.</strong> {recommendation.reason}
        </p>
      ) : null}
      <div className="catalog-actions">
        {local ? (
          inUse ? (
            <span className="mm-badge">In use</span>
          ) : (
            <>
              <span className="muted small">On this computer</span>
              <button type="button" className="btn btn-small btn-primary" disabled={modelBusy} onClick={() => use(local.path)} data-testid="models.catalog-use">
                Use this model
              </button>
            </>
          )
        ) : download ? (
          <DownloadProgress download={download} name={entry.name} showName={false} />
        ) : (
          <button type="button" className={`btn ${recommended ? "btn-primary" : ""}`} onClick={get} data-testid="models.download">
            Download ({formatBytes(entry.sizeBytes)})
          </button>
        )}
      </div>
    </article>
  );
}
