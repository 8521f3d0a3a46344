/**
 * Plain text in and out of a Lexical editor. Cascade's editors hold one paragraph whose line breaks
 * are LineBreakNodes (what PlainTextPlugin produces on Enter), so the text round-trips exactly.
 * `$` functions must run inside `editor.update` / `editorState.read`.
 */
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot } from "lexical";

/** The editor's text, with "\n" for line breaks. */
export function $readPlainText(): string {
  return $getRoot().getTextContent();
}

/** Replaces the editor's content with `text`. */
export function $writePlainText(text: string): void {
  const root = $getRoot();
  root.clear();
  const paragraph = $createParagraphNode();
  text.split("\n").forEach((line, i) => {
    if (i > 0) paragraph.append($createLineBreakNode());
    if (line) paragraph.append($createTextNode(line));
  });
  root.append(paragraph);
}

/** The update tag for content replaced from outside: not the writer's typing, so never sent back. */
export const EXTERNAL_UPDATE_TAG = "cascade-external";
