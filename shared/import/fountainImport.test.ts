import fc from "fast-check";
import { Fountain, type Token } from "fountain-js";
import { describe, expect, it } from "vitest";
import { projectSchema } from "../../main/storage/projectSchema";
import { exportFountain } from "../export/fountain";
import type { ImportResult } from "../export/types";
import { computeStatuses } from "../story/staleness";
import { buildStory, FIXED_AT, nodesAt, nodesInOrder, treeProblems } from "../story/testStory";
import { importFountain } from "./fountainImport";
import { outline, SAMPLE_FOUNTAIN } from "./importTestHelpers";

const opts = { fallbackTitle: "script", now: "2024-02-02T00:00:00.000Z" };

/** Imports and checks what every import must be: a valid project file, all written, all fresh. */
function read(text: string): ImportResult {
  const r = importFountain(text, opts);
  const parsed = projectSchema.safeParse(JSON.parse(JSON.stringify(r.project)));
  expect(parsed.success, parsed.success ? "" : parsed.error.message).toBe(true);
  expect(treeProblems(r.project)).toEqual([]);
  expect(r.project.settings.form).toBe("screenplay");
  for (const n of nodesInOrder(r.project)) expect([n.origin, n.provenance]).toEqual(["written", undefined]);
  expect([...computeStatuses(r.project).values()].every((s) => s.freshness === "fresh")).toBe(true);
  const count = (level: string) => nodesInOrder(r.project).filter((n) => n.level === level).length;
  expect([r.report.beats, r.report.scenes, r.report.lines]).toEqual([count("beat"), count("scene"), count("line")]);
  if (r.report.beats + r.report.scenes + r.report.lines === 0) expect(r.report.notes).toContain("Nothing in script could be read as a beat, scene or line.");
  return r;
}

const tokensOf = (script: string): Token[] => new Fountain().parse(script, true).tokens;
const texts = (tokens: Token[], ...types: string[]) => tokens.filter((t) => types.includes(t.type)).map((t) => (t.text ?? "").replace(/\s*\[\[[^\]]*\]\]/g, "").trim());

describe("importFountain: a hand-written screenplay", () => {
  const r = read(SAMPLE_FOUNTAIN);

  it("reads the title page, sections, headings, synopses, dialogue and action", () => {
    expect(r.project.title).toBe("THE LETTER");
    expect(outline(r.project).map((n) => [n.level, n.title, n.text, n.speaker])).toEqual([
      ["premise", "", "A lighthouse keeper finds a letter addressed to her from the future.", ""],
      ["beat", "Act One", "Mara finds the letter and does not believe it.", ""],
      ["beat", "The Letter", "", ""],
      ["scene", "", "", ""],
      ["line", "", "FADE IN:", ""],
      ["scene", "EXT. LIGHTHOUSE - NIGHT", "The storm is at its worst; the postman comes anyway.", ""],
      ["line", "", "Rain hammers the lamp room. MARA (40s, weathered) climbs the stairs.", ""],
      ["line", "", "Mara! Post!", "TOMAS (O.S.)"],
      ["line", "", "(under her breath)\nNobody writes to me.", "MARA"],
      ["scene", "INT. LAMP ROOM - CONTINUOUS", "", ""],
      ["line", "", "It's addressed to you. Dated next year.", "TOMAS"],
      ["line", "", "... what?", "MARA"],
      ["line", "", "She reads it twice.", ""],
      ["line", "", "Yippee.", "McCLANE"],
      ["beat", "Act Two", "", ""],
      ["scene", "FLASHBACK - THE HARBOUR", "", ""],
      ["line", "", "SILENCE FELL.", ""],
      ["scene", "INT./EXT. CAR - DAY", "", ""],
      ["line", "", "I kept it.\nI still have it.", "MARA (V.O.)"],
      ["scene", "EST. HARBOUR TOWN - DAWN", "", ""],
      ["line", "", "The boats come in.", ""],
    ]);
  });

  it("reports what it skipped, with line numbers, and what it folded in", () => {
    expect(r.report.skipped.map((s) => [s.line, s.reason])).toEqual([
      [32, "boneyard (/* … */): text set aside by the writer"],
      [37, "a note: notes are not imported"],
      [45, "a note: notes are not imported"],
      [50, "a transition: Cascade has no transitions"],
      [58, "centred text: Cascade has no centred lines"],
      [60, "a page break"],
      [72, "a transition: Cascade has no transitions"],
    ]);
    expect(r.report.skipped[0]!.text).toBe("/* An old version of the scene where Tomas never arrives. */");
    expect(r.report.notes).toEqual([
      "Title page fields not imported: credit, author, draft date, contact.",
      "Sections of every depth (# and ## and deeper) were read as beats (first at line 15).",
      "Line 17: text before the first scene heading of its beat was put in an untitled scene.",
      "Scene numbers (#12#) were dropped from scene headings (first at line 19).",
      "Dual dialogue (^) was read as consecutive lines (first at line 42).",
    ]);
  });

  it("exports again with every scene heading and every line of dialogue (compared by fountain-js)", () => {
    const again = exportFountain(r.project);
    const before = tokensOf(SAMPLE_FOUNTAIN);
    const after = tokensOf(again);
    expect(new Fountain().parse(again).title).toBe(new Fountain().parse(SAMPLE_FOUNTAIN).title);
    for (const types of [["scene_heading"], ["dialogue", "parenthetical"], ["section"], ["synopsis"], ["action"]]) {
      expect(texts(after, ...types), types.join()).toEqual(texts(before, ...types));
    }
    // Cues come back as written ("@McCLANE" stays "McCLANE").
    expect(texts(after, "character")).toEqual(texts(before, "character"));
    // And the re-export reads back to the same tree.
    expect(outline(read(again).project)).toEqual(outline(r.project));
  });

  it("reads CRLF line endings the same", () => {
    expect(outline(read(SAMPLE_FOUNTAIN.replace(/\n/g, "\r\n")).project)).toEqual(outline(r.project));
  });
});

