/**
 * Everything about one node: where it is, its status and actions, its heading (title, or speaker
 * for screenplay lines), its text, and the angle that steers what is generated below it. The
 * premise also carries the project title and the story bible.
 */
import { useCallback, useEffect, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { childLevel, type Level } from "../../../shared/story/model";
import { useAppStore } from "../../stores/useAppStore";
import { NodeToolbar } from "../actions/NodeToolbar";
import { pluralNoun } from "../tree/nodeText";
import { BodyEditor, type BodyEditorProps } from "./BodyEditor";
import { registerEditorFocus } from "./editorFocus";
import { NodeHeader } from "./NodeHeader";
import { BibleFields, ProjectTitleField } from "./PremiseFields";
import { SyncedInput } from "./SyncedInput";

const FIRST_FIELD = '[data-testid="editor.title"], [data-testid="editor.speaker"], [data-testid="editor.text"]';

export function NodeEditor({ nodeId }: { nodeId: string }) {
  const node = useAppStore(
    useShallow((s) => {
      const n = s.projectState?.project.nodes[nodeId];
      if (!n) return null;
      return { level: n.level, title: n.title, text: n.text, speaker: n.speaker ?? "", angle: n.angle ?? "", locked: n.locked, childCount: n.childIds.length };
    }),
  );
  const form = useAppStore((s) => s.projectState?.project.settings.form ?? "prose");
  const applyEdit = useAppStore((s) => s.applyEdit);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => registerEditorFocus(nodeId, () => ref.current?.querySelector<HTMLElement>(FIRST_FIELD)?.focus()), [nodeId]);

  const commitText = useCallback((text: string) => applyEdit({ type: "editNode", nodeId, text }), [applyEdit, nodeId]);
  const commitTitle = useCallback((title: string) => applyEdit({ type: "editNode", nodeId, title }), [applyEdit, nodeId]);
  const commitSpeaker = useCallback((speaker: string) => applyEdit({ type: "editNode", nodeId, speaker }), [applyEdit, nodeId]);
  const commitAngle = useCallback((angle: string) => applyEdit({ type: "setAngle", nodeId, angle }), [applyEdit, nodeId]);

  if (!node) return null;
  const below = childLevel(node.level);
  const body = bodyCopy(node.level, form);
  return (
    <article ref={ref} className={`node-editor level-${node.level}`} aria-label="Editor">
      <NodeHeader nodeId={nodeId} />
      <NodeToolbar nodeId={nodeId} locked={node.locked} />
      {node.level === "premise" && node.childCount === 0 ? (
        <p className="next-step">Next: generate beats from this premise, or add beats of your own and write them yourself.</p>
      ) : null}
      <div className="node-fields">
        {node.level === "premise" ? <ProjectTitleField /> : null}
        {node.level === "beat" || node.level === "scene" ? (
          <SyncedInput
            label={node.level === "scene" && form === "screenplay" ? "Scene heading" : "Title"}
            value={node.title}
            commit={commitTitle}
            placeholder={node.level === "beat" ? "Name this beat" : form === "screenplay" ? "INT. LIGHTHOUSE – NIGHT" : "Name this scene"}
            maxLength={2000}
            testId="editor.title"
            className="title-field"
          />
        ) : null}
        {node.level === "line" && form === "screenplay" ? (
          <SyncedInput label="Speaker" value={node.speaker} commit={commitSpeaker} placeholder="Empty for action" maxLength={200} testId="editor.speaker" className="speaker-field" />
        ) : null}
        <BodyEditor text={node.text} label={body.label} placeholder={body.placeholder} variant={body.variant} commit={commitText} />
        {below ? (
          <SyncedInput
            label={`Angle for the ${pluralNoun(below)}`}
            value={node.angle}
            commit={commitAngle}
            placeholder="darker; more about the landlord; end on a question"
            hint={`A steer the model follows when it writes the ${pluralNoun(below)} of this ${node.level}.`}
            maxLength={2000}
            testId="editor.angle"
            className="angle-field"
          />
        ) : null}
        {node.level === "premise" ? <BibleFields /> : null}
      </div>
    </article>
  );
}

function bodyCopy(level: Level, form: string): Pick<BodyEditorProps, "label" | "placeholder" | "variant"> {
  switch (level) {
    case "premise":
      return { label: "Premise", placeholder: "The story in a few sentences: who wants what, and what stands in the way.", variant: "premise" };
    case "beat":
      return { label: "Beat summary", placeholder: "What happens in this part of the story…", variant: "card" };
    case "scene":
      return { label: "Scene card", placeholder: "Who, where, what happens, and the turn…", variant: "card" };
    case "line":
      return form === "screenplay"
        ? { label: "Line", placeholder: "Dialogue, or a line of action…", variant: "line" }
        : { label: "Line", placeholder: "A paragraph of prose…", variant: "line" };
  }
}
