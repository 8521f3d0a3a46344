/**
 * The writer's note on an alt, saved when the field loses focus (one undo step per note, not per
 * keystroke). While the writer is not in the field it shows the saved note, so undo shows at once.
 */
import { useState } from "react";
import { ALT_LIMITS, type Alt } from "../../../shared/story/model";
import { useAppStore } from "../../stores/useAppStore";

export function AltNote({ nodeId, alt }: { nodeId: string; alt: Alt }) {
  const markAlt = useAppStore((s) => s.markAlt);
  const [draft, setDraft] = useState<string | null>(null);
  const saved = alt.note ?? "";
  return (
    <textarea
      className="alt-note"
      rows={1}
      placeholder="Note…"
      aria-label="Note on this alt"
      maxLength={ALT_LIMITS.noteLength}
      value={draft ?? saved}
      onFocus={() => setDraft(saved)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => {
        if (draft !== null && draft !== saved) void markAlt(nodeId, alt.id, { note: draft });
        setDraft(null);
      }}
      data-testid="alts.note"
    />
  );
}
