/**
 * A new story: title, form (prose or screenplay), the premise, and the story bible. Only the
 * premise matters to start; everything else can be filled in later from the premise's editor.
 */
import { useId, useState, type FormEvent } from "react";
import type { Form } from "../../../shared/story/model";
import { useAppStore } from "../../stores/useAppStore";

export function NewProjectForm({ autoFocus }: { autoFocus: boolean }) {
  const createProject = useAppStore((s) => s.createProject);
  const busy = useAppStore((s) => s.projectBusy);
  const [title, setTitle] = useState("");
  const [form, setForm] = useState<Form>("prose");
  const [premise, setPremise] = useState("");
  const [characters, setCharacters] = useState("");
  const [setting, setSetting] = useState("");
  const [tone, setTone] = useState("");
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await createProject({ title: title.trim() || "Untitled", form, premise, bible: { characters, setting, tone } });
  };

  return (
    <form className="new-project" onSubmit={submit} aria-label="New project">
      <div className="form-row two">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-title`}>
            Title
          </label>
          <input
            id={`${id}-title`}
            className="input"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="Untitled"
            maxLength={300}
            autoFocus={autoFocus}
            data-testid="project.title"
          />
        </div>
        <div className="field narrow">
          <label className="field-label" htmlFor={`${id}-form`}>
            Form
          </label>
          <select id={`${id}-form`} className="input" value={form} onChange={(e) => setForm(e.target.value as Form)} data-testid="project.form">
            <option value="prose">Prose</option>
            <option value="screenplay">Screenplay</option>
          </select>
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-premise`}>
          Premise
        </label>
        <textarea
          id={`${id}-premise`}
          className="input story-text"
          rows={4}
          value={premise}
          onChange={(e) => setPremise(e.target.value)}
          placeholder="The story in a few sentences: who wants what, and what stands in the way."
          data-testid="project.premise"
        />
      </div>
      <fieldset className="bible-fields">
        <legend className="section-label">Story bible</legend>
        <p className="muted small">What the model should always know. Optional; you can fill it in later.</p>
        <BibleArea id={`${id}-characters`} label="Characters" value={characters} onChange={setCharacters} testId="bible.characters" placeholder="Names, wants, voices." />
        <BibleArea id={`${id}-setting`} label="Setting" value={setting} onChange={setSetting} testId="bible.setting" placeholder="Where and when." />
        <BibleArea id={`${id}-tone`} label="Tone" value={tone} onChange={setTone} testId="bible.tone" placeholder="Wry, tender, unhurried…" />
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="project.create">
          {busy ? "Creating…" : "Create project"}
        </button>
      </div>
    </form>
  );
}

function BibleArea(props: { id: string; label: string; value: string; onChange: (v: string) => void; testId: string; placeholder: string }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <textarea
        id={props.id}
        className="input"
        rows={2}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        data-testid={props.testId}
      />
    </div>
  );
}
