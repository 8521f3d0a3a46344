/**
 * The settings dialog, over whichever screen is showing: the model and its performance (app-wide,
 * saved in the app's settings) and, with a project open, how that project is generated (saved in the
 * project as one undoable step), and that project's style filter.
 */
import { useAppStore } from "../../stores/useAppStore";
import { Modal } from "../../ui/Modal";
import { StyleFilterSettings } from "../filter/StyleFilterSettings";
import { EngineSettings } from "./EngineSettings";
import { GenerationSettings } from "./GenerationSettings";
import { useSettingsShortcut } from "./useSettingsShortcut";
import "./settings.css";

export function SettingsDialog() {
  useSettingsShortcut();
  const open = useAppStore((s) => s.settingsOpen);
  const close = useAppStore((s) => s.closeSettings);
  const hasProject = useAppStore((s) => s.projectState !== null);
  if (!open) return null;
  return (
    <Modal title="Settings" onClose={close} testId="settings.dialog" className="settings-dialog">
      <EngineSettings />
      {hasProject ? (
        <>
          <GenerationSettings />
          <StyleFilterSettings />
        </>
      ) : (
        <section className="settings-section">
          <h3 className="settings-section-title">Generation</h3>
          <p className="muted small">Open a project to choose how its beats, scenes and lines are generated.</p>
        </section>
      )}
    </Modal>
  );
}
