/**
 * What belongs to the whole story, edited from the premise: the project title and the story bible
 * (characters, setting, tone). Changing the bible changes the inputs of everything generated, so
 * the outline will mark generated nodes stale — the hint says so before it happens.
 */
import { useCallback } from "react";
import type { Bible } from "../../../shared/story/model";
import { useAppStore } from "../../stores/useAppStore";
import { SyncedInput } from "./SyncedInput";

export function ProjectTitleField() {
  const title = useAppStore((s) => s.projectState?.project.title ?? "");
  const applyEdit = useAppStore((s) => s.applyEdit);
  const commit = useCallback((v: string) => applyEdit({ type: "setTitle", title: v }), [applyEdit]);
  return <SyncedInput label="Project title" value={title} commit={commit} maxLength={300} testId="editor.project-title" className="project-title-field" />;
}

const BIBLE_FIELDS: Array<{ key: keyof Bible; label: string; placeholder: string }> = [
  { key: "characters", label: "Characters", placeholder: "Names, wants, fears, how they speak." },
  { key: "setting", label: "Setting", placeholder: "Where and when; the rules of this world." },
  { key: "tone", label: "Tone", placeholder: "Wry, tender, unhurried… and what to avoid." },
];

export function BibleFields() {
  return (
    <section className="bible" aria-labelledby="bible-title">
      <h3 id="bible-title" className="section-label">
        Story bible
      </h3>
      <p className="field-hint">The model reads this for every generation. Changing it marks generated text as stale.</p>
      {BIBLE_FIELDS.map((f) => (
        <BibleField key={f.key} field={f.key} label={f.label} placeholder={f.placeholder} />
      ))}
    </section>
  );
}

function BibleField({ field, label, placeholder }: { field: keyof Bible; label: string; placeholder: string }) {
  const value = useAppStore((s) => s.projectState?.project.bible[field] ?? "");
  const applyEdit = useAppStore((s) => s.applyEdit);
  const commit = useCallback((v: string) => applyEdit({ type: "setBible", bible: { [field]: v } }), [applyEdit, field]);
  return <SyncedInput label={label} value={value} commit={commit} placeholder={placeholder} multiline rows={3} testId={`bible.${field}`} />;
}
