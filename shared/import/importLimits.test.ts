/**
 * Pathological input (1–5 MB): every import must stay linear, since `project:import` runs in the app's
 * main process. These assert what is read; vitest's per-test timeout is the guard against a slow
 * (quadratic or worse) reader — each case here takes well under a second when linear.
 */
import { describe, expect, it } from "vitest";
import { readCue } from "../export/fountainSyntax";
import type { ImportOptions } from "../export/types";
import { detectImportFormat } from "./detectFormat";
import { importFountain } from "./fountainImport";
import { MAX_SKIPPED } from "./importBuilder";
import { importMarkdown } from "./markdownImport";

const opts: ImportOptions = { fallbackTitle: "big", now: "2024-02-02T00:00:00.000Z" };
const MB = 1_000_000;
const texts = (r: ReturnType<typeof importFountain>) => Object.values(r.project.nodes).filter((n) => n.level === "line").map((n) => n.text);

describe("import: long lines and long runs stay linear", () => {
  it("a 1 MB line of capitals ending in a lower-case letter is not a cue", () => {
    const caps = `${"A".repeat(MB)}a`;
    expect(readCue(caps)).toBeNull();
    expect(readCue(`${"A ".repeat(MB / 2)}(x`)).toBeNull();
    expect(readCue(`${"*".repeat(MB)}x`)).toBeNull();
    const r = importFountain(`INT. A\n\n${caps}\nhello\n`, opts);
    expect(r.report.lines).toBe(1);
    expect(texts(r)[0]).toBe(`${caps}\nhello`);
  });

  it("a .txt with one 1 MB line is detected and read as Markdown", () => {
    const line = `${"A".repeat(MB)}a`;
    expect(detectImportFormat("draft.txt", line)).toBe("md");
    expect(detectImportFormat("draft.txt", `${"HELLO ".repeat(MB / 6)}\nyo\n`)).toBe("fountain"); // a (long) cue
    const r = importMarkdown(line, opts);
    expect(r.project.nodes[r.project.rootId]!.text).toBe(line);
  });

  it('"[[x " repeated (1 MB, no note ever closed) is text', () => {
    const open = "[[x ".repeat(MB / 4);
    const r = importFountain(`INT. A\n\n${open}\n`, opts);
    expect(texts(r)).toEqual([open.trim()]);
    expect(r.report.skipped).toEqual([]);
  });

  it("200k spaces inside a title page field, a scene heading and Markdown headings and lines", () => {
    const sp = " ".repeat(200_000);
    const title = importFountain(`Title: x\n${sp}a\n\nINT. A${sp}B #1a${sp}\n\nHi.\n`, opts);
    expect(title.project.title).toBe("x a");
    expect(Object.values(title.project.nodes).find((n) => n.level === "scene")!.title).toBe(`INT. A${sp}B #1a`);
    const heading = importFountain(`INT. A${sp}B #12#${sp}\n\nHi.\n`, opts);
    expect(Object.values(heading.project.nodes).find((n) => n.level === "scene")!.title).toBe(`INT. A${sp}B`);
    const md = importMarkdown(`# a${sp}b\n\n## c${sp}#x\n\n### d${sp}##\n\na${sp}b\n\n---${sp}x\n`, opts);
    expect(md.project.title).toBe(`a${sp}b`);
    expect(Object.values(md.project.nodes).map((n) => n.title)).toEqual(expect.arrayContaining([`c${sp}#x`, "d"]));
    expect(texts(md)).toEqual([`a${sp}b`, `---${sp}x`]);
  });

  it("'# s' + '## t' lines × 10k and '= s' lines × 100k, no blank line: split into sections and synopses line by line", () => {
    const r = importFountain("# s\n## t\n".repeat(10_000), opts);
    expect(r.report.beats).toBe(20_000);
    expect(r.report.notes).toEqual(["No title page: the title is the file name.", "Sections of every depth (# and ## and deeper) were read as beats (first at line 2)."]);
    const syn = importFountain("= s\n".repeat(100_000), opts);
    expect(syn.project.nodes[syn.project.rootId]!.text).toBe("s\n".repeat(100_000).trim());
  });
});

