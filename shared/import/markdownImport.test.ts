import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { projectSchema } from "../../main/storage/projectSchema";
import { exportMarkdown } from "../export/markdown";
import type { ImportResult } from "../export/types";
import type { Project } from "../story/model";
import { computeStatuses } from "../story/staleness";
import { buildStory, nodesAt, nodesInOrder, treeProblems } from "../story/testStory";
import { outline } from "./importTestHelpers";
import { importMarkdown } from "./markdownImport";

const opts = { fallbackTitle: "outline", now: "2024-02-02T00:00:00.000Z" };

/** Imports and checks what every import must be: a valid project file, all written, all fresh. */
function read(text: string): ImportResult {
  const r = importMarkdown(text, opts);
  const parsed = projectSchema.safeParse(JSON.parse(JSON.stringify(r.project)));
  expect(parsed.success, parsed.success ? "" : parsed.error.message).toBe(true);
  expect(treeProblems(r.project)).toEqual([]);
  for (const n of nodesInOrder(r.project)) {
    expect(n.origin).toBe("written");
    expect(n.provenance).toBeUndefined();
  }
  expect([...computeStatuses(r.project).values()].every((s) => s.freshness === "fresh")).toBe(true);
  const counts = (level: string) => nodesInOrder(r.project).filter((n) => n.level === level).length;
  expect([r.report.beats, r.report.scenes, r.report.lines]).toEqual([counts("beat"), counts("scene"), counts("line")]);
  if (r.report.beats + r.report.scenes + r.report.lines === 0) expect(r.report.notes.join(" ")).toContain("Nothing in outline could be read");
  return r;
}

function roundTrip(project: Project): void {
  const r = read(exportMarkdown(project));
  expect(outline(r.project)).toEqual(outline(project));
  expect(r.project.title).toBe(project.title);
  expect(r.project.settings.form).toBe(project.settings.form);
  expect(r.report.skipped).toEqual([]);
}

describe("importMarkdown: round trip with exportMarkdown", () => {
  it("reads a prose story back to the same tree", () => {
    roundTrip(buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 3 }).project);
  });

  it("reads a screenplay back to the same tree, speakers included", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 4, form: "screenplay" });
    expect(nodesAt(project, "line").some((l) => l.speaker === "ANNA")).toBe(true);
    roundTrip(project);
  });

  it("keeps texts that look like markup, multi-line texts and odd titles", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 8, form: "screenplay" });
    const [b1, b2] = nodesAt(project, "beat");
    const [s1] = nodesAt(project, "scene");
    const lines = nodesAt(project, "line");
    const texts = ["# not a heading", "> not a quote\n- nor a list", "**BOB:** not dialogue", "---", "\\# a backslash", "*Thunder.*\nA second line.", "1. one"];
    texts.forEach((text, i) => (project.nodes[lines[i]!.id] = { ...lines[i]!, text, speaker: "" }));
    project.nodes[lines[7]!.id] = { ...lines[7]!, text: "Well.\nMaybe.", speaker: "DR. NO" };
    project.nodes[project.rootId] = { ...project.nodes[project.rootId]!, text: "First paragraph.\n\n## Second, not a beat." };
    project.nodes[b1!.id] = { ...b1!, title: "Act #", text: "> quoted\n\n**A:** b" };
    project.nodes[b2!.id] = { ...b2!, title: "", text: "" };
    project.nodes[s1!.id] = { ...s1!, title: "INT. HALL - DAY", text: "Card one.\n\n# Card two." };
    roundTrip(project);
  });

  it("reads back any texts Markdown can hold (property)", () => {
    const piece = fc.constantFrom("#", "##", ">", "-", "*", "+", "**A:**", "**B**:", "\\", "```", "~~~", "=", "---", "<!--", "-->", "_", " ", "a", "Z", ":", "[generated]", "1.", "\n", "\n\n");
    const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));
    // What Markdown can hold: trimmed lines, no runs of blank lines; a line node has no blank lines; titles are one line.
    const block = (t: string) => t.split("\n").map((l) => l.trim()).join("\n").replace(/\n{3,}/g, "\n\n").trim();
    const single = (t: string) => t.replace(/\s+/g, " ").trim();
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 5, maxLength: 5 }), fc.array(fc.tuple(text, fc.constantFrom("", "ANNA", "Dr. B")), { minLength: 4, maxLength: 4 }), (heads, lines) => {
        const { project } = buildStory({ beats: 1, scenesPerBeat: 2, linesPerScene: 2, form: "screenplay" });
        const [premise, beat, s1, s2] = nodesInOrder(project).filter((n) => n.level !== "line");
        [premise, beat, s1, s2].forEach((n, i) => (project.nodes[n!.id] = { ...n!, title: n!.level === "premise" ? "" : single(heads[i]![0]), text: block(heads[i]![1]) }));
        nodesAt(project, "line").forEach((n, i) => {
          const [t, speaker] = lines[i]!;
          project.nodes[n.id] = { ...n, text: block(t).replace(/\n+/g, "\n") || (speaker ? "" : "x"), speaker };
        });
        const r = importMarkdown(exportMarkdown(project), opts);
        expect(outline(r.project)).toEqual(outline(project));
      }),
      { numRuns: 300 },
    );
  });

  it("exports and re-imports a beat subtree: same title, empty premise, that beat", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 2, form: "screenplay" });
    const beat = nodesAt(project, "beat")[1]!;
    const r = read(exportMarkdown(project, { nodeId: beat.id }));
    expect(r.project.title).toBe("Test story");
    expect(r.project.nodes[r.project.rootId]!.text).toBe("");
    expect(outline(r.project).slice(1)).toEqual(outline(project, beat.id));
  });

  it("re-imports a scene subtree into an untitled beat, and says so", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 2, linesPerScene: 2 });
    const scene = nodesAt(project, "scene")[1]!;
    const r = read(exportMarkdown(project, { nodeId: scene.id }));
    const [premise, beat, ...rest] = outline(r.project);
    expect(premise!.text).toBe("");
    expect(beat).toEqual({ level: "beat", title: "", text: "", speaker: "" });
    expect(rest).toEqual(outline(project, scene.id));
    expect(r.report.notes).toContain("Line 3: a scene before the first beat heading (##) was put in an untitled beat.");
  });

  it("removes the generated marks and counts them", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 3 });
    const r = read(exportMarkdown(project, { markGenerated: true }));
    expect(outline(r.project)).toEqual(outline(project));
    expect(r.report.notes).toContain("3 generated marks (*[generated]*) removed: imported text counts as written.");
  });
});

