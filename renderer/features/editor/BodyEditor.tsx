/**
 * The node's body text in a Lexical plain-text editor. Lexical owns the text while the writer
 * types; every pause (and leaving the editor) sends an `editNode` to main, which merges a typing
 * burst into one undo step. Mounted once per node (the parent keys it by node id).
 */
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalComposer, type InitialConfigType } from "@lexical/react/LexicalComposer";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HistoryPlugin } from "@lexical/react/LexicalHistoryPlugin";
import { OnChangePlugin } from "@lexical/react/LexicalOnChangePlugin";
import { PlainTextPlugin } from "@lexical/react/LexicalPlainTextPlugin";
import type { EditorState } from "lexical";
import { useCallback, useEffect, useRef, useState } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { Debouncer, EDIT_DEBOUNCE_MS } from "./debouncer";
import { BodySyncPlugin } from "./BodySyncPlugin";
import { $readPlainText, $writePlainText, EXTERNAL_UPDATE_TAG } from "./lexicalText";
import { isSettled, usePendingEdit } from "./usePendingEdit";

export interface BodyEditorProps {
  text: string;
  label: string;
  placeholder: string;
  /** Larger type for the premise, tighter for lines of a screenplay. */
  variant: "premise" | "card" | "line";
  commit: (text: string) => Promise<unknown>;
}

const THEME = { paragraph: "body-paragraph" };

export function BodyEditor({ text, label, placeholder, variant, commit }: BodyEditorProps) {
  const reportError = useAppStore((s) => s.reportError);
  const commitRef = useRef(commit);
  const textRef = useRef(text);
  const [settled, setSettled] = useState(0);
  const bump = useCallback(() => setSettled((n) => n + 1), []);
  const [debouncer] = useState(() => new Debouncer<string>(EDIT_DEBOUNCE_MS, (v) => commitRef.current(v).then(isSettled), bump));

  // Read once when the editor is created: later text arrives through BodySyncPlugin.
  const [initialConfig] = useState<InitialConfigType>(() => ({
    namespace: "cascade-body",
    theme: THEME,
    onError: (error: Error) => reportError(`The editor hit a problem: ${error.message}`),
    editorState: () => $writePlainText(text),
  }));

  useEffect(() => {
    commitRef.current = commit;
    textRef.current = text;
  }, [commit, text]);

  usePendingEdit(debouncer);

  const onChange = useCallback(
    (state: EditorState, _editor: unknown, tags: Set<string>) => {
      if (tags.has(EXTERNAL_UPDATE_TAG)) return;
      const value = state.read($readPlainText);
      // Lexical also reports its own first render and no-op updates: only real changes go to main.
      if (value === textRef.current && !debouncer.busy) return;
      debouncer.schedule(value);
    },
    [debouncer],
  );

  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className={`body-editor body-${variant}`}>
        <PlainTextPlugin
          contentEditable={
            <ContentEditable
              className="body-text"
              aria-label={label}
              aria-multiline={true}
              data-testid="editor.text"
              spellCheck={true}
              aria-placeholder={placeholder}
              placeholder={<div className="body-placeholder">{placeholder}</div>}
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
        <HistoryPlugin />
        <OnChangePlugin onChange={onChange} ignoreSelectionChange={true} />
        <BodySyncPlugin text={text} debouncer={debouncer} settled={settled} onBlur={bump} />
      </div>
    </LexicalComposer>
  );
}