describe("import report: notes counted, skipped parts capped", () => {
  it('"#### h" × 20k: one counted note, not 20k', () => {
    const r = importMarkdown("## b\n\n### s\n\n" + "#### h\n\n".repeat(20_000), opts);
    expect(r.report.lines).toBe(20_000);
    expect(r.report.notes).toEqual(["20000 headings deeper than a scene heading were read as lines (first at line 5).", "No # title heading: the title is the file name."]);
  });

  it("beats without scene headings: one counted note for the untitled scenes", () => {
    const r = importMarkdown("## b\n\n**A:** x\n\n".repeat(5_000), opts);
    expect(r.report.scenes).toBe(5_000);
    expect(r.report.notes).toContain("In 5000 beats, text before the first scene heading (###) was put in an untitled scene (first at line 3).");
    expect(r.report.notes).toHaveLength(2);
  });

  it("quotes after a scene's lines: one counted note", () => {
    const r = importMarkdown("## b\n\n### s\n\nline\n\n" + "> q\n\n".repeat(3), opts);
    expect(r.report.notes).toContain("3 quotes after a scene's lines were read as lines (first at line 7).");
  });

  it("5 MB of [[n]] notes: the first 200 skipped parts are listed, the rest counted", () => {
    const n = 5 * MB / 5;
    const r = importFountain(`INT. A\n\nText ${"[[n]]".repeat(n)}\n`, opts);
    expect(texts(r)).toEqual(["Text"]);
    expect(r.report.skipped).toHaveLength(MAX_SKIPPED);
    expect(r.report.skipped[0]).toEqual({ line: 3, text: "[[n]]", reason: "a note: notes are not imported" });
    expect(r.report.skippedTotal).toBe(n);
    expect(r.report.notes).toContain(`…and ${(n - MAX_SKIPPED).toLocaleString("en")} more skipped parts not listed.`);
  });

  it("a report with few skipped parts has no skippedTotal", () => {
    const r = importFountain("INT. A\n\nText [[n]]\n", opts);
    expect(r.report.skipped).toHaveLength(1);
    expect(r.report.skippedTotal).toBeUndefined();
  });
});

describe("import: Latin-1 / cp1252 text decoded as UTF-8", () => {
  // What `file.text()` (UTF-8) makes of a Latin-1 file: every accented letter becomes U+FFFD.
  const fr = "INT. CAFÉ - JOUR\n\nMARIE\nJ'ai été là-bas hier, près de l'église. Où étais-tu? Déjà parti?\n\nPIERRE\nÇa dépend.\n";
  const decoded = new TextDecoder().decode(Buffer.from(fr, "latin1"));

  it("is read as text, with a note on the characters that could not be decoded", () => {
    const r = importFountain(decoded, opts);
    expect(r.report).toMatchObject({ scenes: 1, lines: 2, skipped: [] });
    expect(texts(r)[0]).toBe("J'ai \uFFFDt\uFFFD l\uFFFD-bas hier, pr\uFFFDs de l'\uFFFDglise. O\uFFFD \uFFFDtais-tu? D\uFFFDj\uFFFD parti?");
    expect(r.report.notes).toContain("12 characters could not be decoded as UTF-8; save the file as UTF-8 and import again for the exact text.");
    const md = importMarkdown(`# Caf\uFFFD\n\nUn texte \uFFFD lire.\n`, opts);
    expect(md.project.title).toBe("Caf\uFFFD");
    expect(md.report.notes).toContain("2 characters could not be decoded as UTF-8; save the file as UTF-8 and import again for the exact text.");
  });

  it("still treats NUL and other C0 control characters as binary", () => {
    expect(importMarkdown("\u0001\u0002\u0003\u0004 abc", opts).report.skipped[0]!.reason).toMatch(/^binary data/);
    expect(importFountain("abc\u0000", opts).report.skipped[0]!.reason).toMatch(/^binary data/);
  });
});