describe("importMarkdown: outlines written by hand", () => {
  it("reads front matter, setext headings, lists, deeper headings, code blocks and comments", () => {
    const md = [
      "---",
      'title: "The Letter"',
      "tags: [draft]",
      "---",
      "A keeper finds a letter.",
      "",
      "Act One",
      "-------",
      "She finds it.",
      "",
      "### The stairs",
      "- Mara climbs.",
      "- Tomas shouts.",
      "",
      "#### A beat too deep",
      "",
      "```",
      "## not a beat",
      "```",
      "",
      "<!-- a comment -->",
      "",
      "***",
      "",
      "**MARA:** Who writes to me?",
    ].join("\n");
    const r = read(md);
    expect(r.project.title).toBe("The Letter");
    expect(r.project.settings.form).toBe("screenplay");
    expect(outline(r.project).map((n) => [n.level, n.title, n.text, n.speaker])).toEqual([
      ["premise", "", "A keeper finds a letter.", ""],
      ["beat", "Act One", "She finds it.", ""],
      ["scene", "The stairs", "", ""],
      ["line", "", "Mara climbs.", ""],
      ["line", "", "Tomas shouts.", ""],
      ["line", "", "A beat too deep", ""],
      ["line", "", "Who writes to me?", "MARA"],
    ]);
    expect(r.report.skipped).toEqual([
      { line: 17, text: "## not a beat", reason: "a code block" },
      { line: 21, text: "<!-- a comment -->", reason: "an HTML comment" },
    ]);
    expect(r.report.notes).toContain("Line 15: a heading deeper than a scene heading was read as a line.");
  });

  it("reads several # headings as beats and ## as scenes", () => {
    const r = read("# Act One\n\nSummary.\n\n## Kitchen\n\nA line.\n\n# Act Two\n\n## Yard\n\n> Card.\n\nAnother.");
    expect(r.project.title).toBe("outline");
    expect(outline(r.project).map((n) => `${n.level}:${n.title}:${n.text}`)).toEqual([
      "premise::",
      "beat:Act One:Summary.",
      "scene:Kitchen:",
      "line::A line.",
      "beat:Act Two:",
      "scene:Yard:Card.",
      "line::Another.",
    ]);
    expect(r.report.notes[0]).toMatch(/Several # headings/);
  });

  it("reads a file without headings as a premise and lines", () => {
    const r = read("The premise.\n\nFirst line.\n\nSecond line.\n");
    expect(outline(r.project).map((n) => `${n.level}:${n.text}`)).toEqual(["premise:The premise.", "beat:", "scene:", "line:First line.", "line:Second line."]);
    expect(r.report.notes).toEqual(
      expect.arrayContaining(["No # title heading: the title is the file name.", "Line 3: text before the first beat heading (##) was put in an untitled beat."]),
    );
  });
});

describe("importMarkdown: bad input", () => {
  it("puts a scene heading before any beat heading in an untitled beat, with its line", () => {
    const r = read("# T\n\n### Early scene\n\nA line.\n\n## Beat\n\n### Scene\n\nB line.");
    expect(outline(r.project).map((n) => `${n.level}:${n.title}`)).toEqual(["premise:", "beat:", "scene:Early scene", "line:", "beat:Beat", "scene:Scene", "line:"]);
    expect(r.report.notes).toContain("Line 3: a scene before the first beat heading (##) was put in an untitled beat.");
  });

  it("puts dialogue before any scene in an untitled scene", () => {
    const r = read("# T\n\n## Beat\n\n**ANNA:** Hi.\n\n**BOB:** Hello.");
    expect(outline(r.project).map((n) => `${n.level}:${n.speaker}:${n.text}`)).toEqual(["premise::", "beat::", "scene::", "line:ANNA:Hi.", "line:BOB:Hello."]);
    expect(r.report.notes).toContain("Line 5: text before the first scene heading (###) of its beat was put in an untitled scene.");
  });

  it.each([
    ["empty", ""],
    ["whitespace", "  \n\n\t\n"],
    ["only a title", "# Just a title"],
    ["binary", "\u0000PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR"],
  ])("never gives an empty project without saying so: %s", (_name, text) => {
    const r = read(text);
    expect(r.report.beats + r.report.scenes + r.report.lines).toBe(0);
    expect(r.report.notes).toContain("Nothing in outline could be read as a beat, scene or line.");
  });

  it("reports binary data as skipped", () => {
    const r = read("\u0000\u0001\u0002garbage");
    expect(r.report.skipped).toEqual([{ line: 1, text: "???garbage", reason: "binary data: this is not a Markdown text file" }]);
  });

  it("does not throw on garbage", () => {
    const garbage = ["#######", "> > >", "**:**", "```", "<!--", "- ", "###### ###", "\\", "]]]][[[", "=\n=\n-", "\uFFFF\uD800"].join("\n");
    for (let cut = 0; cut <= garbage.length; cut += 3) read(garbage.slice(0, cut));
  });
});
