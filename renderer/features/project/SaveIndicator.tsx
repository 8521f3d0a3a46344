/** "Saved" / "Saving…" / "Unsaved" / "Not saved" in the top bar, with the time or the error as tooltip. */
import { useAppStore } from "../../stores/useAppStore";

export function SaveIndicator() {
  const save = useAppStore((s) => s.projectState?.save);
  if (!save) return null;
  const text = save.state === "saved" ? "Saved" : save.state === "saving" ? "Saving…" : save.state === "dirty" ? "Unsaved" : "Not saved";
  const title =
    save.state === "error"
      ? save.message
      : save.at
        ? `Last saved ${new Date(save.at).toLocaleTimeString()}`
        : save.state === "dirty"
          ? "Changes are saved automatically in a moment"
          : undefined;
  return (
    <span className={`save-state is-${save.state}`} data-testid="save.state" data-state={save.state} title={title} role="status">
      <span className="save-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
