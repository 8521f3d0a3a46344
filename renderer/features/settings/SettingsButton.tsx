/** The gear that opens the settings dialog (also Ctrl/Cmd+,). */
import { useAppStore } from "../../stores/useAppStore";
import { GearIcon } from "../../ui/icons";
import { MOD_KEY } from "../help/shortcuts";

export function SettingsButton() {
  const openSettings = useAppStore((s) => s.openSettings);
  return (
    <button
      type="button"
      className="btn btn-icon btn-quiet"
      aria-label="Settings"
      aria-haspopup="dialog"
      title={`Settings (${MOD_KEY}+,)`}
      onClick={openSettings}
      data-testid="settings.open"
    >
      <GearIcon />
    </button>
  );
}
