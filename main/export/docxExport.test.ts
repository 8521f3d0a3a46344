import JSZip from "jszip";
import { XMLValidator } from "fast-xml-parser";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import type { Project, StoryNode } from "../../shared/story/model";
import { buildStory, nodesAt } from "../../shared/story/testStory";
import { exportDocx, MARK_COLOR } from "./docxExport";

/** The document's paragraphs as a docx reader sees them (mammoth's raw text: one paragraph per block). */
async function paragraphs(bytes: Uint8Array): Promise<string[]> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return value
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

/** word/document.xml, unzipped. */
async function documentXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file("word/document.xml")!.async("string");
}

/** The <w:p> elements of the body, each as its XML. */
function xmlParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/gu)].map((m) => m[0]);
}

function withNode(project: Project, node: StoryNode): Project {
  return { ...project, nodes: { ...project.nodes, [node.id]: node } };
}

describe("exportDocx", () => {
  it("is a docx a reader opens: title page, chapters, scene breaks and lines in order", async () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 2 });
    const bytes = await exportDocx(project, { author: "Mara Keeper" });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe("PK");

    const expected = ["Test story", project.nodes[project.rootId]!.text, "by Mara Keeper"];
    for (const beat of nodesAt(project, "beat")) {
      expected.push(beat.title);
      beat.childIds.forEach((sceneId, i) => {
        const scene = project.nodes[sceneId]!;
        if (i > 0) expected.push("#");
        expected.push(scene.title, ...scene.childIds.map((l) => project.nodes[l]!.text));
      });
    }
    expect(await paragraphs(bytes)).toEqual(expected);
  });

  it("starts each chapter on a new page as a Heading 1, titles scenes as Heading 2, and sets manuscript type", async () => {
    const { project } = buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 1 });
    const xml = await documentXml(await exportDocx(project));
    const ps = xmlParagraphs(xml);
    const h1 = ps.filter((p) => p.includes('<w:pStyle w:val="Heading1"/>'));
    expect(h1).toHaveLength(3);
    // The title page ends with a page break; every later chapter starts a page.
    expect(ps.filter((p) => p.includes('<w:br w:type="page"/>'))).toHaveLength(1);
    expect(h1.map((p) => p.includes("<w:pageBreakBefore/>"))).toEqual([false, true, true]);
    expect(ps.filter((p) => p.includes('<w:pStyle w:val="Heading2"/>'))).toHaveLength(6);
    expect(ps.filter((p) => p.includes('<w:jc w:val="center"/>') && p.includes("<w:t xml:space=\"preserve\">#</w:t>"))).toHaveLength(3);
    const line = ps.find((p) => p.includes(nodesAt(project, "line")[0]!.text))!;
    expect(line).toContain('w:firstLine="720"');
    const styles = await (await JSZip.loadAsync(await exportDocx(project))).file("word/styles.xml")!.async("string");
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="24"\/>[\s\S]*<w:spacing w:line="480"\/>[\s\S]*<\/w:docDefaults>/u);
  });

  it("writes screenplay lines as SPEAKER: text", async () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 2, form: "screenplay" });
    const [l1, l2] = nodesAt(project, "line");
    expect(l1!.speaker).toBe("ANNA");
    const text = await paragraphs(await exportDocx(project));
    expect(text).toContain(`ANNA: ${l1!.text}`);
    expect(text).toContain(l2!.text);
  });

  it("marks model text with an italic grey run when asked", async () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 3 });
    const [l1, l2, l3] = nodesAt(project, "line");
    let p = withNode(project, { ...l1!, origin: "edited" });
    p = withNode(p, { ...l2!, origin: "written" });
    const bytes = await exportDocx(p, { markGenerated: true });
    const text = await paragraphs(bytes);
    expect(text).toContain(`${l1!.text} [generated, edited]`);
    expect(text).toContain(l2!.text);
    expect(text).toContain(`${l3!.text} [generated]`);
    const mark = xmlParagraphs(await documentXml(bytes)).find((x) => x.includes(l3!.text))!;
    expect(mark).toMatch(new RegExp(`<w:r><w:rPr><w:i/><w:iCs/><w:color w:val="${MARK_COLOR}"/></w:rPr><w:t xml:space="preserve"> \\[generated\\]</w:t></w:r>`, "u"));
    expect((await paragraphs(await exportDocx(p))).join("\n")).not.toContain("[generated");
  });

  it("exports a subtree, prints a card where nothing is written below it, and drops characters XML cannot hold", async () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 0 });
    const beat = nodesAt(project, "beat")[1]!;
    const [s1, s2] = beat.childIds.map((id) => project.nodes[id]!);
    let p = withNode(project, { ...s1!, title: "", text: "First card.\n\nSecond <para> & \u0001more." });
    p = withNode(p, { ...beat, title: "" });
    const text = await paragraphs(await exportDocx(p, { nodeId: beat.id }));
    expect(text).toEqual(["Test story", "Chapter 2", "First card.", "Second <para> & more.", "#", s2!.title, s2!.text]);
  });

  it("writes well-formed XML in every part when the title, author, headings and lines hold control characters", async () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 1, form: "screenplay" });
    const beat = nodesAt(project, "beat")[0]!;
    const scene = nodesAt(project, "scene")[0]!;
    const line = nodesAt(project, "line")[0]!;
    const bad = "\u0001\u0008\u000B\u001F\uFFFF\uD800";
    let p: Project = { ...project, title: `Bad${bad} <title> & co` };
    p = withNode(p, { ...beat, title: `Beat${bad}` });
    p = withNode(p, { ...scene, title: `Scene${bad}` });
    p = withNode(p, { ...line, speaker: `AN${bad}NA`, text: `Line${bad} one` });
    p = withNode(p, { ...p.nodes[p.rootId]!, text: `Premise${bad}` });
    const bytes = await exportDocx(p, { author: `Mara${bad} Keeper`, markGenerated: true });
    const zip = await JSZip.loadAsync(bytes);
    const parts = Object.values(zip.files).filter((f) => !f.dir && /\.(xml|rels)$/u.test(f.name));
    expect(parts.map((f) => f.name)).toEqual(expect.arrayContaining(["docProps/core.xml", "word/document.xml"]));
    for (const part of parts) {
      const xml = await part.async("string");
      const valid = XMLValidator.validate(xml);
      expect(valid === true ? true : `${part.name}: ${JSON.stringify(valid.err)}`).toBe(true);
      // XMLValidator accepts some characters XML 1.0 forbids; check those too.
      // eslint-disable-next-line no-control-regex -- looking for control characters is the point
      expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u.test(xml) ? part.name : "clean").toBe("clean");
    }
    const core = await zip.file("docProps/core.xml")!.async("string");
    expect(core).toContain("<dc:title>Bad &lt;title&gt; &amp; co</dc:title>");
    expect(core).toContain("Mara Keeper");
    const text = await paragraphs(bytes);
    expect(text).toEqual(expect.arrayContaining(["Bad <title> & co", "Beat", "Scene", "ANNA: Line one [generated]"]));
  });

  it("keeps a line's line breaks as breaks within its paragraph", async () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 1, form: "screenplay" });
    const line = nodesAt(project, "line")[0]!;
    const p = withNode(project, { ...line, speaker: "MARA", text: "(under her breath)\nNobody writes to me." });
    const bytes = await exportDocx(p);
    const para = xmlParagraphs(await documentXml(bytes)).find((x) => x.includes("under her breath"))!;
    expect(para).toMatch(/MARA: \(under her breath\)<\/w:t><\/w:r><w:r><w:br\/><w:t xml:space="preserve">Nobody writes to me\.<\/w:t>/u);
    // One paragraph, two lines: a reader shows the break, not "(under her breath) Nobody…" run together.
    expect(await paragraphs(bytes)).not.toContain("MARA: (under her breath) Nobody writes to me.");
  });
});
