/**
 * Asks the editor to take keyboard focus for a node: after "Add beat" the writer types straight
 * into the new node; Enter in the outline jumps to the text. If that node's editor is not mounted
 * yet (it mounts on selection), the request waits for it.
 */
type Focuser = () => void;

const focusers = new Map<string, Focuser>();
let waiting: string | null = null;

export function requestEditorFocus(nodeId: string): void {
  const f = focusers.get(nodeId);
  if (f) {
    waiting = null;
    f();
  } else {
    waiting = nodeId;
  }
}

/** Called by a node's editor when it mounts; focuses at once if a request was waiting for it. */
export function registerEditorFocus(nodeId: string, focus: Focuser): () => void {
  focusers.set(nodeId, focus);
  if (waiting === nodeId) {
    waiting = null;
    // Let the editor finish its first paint (Lexical mounts its root in an effect).
    requestAnimationFrame(focus);
  }
  return () => {
    if (focusers.get(nodeId) === focus) focusers.delete(nodeId);
  };
}
