import { describe, expect, it } from "vitest";
import { buildStory, nodesAt } from "../story/testStory";
import { exportMarkdown } from "./markdown";
import { escapeLine, unescapeLine } from "./markdownSyntax";

describe("exportMarkdown", () => {
  it("writes the title, premise, beat and scene headings, cards as quotes and lines as paragraphs", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 2, form: "screenplay" });
    const beat = nodesAt(project, "beat")[0]!;
    const scene = nodesAt(project, "scene")[0]!;
    const [l1, l2] = nodesAt(project, "line");
    expect(exportMarkdown(project)).toBe(
      [
        "# Test story",
        project.nodes[project.rootId]!.text,
        `## ${beat.title}`,
        beat.text,
        `### ${scene.title}`,
        `> ${scene.text}`,
        `**ANNA:** ${l1!.text}`,
        l2!.text,
      ].join("\n\n") + "\n",
    );
  });

  it("escapes text lines that would read as markup, and only those", () => {
    for (const line of ["# not a heading", "> not a quote", "- not a list", "* nor this", "---", "***", "===", "```", "<!-- x", "**BOB:** no", "\\# already", "\\\\"]) {
      expect(escapeLine(line)).toBe(`\\${line}`);
      expect(unescapeLine(escapeLine(line))).toBe(line);
    }
    for (const line of ["*italic* start", "plain", "-5 degrees", "1. numbered", "a # b"]) expect(escapeLine(line)).toBe(line);
  });

  it("marks generated and edited lines only, when asked", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 3 });
    const [a, b, c] = nodesAt(project, "line");
    project.nodes[b!.id] = { ...b!, origin: "edited" };
    project.nodes[c!.id] = { ...c!, origin: "written" };
    expect(exportMarkdown(project)).not.toContain("[generated");
    const md = exportMarkdown(project, { markGenerated: true });
    expect(md).toContain(`${a!.text} *[generated]*\n`);
    expect(md).toContain(`${b!.text} *[generated, edited]*\n`);
    expect(md).toContain(`${c!.text}\n`);
    expect(md).not.toContain(`${c!.text} *`);
    // Beats, scenes and the premise are generated too here, but only lines are marked.
    expect(md.match(/\*\[generated/g)).toHaveLength(2);
  });

  it("exports a subtree under the project title, with the same heading levels", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 1 });
    const scene = nodesAt(project, "scene")[1]!;
    const md = exportMarkdown(project, { nodeId: scene.id });
    expect(md.split("\n\n")).toEqual(["# Test story", `### ${scene.title}`, `> ${scene.text}`, `${project.nodes[scene.childIds[0]!]!.text}\n`]);
  });
});
