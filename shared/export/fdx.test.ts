import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { Alt, Project, StoryNode } from "../story/model";
import { buildStory, FIXED_AT, nodesAt, nodesInOrder } from "../story/testStory";
import { escapeXml, exportFdx, FDX_VERSION } from "./fdx";

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  /** The element's own text (direct text nodes, joined). */
  text: string;
}

/** Parses with a real XML parser (order kept) into a plain element tree; throws on malformed XML. */
function parse(xml: string): El {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", trimValues: false, parseTagValue: false, parseAttributeValue: false });
  const convert = (nodes: Record<string, unknown>[]): El[] =>
    nodes.flatMap((n) => {
      const name = Object.keys(n).find((k) => k !== ":@")!;
      if (name === "#text" || name === "?xml") return [];
      const kids = n[name] as Record<string, unknown>[];
      const text = kids.filter((k) => "#text" in k).map((k) => String(k["#text"])).join("");
      return [{ name, attrs: (n[":@"] as Record<string, string>) ?? {}, children: convert(kids), text }];
    });
  const roots = convert(parser.parse(xml) as Record<string, unknown>[]);
  expect(roots).toHaveLength(1);
  return roots[0]!;
}

const child = (el: El, name: string) => el.children.find((c) => c.name === name);
const childrenNamed = (el: El, name: string) => el.children.filter((c) => c.name === name);
/** The paragraph's direct <Text> runs, joined: what Final Draft prints. */
const printed = (p: El) => childrenNamed(p, "Text").map((t) => t.text).join("");

function contentOf(xml: string): El[] {
  const root = parse(xml);
  expect(root.name).toBe("FinalDraft");
  const content = child(root, "Content")!;
  expect(content.children.every((c) => c.name === "Paragraph")).toBe(true);
  return content.children;
}

function screenplay(): Project {
  return buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 3, form: "screenplay" }).project;
}

function withNode(project: Project, node: StoryNode): Project {
  return { ...project, nodes: { ...project.nodes, [node.id]: node } };
}

function alt(text: string, extra: Partial<Alt> = {}): Alt {
  return { id: `a-${text}`, title: "", text, origin: "generated", reason: "generated", createdAt: FIXED_AT, ...extra };
}

