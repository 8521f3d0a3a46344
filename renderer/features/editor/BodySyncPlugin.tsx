/**
 * Keeps a Lexical editor and main's text in step without ever fighting the writer:
 * - outside changes (undo, regeneration) replace the content only while the editor is not focused
 *   and nothing typed is unsent; Lexical's own undo history is cleared then, since it describes
 *   text that is gone;
 * - leaving the editor sends the pending edit at once;
 * - Ctrl/Cmd+Enter is left to the app (generate) instead of inserting a line break.
 */
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import {
  $setSelection,
  BLUR_COMMAND,
  CLEAR_HISTORY_COMMAND,
  COMMAND_PRIORITY_HIGH,
  COMMAND_PRIORITY_LOW,
  KEY_ENTER_COMMAND,
  mergeRegister,
  SKIP_DOM_SELECTION_TAG,
} from "lexical";
import { useEffect } from "react";
import type { Debouncer } from "./debouncer";
import { $readPlainText, $writePlainText, EXTERNAL_UPDATE_TAG } from "./lexicalText";

export function BodySyncPlugin({ text, debouncer, settled, onBlur }: { text: string; debouncer: Debouncer<string>; settled: number; onBlur: () => void }) {
  const [editor] = useLexicalComposerContext();

  useEffect(() => {
    const root = editor.getRootElement();
    const focused = root !== null && root.contains(document.activeElement);
    if (focused || debouncer.busy) return;
    const current = editor.getEditorState().read($readPlainText);
    if (current === text) return;
    // No selection, and hands off the DOM selection: replacing the text must not pull focus into
    // the editor (the writer may be in the outline, about to press Ctrl+Z again).
    editor.update(
      () => {
        $writePlainText(text);
        $setSelection(null);
      },
      {
        tag: [EXTERNAL_UPDATE_TAG, SKIP_DOM_SELECTION_TAG],
        onUpdate: () => editor.dispatchCommand(CLEAR_HISTORY_COMMAND, undefined),
      },
    );
  }, [editor, text, debouncer, settled]);

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          BLUR_COMMAND,
          () => {
            void debouncer.flush();
            onBlur();
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          KEY_ENTER_COMMAND,
          (event) => {
            if (!event || !(event.ctrlKey || event.metaKey)) return false;
            event.preventDefault();
            return true; // Handled: the document-level shortcut does the rest.
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor, debouncer, onBlur],
  );

  return null;
}
