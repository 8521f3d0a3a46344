/** An alt's tags as removable chips, and a box where typing and Enter adds ("funny, callback"). */
import { useState } from "react";
import type { Alt } from "../../../shared/story/model";
import { useAppStore } from "../../stores/useAppStore";
import { addTags, removeTag } from "./altTags";

export function AltTags({ nodeId, alt }: { nodeId: string; alt: Alt }) {
  const markAlt = useAppStore((s) => s.markAlt);
  const [draft, setDraft] = useState("");
  const tags = alt.tags ?? [];
  const add = () => {
    const next = addTags(tags, draft);
    setDraft("");
    if (next.length !== tags.length) void markAlt(nodeId, alt.id, { tags: next });
  };
  return (
    <div className="alt-tags">
      {tags.map((t) => (
        <span key={t} className="alt-tag">
          {t}
          <button type="button" className="alt-tag-remove" aria-label={`Remove tag ${t}`} onClick={() => void markAlt(nodeId, alt.id, { tags: removeTag(tags, t) })} data-testid="alts.tag-remove">
            ×
          </button>
        </span>
      ))}
      <input
        className="alt-tag-input"
        type="text"
        value={draft}
        placeholder={tags.length ? "+ tag" : "Add a tag…"}
        aria-label="Add a tag (Enter)"
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          add();
        }}
        data-testid="alts.tags"
      />
    </div>
  );
}
