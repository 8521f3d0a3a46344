/**
 * Which importer reads a file: by its extension first (.fountain/.spmd → Fountain, .md/.markdown/
 * .mdown/.mkd → Markdown), else by its text: a Fountain title page at the top, or INT./EXT. scene
 * headings or character cues with dialogue outnumbering Markdown headings, quotes and `**NAME:**`
 * lines, means Fountain. Anything else (plain .txt included) is read as Markdown.
 */
import { readCue, SCENE_HEADING } from "../export/fountainSyntax";
import { MD_DIALOGUE } from "../export/markdownSyntax";

export function detectImportFormat(fileName: string, text: string): "md" | "fountain" {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim().toLowerCase())?.[1] ?? "";
  if (ext === "fountain" || ext === "spmd") return "fountain";
  if (["md", "markdown", "mdown", "mkd", "mkdn"].includes(ext)) return "md";
  const lines = text.replace(/\r\n?/g, "\n").split("\n").slice(0, 2000);
  const first = lines.find((l) => l.trim());
  if (first && /^\s*title\s*:/i.test(first)) return "fountain";
  let fountain = 0;
  let md = 0;
  lines.forEach((raw, i) => {
    const l = raw.trim();
    if (SCENE_HEADING.test(l)) fountain += 2;
    else if (readCue(l) && lines[i + 1]?.trim() && !lines[i - 1]?.trim()) fountain++;
    if (/^#{2,6}\s/.test(l) || /^>\s/.test(l) || MD_DIALOGUE.test(l)) md++;
  });
  return fountain > md ? "fountain" : "md";
}
