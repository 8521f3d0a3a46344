/**
 * Saves a file the browser way: a Blob URL clicked through a hidden `<a download>`. This works
 * unchanged in Electron (which shows its save dialog) and in the web shell (a download), so no IPC
 * method is needed to save. Text is written as UTF-8; an export's base64 content as its bytes.
 */
import type { ExportedFile } from "../../shared/ipc/contract";

/** The Blob for a file an export made: its text, or the bytes its base64 content stands for. */
export function exportedFileBlob(file: Pick<ExportedFile, "mime" | "encoding" | "content">): Blob {
  if (file.encoding === "base64") return new Blob([base64Bytes(file.content)], { type: file.mime });
  return new Blob([file.content], { type: `${file.mime};charset=utf-8` });
}

/** Decodes base64 (the export's DOCX bytes) without Node's Buffer. */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Some engines read the URL after click() returns: revoke it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveText(fileName: string, text: string, type = "text/markdown"): void {
  saveBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** Saves what `export:file` gave back, under the name it suggests. */
export function saveExportedFile(file: ExportedFile): void {
  saveBlob(file.fileName, exportedFileBlob(file));
}

/** "The Lighthouse: Draft 2" → "the-lighthouse-draft-2"; "untitled" when nothing is left. */
export function fileSlug(title: string): string {
  const slug = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "untitled";
}