describe("importFountain: round trip with exportFountain", () => {
  it("reads an exported screenplay back to the same tree, generated marks and kept alts removed", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 4, form: "screenplay" });
    const line = nodesAt(project, "line")[0]!;
    project.nodes[line.id] = { ...line, alts: [{ id: "alt_1", title: "", text: "Kept.", origin: "generated", reason: "generated", createdAt: FIXED_AT, starred: true }] };
    const r = read(exportFountain(project, { markGenerated: true }));
    expect(r.project.title).toBe("Test story");
    expect(outline(r.project)).toEqual(outline(project));
    expect(r.report.skipped).toEqual([{ line: 16, text: "[[Kept alt: Kept.]]", reason: "a note: notes are not imported" }]);
    expect(r.report.notes).toEqual([`${nodesAt(project, "line").length} generated marks ([[generated]]) removed: imported text counts as written.`]);
  });

  it("reads an exported prose story back as a screenplay of action lines with the same tree", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 3 });
    const untitled = nodesAt(project, "scene")[1]!;
    project.nodes[untitled.id] = { ...untitled, title: "" };
    const r = read(exportFountain(project));
    const expected = outline(project).map((n) => (n.title === "" && n.level === "scene" ? { ...n, title: "SCENE 2" } : n));
    expect(outline(r.project)).toEqual(expected);
  });
});

