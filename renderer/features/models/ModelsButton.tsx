/** The "Models" button (top bar and start screen; also Ctrl/Cmd+Shift+M): opens the Models screen. */
import { useAppStore } from "../../stores/useAppStore";
import { MOD_KEY } from "../help/shortcuts";

export function ModelsButton() {
  const openModels = useAppStore((s) => s.openModels);
  return (
    <button
      type="button"
      className="btn btn-quiet"
      aria-haspopup="dialog"
      onClick={() => openModels()}
      title={`Models: this computer, the models on it, downloads (${MOD_KEY}+Shift+M)`}
      data-testid="models.open"
    >
      Models
    </button>
  );
}
