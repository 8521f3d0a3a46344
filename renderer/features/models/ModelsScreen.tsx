/**
 * The Models screen (top bar "Models", the model chip, Ctrl/Cmd+Shift+M; Escape closes): this
 * computer, the current model, the models on disk with their metadata and a fit check, downloads,
 * and the recommended models. Everything is read fresh each time it opens.
 */
import { useEffect, useRef } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { Modal } from "../../ui/Modal";
import { CatalogSection } from "./CatalogSection";
import { CurrentModelSection } from "./CurrentModelSection";
import { DownloadsSection } from "./DownloadsSection";
import { HardwareSection } from "./HardwareSection";
import { LocalModelsSection } from "./LocalModelsSection";
import { useModelsShortcut } from "./useModelsShortcut";
import "./models.css";

export function ModelsScreen() {
  useModelsShortcut();
  const open = useAppStore((s) => s.modelsOpen);
  if (!open) return null;
  return <ModelsDialog />;
}

function ModelsDialog() {
  const close = useAppStore((s) => s.closeModels);
  const focus = useAppStore((s) => s.modelsFocus);
  const pathInput = useRef<HTMLInputElement>(null);
  const catalogHeading = useRef<HTMLHeadingElement>(null);

  // Opened for "a smaller model": bring the catalog into view, and focus there.
  useEffect(() => {
    if (focus !== "catalog") return;
    const heading = catalogHeading.current;
    heading?.scrollIntoView({ block: "start" });
    heading?.focus({ preventScroll: true });
  }, [focus]);

  return (
    <Modal title="Models" onClose={close} testId="models.screen" className="models-dialog">
      <div className="models-top">
        <HardwareSection />
        <CurrentModelSection pathInput={pathInput} />
      </div>
      <LocalModelsSection pathInput={pathInput} />
      <DownloadsSection />
      <CatalogSection headingRef={catalogHeading} />
    </Modal>
  );
}
