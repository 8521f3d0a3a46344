/** "Downloads": every download this session knows of (not the cancelled ones), with its bar and controls. */
import { useId } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { DownloadProgress } from "./DownloadProgress";

export function DownloadsSection() {
  const downloads = useAppStore((s) => s.downloads);
  const catalog = useAppStore((s) => s.catalog?.models ?? null);
  const id = useId();
  const shown = downloads.filter((d) => d.state !== "cancelled");
  if (shown.length === 0) return null;
  const nameOf = (catalogId: string | null, fileName: string) => catalog?.find((m) => m.id === catalogId)?.name ?? fileName;
  return (
    <section className="models-section" aria-labelledby={id} data-testid="models.downloads">
      <h3 id={id} className="models-section-title">
        Downloads
      </h3>
      <div className="download-list">
        {shown.map((d) => (
          <DownloadProgress key={d.id} download={d} name={nameOf(d.catalogId, d.fileName)} />
        ))}
      </div>
    </section>
  );
}