describe("importFountain: any text Fountain can hold", () => {
  it("reads an export back to the same tree (property)", () => {
    const piece = fc.constantFrom("#", "=", "!", "@", "~", ">", "<", "(", ")", "^", "A", "b", "É", " ", ":", ".", "INT. ", "EXT ", "I/E ", "TO:", "CUT TO:", "FADE OUT.", "\n", "\n\n", "===", "  ", "*", "_", "\t", "[", "]", "\\");
    // No "[[" (a note): Fountain cannot escape it.
    const text = fc.array(piece, { maxLength: 10 }).map((p) => p.join("").replace(/\[+/g, "["));
    // What Fountain holds: trimmed lines; one-line titles (no leading dots, no trailing scene number #1#); cues upper-case.
    const block = (t: string) => t.split("\n").map((l) => l.trim()).join("\n").trim();
    const title = (t: string) => {
      let out = t.replace(/\s+/g, " ").trim();
      for (let prev = ""; prev !== out; ) [prev, out] = [out, out.replace(/^[\s.]+/, "").replace(/\s*#[\w.-]+#$/, "").trim()];
      return out || "T";
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 4, maxLength: 4 }), fc.array(fc.tuple(text, fc.constantFrom("", "ANNA", "DR. B", "JOSÉ (V.O.)")), { minLength: 4, maxLength: 4 }), (heads, lines) => {
        const { project } = buildStory({ beats: 1, scenesPerBeat: 2, linesPerScene: 2, form: "screenplay" });
        nodesInOrder(project)
          .filter((n) => n.level !== "line")
          .forEach((n, i) => (project.nodes[n.id] = { ...n, title: n.level === "premise" ? "" : title(heads[i]![0]), text: block(heads[i]![1]) }));
        nodesAt(project, "line").forEach((n, i) => (project.nodes[n.id] = { ...n, text: block(lines[i]![0]) || "x", speaker: lines[i]![1] }));
        const script = exportFountain(project);
        expect(outline(importFountain(script, opts).project), script).toEqual(outline(project));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("importFountain: bad input", () => {
  it("puts dialogue without any section or heading in an untitled beat and scene", () => {
    const r = read("MARA\nHello?\n\nTOMAS\n(off)\nPost!\n");
    expect(r.project.title).toBe("script");
    expect(outline(r.project).map((n) => `${n.level}:${n.speaker}:${n.text}`)).toEqual(["premise::", "beat::", "scene::", "line:MARA:Hello?", "line:TOMAS:(off)\nPost!"]);
    expect(r.report.notes).toEqual([
      "No title page: the title is the file name.",
      "Line 1: text before the first section (#) was put in an untitled beat.",
      "Line 1: text before the first scene heading of its beat was put in an untitled scene.",
    ]);
  });

  it("reads lyrics as lines and says so once", () => {
    const r = read("INT. PUB - NIGHT\n\n~Row, row, row\n~your boat\n\n~Gently\n\n~Down");
    expect(outline(r.project).slice(3).map((n) => n.text)).toEqual(["Row, row, row\nyour boat", "Gently", "Down"]);
    expect(r.report.notes).toEqual([
      "No title page: the title is the file name.",
      "Line 1: a scene before the first section (#) was put in an untitled beat.",
      "Lyrics (~) were read as lines (first at line 3).",
    ]);
  });

  it("reads on after an unclosed boneyard and says where it starts", () => {
    const r = read("INT. HALL - DAY\n\nShe waits. /* cut this\n\nBOB\nHi.\n");
    expect(outline(r.project).map((n) => n.text)).toEqual(["", "", "", "She waits. /* cut this", "Hi."]);
    expect(r.report.notes).toContain('Line 3: a boneyard "/*" is never closed ("*/"); the text after it was read as usual.');
  });

  it("skips synopses that do not follow a section or heading, and reads sections and headings without blank lines", () => {
    const r = read("# One\n= Beat summary.\nINT. A - DAY\nMara sits.\n\n= stray\n");
    expect(outline(r.project).map((n) => `${n.level}:${n.title}:${n.text}`)).toEqual(["premise::", "beat:One:Beat summary.", "scene:INT. A - DAY:", "line::Mara sits."]);
    expect(r.report.skipped).toEqual([{ line: 6, text: "stray", reason: "a synopsis that does not follow a section or scene heading" }]);
  });

  it.each([
    ["empty", ""],
    ["whitespace", " \n\t\n\n"],
    ["only a title page", "Title: Nothing Here\nAuthor: Me\n"],
    ["only notes and boneyard", "[[a note]]\n\n/* gone */\n\n===\n\nCUT TO:"],
    ["binary", "PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000\u0000\u0000!\u0000"],
  ])("never gives an empty project without saying so: %s", (_name, text) => {
    const r = read(text);
    expect(r.report.beats + r.report.scenes + r.report.lines).toBe(0);
    expect(r.report.notes).toContain("Nothing in script could be read as a beat, scene or line.");
  });

  it("reports binary data as skipped", () => {
    expect(read("\u0000\u0000ELF").report.skipped).toEqual([{ line: 1, text: "??ELF", reason: "binary data: this is not a Fountain text file" }]);
  });

  it("does not throw on garbage", () => {
    const garbage = ["Title:", "   ", "@", "^", "INT.", ".", "..", "#", "=", "[[", "]]", "/*", "*/", "> <", "~", "!", "ALL CAPS", "  ", "(paren)", "\uD800"].join("\n");
    for (let cut = 0; cut <= garbage.length; cut += 2) read(garbage.slice(0, cut));
    for (let cut = 0; cut <= SAMPLE_FOUNTAIN.length; cut += 97) read(SAMPLE_FOUNTAIN.slice(cut));
  });
});
