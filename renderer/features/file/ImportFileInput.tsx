/**
 * The hidden file input behind "Import Markdown or Fountain…" (File menu and start screen): reads
 * the chosen file as text here and hands it to the services, which make it a new project.
 */
import type { ChangeEvent, Ref } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { IMPORT_ACCEPT, IMPORT_MAX_CHARS, importFileName, importFormatFor, importSizeError } from "./importFile";

export function ImportFileInput({ inputRef, testId }: { inputRef: Ref<HTMLInputElement>; testId: string }) {
  const importFile = useAppStore((s) => s.importFile);
  const reportError = useAppStore((s) => s.reportError);

  const onChange = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    // Cleared at once, so choosing the same file again (after fixing it) imports it again.
    input.value = "";
    if (!file) return;
    // By bytes, before reading: what the socket carries is the UTF-8, not the character count.
    const tooBig = importSizeError(file.name, file.size);
    if (tooBig) {
      reportError(tooBig);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      reportError(`Could not read “${file.name}”: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (text.length > IMPORT_MAX_CHARS) {
      reportError(`“${file.name}” is too long to import (${(text.length / 1e6).toFixed(1)} million characters; at most 4 million).`);
      return;
    }
    const format = importFormatFor(file.name);
    await importFile({ fileName: importFileName(file.name), text, ...(format ? { format } : {}) });
  };

  return <input ref={inputRef} type="file" accept={IMPORT_ACCEPT} hidden tabIndex={-1} aria-hidden="true" onChange={(e) => void onChange(e)} data-testid={testId} />;
}
