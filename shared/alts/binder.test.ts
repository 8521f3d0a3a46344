import { describe, expect, it } from "vitest";
import type { Alt, Project } from "../story/model";
import { applyOperation } from "../story/operations";
import { FIXED_AT, buildStory, nodesAt, nodesInOrder } from "../story/testStory";
import { binderMarkdown, collectBinder, nodePath } from "./binder";

function addAlt(project: Project, nodeId: string, id: string, fields: Partial<Alt> = {}): Project {
  const node = project.nodes[nodeId]!;
  const a: Alt = { id, title: "", text: `${id} text`, origin: "generated", reason: "generated", createdAt: FIXED_AT, ...fields };
  return { ...project, nodes: { ...project.nodes, [nodeId]: { ...node, alts: [...node.alts, a] } } };
}

function star(project: Project, nodeId: string, altId: string, marks: { tags?: string[]; note?: string; rejected?: boolean } = {}): Project {
  return applyOperation(project, { type: "markAlt", nodeId, altId, starred: true, ...marks }, FIXED_AT).project;
}

/** Starred alts on line 3 of beat 2 › scene 1, on beat 2, on the premise, and on line 1 of beat 1 › scene 1 (added last). */
function binderStory() {
  let p = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 3, form: "screenplay" }).project;
  const beat2 = nodesAt(p, "beat")[1]!;
  const scene = p.nodes[beat2.childIds[0]!]!;
  const line3 = p.nodes[scene.childIds[2]!]!;
  const line1 = nodesAt(p, "line")[0]!;
  p = addAlt(p, line3.id, "alt_line3_a", { speaker: "ANNA", text: "The raccoon pays rent.\nIn cash." });
  p = addAlt(p, line3.id, "alt_line3_b", { text: "Not starred." });
  p = addAlt(p, line3.id, "alt_line3_c", { text: "The landlord is the raccoon." });
  p = addAlt(p, beat2.id, "alt_beat2", { title: "The eviction", text: "Mara is evicted by a raccoon." });
  p = addAlt(p, p.rootId, "alt_premise", { text: "A lighthouse keeper rents her lighthouse to a raccoon." });
  p = addAlt(p, line1.id, "alt_line1", { text: "Good morning, Tomas." });
  p = star(p, line1.id, "alt_line1");
  p = star(p, line3.id, "alt_line3_c", { tags: ["Callback", "funny"] });
  p = star(p, line3.id, "alt_line3_a", { tags: ["funny"], note: "Try on set.", rejected: true });
  p = star(p, beat2.id, "alt_beat2", { note: "Maybe the cold open." });
  p = star(p, p.rootId, "alt_premise");
  return { p, beat2, scene, line3, line1 };
}

describe("nodePath", () => {
  it("names positions from 1: premise, beat, scene, line", () => {
    const { p, beat2, scene, line3 } = binderStory();
    expect(nodePath(p, p.rootId)).toBe("Premise");
    expect(nodePath(p, beat2.id)).toBe("Beat 2");
    expect(nodePath(p, scene.id)).toBe("Beat 2 › Scene 1");
    expect(nodePath(p, line3.id)).toBe("Beat 2 › Scene 1 › Line 3");
    expect(nodePath(p, "nope")).toBe("");
  });
});

describe("collectBinder", () => {
  it("lists every starred alt (rejected or not) grouped by node in reading order, with the node's path", () => {
    const { p, beat2, line3, line1 } = binderStory();
    const b = collectBinder(p);
    expect(b.map((e) => e.path)).toEqual(["Premise", "Beat 1 › Scene 1 › Line 1", "Beat 2", "Beat 2 › Scene 1 › Line 3"]);
    expect(b.map((e) => e.node.id)).toEqual([p.rootId, line1.id, beat2.id, line3.id]);
    // Within a node, the node's own order of alts.
    expect(b[3]!.alts.map((a) => a.id)).toEqual(["alt_line3_a", "alt_line3_c"]);
    const order = nodesInOrder(p).map((n) => n.id);
    expect(b.map((e) => order.indexOf(e.node.id))).toEqual([...b.map((e) => order.indexOf(e.node.id))].sort((x, y) => x - y));
  });

  it("filters case-insensitively over text, tags and note; every word must match; no starred alts gives nothing", () => {
    const { p } = binderStory();
    const altIds = (q: string) => collectBinder(p, q).flatMap((e) => e.alts.map((a) => a.id));
    expect(altIds("RACCOON")).toEqual(["alt_premise", "alt_beat2", "alt_line3_a", "alt_line3_c"]);
    expect(altIds("callback")).toEqual(["alt_line3_c"]);
    expect(altIds("on set")).toEqual(["alt_line3_a"]);
    expect(altIds("cold open")).toEqual(["alt_beat2"]);
    expect(altIds("funny cash")).toEqual(["alt_line3_a"]);
    expect(altIds("starred")).toEqual([]);
    expect(altIds("   ")).toHaveLength(5);
    expect(collectBinder(buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 1 }).project)).toEqual([]);
  });
});

describe("binderMarkdown", () => {
  it("has headings per beat and scene, and each starred alt as a list item with its tags and note", () => {
    const { p, line3 } = binderStory();
    const md = binderMarkdown(p);
    const beat1 = nodesAt(p, "beat")[0]!;
    const beat2 = nodesAt(p, "beat")[1]!;
    const scene21 = p.nodes[beat2.childIds[0]!]!;
    const line1 = nodesAt(p, "line")[0]!;
    const now = (n: typeof line3) => `${n.speaker ? `${n.speaker}: ` : ""}${n.text}`;
    expect(md).toBe(
      [
        `# ${p.title}: binder`,
        "",
        "## Premise",
        "",
        "- A lighthouse keeper rents her lighthouse to a raccoon.",
        "",
        `## Beat 1: ${beat1.title}`,
        "",
        `### Scene 1: ${p.nodes[beat1.childIds[0]!]!.title}`,
        "",
        `**Line 1** (now: ${now(line1)})`,
        "",
        "- Good morning, Tomas.",
        "",
        `## Beat 2: ${beat2.title}`,
        "",
        "- **The eviction**: Mara is evicted by a raccoon.",
        "  > Maybe the cold open.",
        "",
        `### Scene 1: ${scene21.title}`,
        "",
        `**Line 3** (now: ${now(line3)})`,
        "",
        "- ANNA: The raccoon pays rent.",
        "  In cash.",
        "  *Tags: funny*",
        "  > Try on set.",
        "",
        "- The landlord is the raccoon.",
        "  *Tags: callback, funny*",
        "",
      ].join("\n"),
    );
  });

  it("says so when nothing is starred", () => {
    const p = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 1 }).project;
    expect(binderMarkdown(p)).toBe(`# ${p.title}: binder\n\n_No starred alts yet._\n`);
  });
});
