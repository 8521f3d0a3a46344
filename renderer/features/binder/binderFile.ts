/** The binder's Markdown file name; saving goes through ui/saveFile. */
import { fileSlug } from "../../ui/saveFile";

/** "The Lighthouse: Draft 2" → "the-lighthouse-draft-2-binder.md". */
export function binderFileName(title: string): string {
  return `${fileSlug(title)}-binder.md`;
}
