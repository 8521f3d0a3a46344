/**
 * One download: its bar (bytes, speed, time left), what state it is in, and pause / resume /
 * cancel; once done, "Use this model" (unless it already is the model, or is about to be).
 */
import type { DownloadView } from "../../../shared/models/types";
import { useAppStore } from "../../stores/useAppStore";
import { ProgressBar } from "../../ui/ProgressBar";
import { downloadFraction, downloadLine } from "./format";
import "./catalog.css";

const STATE_WORDS: Record<DownloadView["state"], string> = {
  downloading: "Downloading",
  paused: "Paused",
  verifying: "Checking",
  done: "Downloaded",
  failed: "Download failed",
  cancelled: "Cancelled",
};

/** `showName`: false inside a card that already names the model. */
export function DownloadProgress({ download, name, showName = true }: { download: DownloadView; name: string; showName?: boolean }) {
  const control = useAppStore((s) => s.controlDownload);
  const startDownload = useAppStore((s) => s.startDownload);
  const setModelPath = useAppStore((s) => s.setModelPath);
  const modelBusy = useAppStore((s) => s.modelBusy);
  const inUse = useAppStore((s) => download.path !== null && s.model?.modelPath === download.path);
  const usingSoon = useAppStore((s) => s.downloadsToUse.includes(download.id));
  const { state } = download;
  const line = downloadLine(download);
  const running = state === "downloading" || state === "paused" || state === "verifying";

  return (
    <div className={`download is-${state}`} data-testid="models.download-item" data-download-id={download.id} data-state={state}>
      <div className="download-head">
        <span className="download-name">{showName ? name : ""}</span>
        <span className="download-state" role="status">
          {STATE_WORDS[state]}
        </span>
      </div>
      {state !== "failed" && state !== "cancelled" ? (
        <ProgressBar value={downloadFraction(download)} label={`Downloading ${name}`} valueText={line} paused={state === "paused"} testId="models.download-progress" />
      ) : null}
      <div className="download-foot">
        <span className={`download-line small ${state === "failed" ? "is-error" : "muted"}`}>
          {line}
          {state === "done" && download.checksum === "unverified" ? (
            <span className="download-unverified" data-testid="models.download-unverified">
              {" "}
              · Not checked against a checksum (the server published none); its GGUF structure is complete.
            </span>
          ) : null}
          {state === "done" && download.checksum === "matched" ? " · Checksum verified" : null}
        </span>
        <span className="download-actions">
          {state === "downloading" ? (
            <button type="button" className="btn btn-small" onClick={() => void control(download.id, "pause")} data-testid="models.download-pause">
              Pause
            </button>
          ) : null}
          {state === "paused" ? (
            <button type="button" className="btn btn-small" onClick={() => void control(download.id, "resume")} data-testid="models.download-resume">
              Resume
            </button>
          ) : null}
          {running && state !== "verifying" ? (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => void control(download.id, "cancel")} data-testid="models.download-cancel">
              Cancel
            </button>
          ) : null}
          {state === "failed" && download.catalogId ? (
            <button type="button" className="btn btn-small" onClick={() => void startDownload(download.catalogId!)} data-testid="models.download-retry">
              Try again
            </button>
          ) : null}
          {state === "failed" ? (
            <button
              type="button"
              className="btn btn-small btn-quiet"
              onClick={() => void control(download.id, "cancel")}
              title="Stop trying and delete what was downloaded so far"
              data-testid="models.download-remove"
            >
              Remove
            </button>
          ) : null}
          {state === "done" && download.path && !inUse && !usingSoon ? (
            <button type="button" className="btn btn-small btn-primary" disabled={modelBusy} onClick={() => void setModelPath(download.path!)} data-testid="models.download-use">
              Use this model
            </button>
          ) : null}
          {state === "done" && inUse ? <span className="mm-badge">In use</span> : null}
        </span>
      </div>
    </div>
  );
}
