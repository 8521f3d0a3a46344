/**
 * Saves text as a file the browser way: a Blob URL clicked through a hidden `<a download>`. This
 * works unchanged in Electron (which shows its save dialog) and in the web shell (a download), so
 * no new IPC method is needed.
 */
export function downloadText(fileName: string, text: string, type = "text/markdown"): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
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

/** "The Lighthouse: Draft 2" → "the-lighthouse-draft-2-binder.md". */
export function binderFileName(title: string): string {
  const slug = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "untitled"}-binder.md`;
}