describe("exportFdx", () => {
  it("writes a FinalDraft root with Content and a title page", () => {
    const project = screenplay();
    const root = parse(exportFdx(project));
    expect(root.attrs).toEqual({ DocumentType: "Script", Template: "No", Version: FDX_VERSION });
    expect(root.children.map((c) => c.name)).toEqual(["Content", "TitlePage"]);
    const title = child(child(root, "TitlePage")!, "Content")!.children;
    expect(title.map(printed)).toEqual(["Test story", project.nodes[project.rootId]!.text]);
  });

  it("writes beats, scenes and lines as paragraphs in reading order with their texts", () => {
    const project = screenplay();
    const paragraphs = contentOf(exportFdx(project));
    // The expected sequence, built from the tree.
    const expected: [string, string][] = [];
    let speaking = "";
    for (const n of nodesInOrder(project)) {
      if (n.level === "beat") expected.push(["Outline 1", n.title], ["Summary", n.text]);
      if (n.level === "scene") expected.push(["Scene Heading", n.title]);
      if (n.level !== "line") speaking = "";
      if (n.level === "line") {
        if (n.speaker && n.speaker !== speaking) expected.push(["Character", n.speaker]);
        expected.push([n.speaker ? "Dialogue" : "Action", n.text]);
        speaking = n.speaker ?? "";
      }
    }
    expect(paragraphs.map((p) => [p.attrs.Type, printed(p)])).toEqual(expected);
    const types = new Set(paragraphs.map((p) => p.attrs.Type));
    for (const t of ["Scene Heading", "Character", "Dialogue", "Action"]) expect(types).toContain(t);

    // The scene card rides on the heading's SceneProperties, before its Text.
    const scene = nodesAt(project, "scene")[0]!;
    const heading = paragraphs.find((p) => p.attrs.Type === "Scene Heading")!;
    expect(heading.children.map((c) => c.name)).toEqual(["SceneProperties", "Text"]);
    const summary = child(child(heading, "SceneProperties")!, "Summary")!;
    expect(summary.children.map(printed)).toEqual([scene.text]);
  });

  it("gives one cue to a speaker's consecutive lines and a new one after another paragraph", () => {
    const project = screenplay();
    const [l1, l2, l3] = nodesAt(project, "line");
    let p = withNode(project, { ...l1!, speaker: "MARA", text: "First." });
    p = withNode(p, { ...l2!, speaker: "MARA", text: "Second." });
    p = withNode(p, { ...l3!, speaker: "", text: "She turns." });
    const paragraphs = contentOf(exportFdx(p, { nodeId: l1!.parentId! }));
    expect(paragraphs.map((x) => [x.attrs.Type, printed(x)])).toEqual([
      ["Scene Heading", project.nodes[l1!.parentId!]!.title],
      ["Character", "MARA"],
      ["Dialogue", "First."],
      ["Dialogue", "Second."],
      ["Action", "She turns."],
    ]);
  });

  it("writes a dialogue line's kept alts (starred, not rejected) as alternates after its text, and only those", () => {
    const project = screenplay();
    const line = nodesAt(project, "line").find((l) => l.speaker)!;
    const p = withNode(project, {
      ...line,
      alts: [alt("Kept one", { starred: true }), alt("Dropped"), alt("Kept & rejected", { starred: true, rejected: true, speaker: "TOMAS", origin: "written" })],
    });
    const dialogue = contentOf(exportFdx(p)).find((x) => x.attrs.Type === "Dialogue" && printed(x) === line.text)!;
    expect(dialogue.children.map((c) => c.name)).toEqual(["Text", "Alternates"]);
    const alts = childrenNamed(child(dialogue, "Alternates")!, "Alternate");
    expect(alts.map((a) => [printed(a), a.attrs])).toEqual([["Kept one", { Origin: "generated" }]]);
    expect(exportFdx(p)).not.toContain("Dropped");
    // Starred but rejected is not kept: the same rule as the Fountain export.
    expect(exportFdx(p)).not.toContain("Kept &amp; rejected");
    expect(exportFdx(p, { alternates: false })).not.toContain("<Alternates>");
    // Unstarred alts only: no element at all.
    expect(exportFdx(withNode(project, { ...line, alts: [alt("Dropped")] }))).not.toContain("Alternates");
  });

  it("writes alternates only on Dialogue paragraphs, never on Action", () => {
    const project = screenplay();
    const line = nodesAt(project, "line")[0]!;
    const p = withNode(project, { ...line, speaker: "", text: "She turns.", alts: [alt("She spins.", { starred: true })] });
    const paragraphs = contentOf(exportFdx(p));
    const action = paragraphs.find((x) => x.attrs.Type === "Action" && printed(x) === "She turns.")!;
    expect(action.children.map((c) => c.name)).toEqual(["Text"]);
    expect(exportFdx(p)).not.toContain("<Alternates>");
    expect(exportFdx(p)).not.toContain("She spins.");
  });

  it("writes a leading parenthetical as a Parenthetical paragraph and keeps further line breaks as Dialogue paragraphs", () => {
    const project = screenplay();
    const line = nodesAt(project, "line")[0]!;
    const p = withNode(project, {
      ...line,
      speaker: "MARA",
      origin: "generated",
      text: "(under her breath)\nNobody writes to me.\n\nNot anymore.",
      alts: [alt("Nobody.", { starred: true })],
    });
    const paragraphs = contentOf(exportFdx(p, { nodeId: line.parentId!, markGenerated: true }));
    expect(paragraphs.slice(0, 5).map((x) => [x.attrs.Type, printed(x)])).toEqual([
      ["Scene Heading", project.nodes[line.parentId!]!.title],
      ["Character", "MARA"],
      ["Parenthetical", "(under her breath)"],
      ["Dialogue", "Nobody writes to me."],
      ["Dialogue", "Not anymore. [generated]"],
    ]);
    // The mark and the alternates close the line: on its last Dialogue paragraph only.
    expect(paragraphs.slice(0, 5).map((x) => x.children.some((c) => c.name === "Alternates"))).toEqual([false, false, false, false, true]);
    // A line that is only a parenthetical still gives its cue a Dialogue paragraph.
    const only = contentOf(exportFdx(withNode(project, { ...line, speaker: "MARA", text: "(beat)" }), { nodeId: line.parentId! }));
    expect(only.slice(1, 4).map((x) => [x.attrs.Type, printed(x)])).toEqual([["Character", "MARA"], ["Parenthetical", "(beat)"], ["Dialogue", ""]]);
  });

  it("marks model text with a trailing italic run when asked", () => {
    const project = screenplay();
    const [l1, l2] = nodesAt(project, "line");
    let p = withNode(project, { ...l1!, origin: "edited" });
    p = withNode(p, { ...l2!, origin: "written" });
    const scene = l1!.parentId!;
    const marked = contentOf(exportFdx(p, { nodeId: scene, markGenerated: true })).filter((x) => x.attrs.Type === "Dialogue" || x.attrs.Type === "Action");
    const runs = marked.map((x) => childrenNamed(x, "Text").map((t) => [t.text, t.attrs.Style ?? ""]));
    expect(runs[0]).toEqual([[l1!.text, ""], [" [generated, edited]", "Italic"]]);
    expect(runs[1]).toEqual([[l2!.text, ""]]);
    expect(runs[2]).toEqual([[nodesAt(p, "line")[2]!.text, ""], [" [generated]", "Italic"]]);
    expect(exportFdx(p, { nodeId: scene })).not.toContain("[generated");
  });

  it("escapes markup and drops characters XML cannot hold", () => {
    const project = screenplay();
    const line = nodesAt(project, "line")[0]!;
    const nasty = `<b>Fish & "chips"</b> it's\u0001\u000B\uFFFF done \uD83D\uDE00 \uD800`;
    const p = withNode(withNode(project, { ...line, text: nasty, speaker: "A&B <C>" }), { ...project.nodes[project.rootId]!, text: "]]> & <!-- x -->" });
    const xml = exportFdx({ ...p, title: 'Title "1" <x>' });
    const root = parse(xml);
    const paragraphs = child(root, "Content")!.children;
    expect(paragraphs.map(printed)).toContain(`<b>Fish & "chips"</b> it's done \uD83D\uDE00`);
    expect(paragraphs.map(printed)).toContain("A&B <C>");
    expect(child(child(root, "TitlePage")!, "Content")!.children.map(printed)).toEqual(['Title "1" <x>', "]]> & <!-- x -->"]);
    expect(escapeXml(`a<b>&"c"'\u0000`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;");
  });

  it("exports a prose story as action and covers a subtree when given a node", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 2 });
    const beat = nodesAt(project, "beat")[1]!;
    const paragraphs = contentOf(exportFdx(project, { nodeId: beat.id }));
    expect(paragraphs.map((p) => p.attrs.Type)).toEqual(["Outline 1", "Summary", "Scene Heading", "Action", "Action"]);
    expect(printed(paragraphs[0]!)).toBe(beat.title);
    // Only the premise in scope brings its text to the title page.
    const title = child(child(parse(exportFdx(project, { nodeId: beat.id })), "TitlePage")!, "Content")!;
    expect(title.children.map(printed)).toEqual(["Test story"]);
  });

  it("names untitled beats and scenes by their place", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 2, linesPerScene: 0, form: "screenplay" });
    const [s1, s2] = nodesAt(project, "scene");
    const beat = nodesAt(project, "beat")[0]!;
    let p = withNode(project, { ...beat, title: "", text: "" });
    p = withNode(p, { ...s2!, title: " ", text: "One.\n\nTwo." });
    const paragraphs = contentOf(exportFdx(p));
    expect(paragraphs.map((x) => [x.attrs.Type, printed(x)])).toEqual([["Outline 1", "Beat 1"], ["Scene Heading", s1!.title], ["Scene Heading", "SCENE 2"]]);
    const summary = child(child(paragraphs[2]!, "SceneProperties")!, "Summary")!;
    expect(summary.children.map(printed)).toEqual(["One.", "Two."]);
  });
});
