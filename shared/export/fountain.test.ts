import { Fountain, type Token } from "fountain-js";
import { describe, expect, it } from "vitest";
import { buildStory, nodesAt, FIXED_AT } from "../story/testStory";
import type { Alt, Project } from "../story/model";
import { exportFountain } from "./fountain";
import { readCue, toCue, toSceneHeading } from "./fountainSyntax";

/** fountain-js tokens of a script: an independent reader of what we write. */
function parse(script: string): { title: string; tokens: Token[] } {
  const r = new Fountain().parse(script, true);
  return { title: r.title, tokens: r.tokens };
}
const texts = (tokens: Token[], type: string) => tokens.filter((t) => t.type === type).map((t) => t.text ?? "");

function screenplay(): Project {
  return buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 4, form: "screenplay" }).project;
}

function alt(over: Partial<Alt>): Alt {
  return { id: `alt_${Math.random()}`, title: "", text: "", origin: "generated", reason: "generated", createdAt: FIXED_AT, ...over };
}

describe("exportFountain", () => {
  it("is read back by fountain-js: title, sections, synopses, scene headings, cues and dialogue", () => {
    const project = screenplay();
    const { title, tokens } = parse(exportFountain(project));
    expect(title).toBe("Test story");
    expect(texts(tokens, "section")).toEqual(nodesAt(project, "beat").map((b) => b.title));
    expect(texts(tokens, "scene_heading")).toEqual(nodesAt(project, "scene").map((s) => s.title));
    const premise = project.nodes[project.rootId]!.text;
    const expectedSynopses = [premise, ...nodesAt(project, "beat").flatMap((b) => [b.text, ...b.childIds.map((id) => project.nodes[id]!.text)])];
    expect(texts(tokens, "synopsis")).toEqual(expectedSynopses);
    const lines = nodesAt(project, "line");
    const spoken = lines.filter((l) => l.speaker);
    expect(spoken.length).toBeGreaterThan(0);
    expect(texts(tokens, "character")).toEqual(spoken.map((l) => l.speaker!.toUpperCase()));
    expect(texts(tokens, "dialogue")).toEqual(spoken.map((l) => l.text));
    expect(texts(tokens, "action")).toEqual(lines.filter((l) => !l.speaker).map((l) => l.text));
  });

  it("keeps INT./EXT. headings as they are and forces any other title with a dot", () => {
    expect(toSceneHeading("INT. KITCHEN - NIGHT", "SCENE 1")).toBe("INT. KITCHEN - NIGHT");
    expect(toSceneHeading("ext. pier\n- dawn", "SCENE 1")).toBe("ext. pier - dawn");
    expect(toSceneHeading("INT./EXT. CAR - DAY", "SCENE 1")).toBe("INT./EXT. CAR - DAY");
    expect(toSceneHeading("The kitchen", "SCENE 1")).toBe(".The kitchen");
    expect(toSceneHeading("...later", "SCENE 1")).toBe(".later");
    expect(toSceneHeading("  ", "SCENE 4")).toBe(".SCENE 4");
    expect(toSceneHeading(". .", "SCENE 4")).toBe(".SCENE 4");
    const project = screenplay();
    const [s1, s2] = nodesAt(project, "scene");
    project.nodes[s1!.id] = { ...s1!, title: "EXT. LIGHTHOUSE - NIGHT" };
    project.nodes[s2!.id] = { ...s2!, title: "Later, upstairs" };
    expect(texts(parse(exportFountain(project)).tokens, "scene_heading").slice(0, 2)).toEqual(["EXT. LIGHTHOUSE - NIGHT", "Later, upstairs"]);
  });

  it("writes cues upper-case (a name with inner capitals kept behind @) and forces the ones that would not read as cues", () => {
    expect(toCue("ANNA")).toBe("ANNA");
    expect(toCue("Anna")).toBe("ANNA");
    expect(toCue("DeShawn")).toBe("@DeShawn");
    expect(toCue("McCLANE")).toBe("@McCLANE");
    expect(toCue("anna (cont'd)")).toBe("ANNA (cont'd)");
    expect(toCue("R2")).toBe("R2");
    expect(toCue("2")).toBe("@2");
    expect(toCue("INT. VOICE")).toBe("@INT. VOICE");
    expect(readCue("@McCLANE")).toEqual({ speaker: "McCLANE", dual: false });
    expect(readCue("BRICK ^")).toEqual({ speaker: "BRICK", dual: true });
    expect(readCue("Mara walks in.")).toBeNull();
  });

  it("honours @ before any other reading, and sanitizes names so both readers take them as cues", () => {
    expect(readCue("@GO TO:")).toEqual({ speaker: "GO TO:", dual: false });
    expect(readCue("@FADE OUT.")).toEqual({ speaker: "FADE OUT.", dual: false });
    expect(readCue("@INT. VOICE")).toEqual({ speaker: "INT. VOICE", dual: false });
    expect(readCue("ANNA (V.O")).toBeNull();
    expect(readCue("A)B")).toBeNull();
    const cases: [string, string][] = [
      ["ANNA (V.O", "ANNA V.O"],
      ["A)B", "A B"],
      ["J^K", "J K"],
      ["ANNA ^", "ANNA"],
      ["Anna (V.O.) extra", "ANNA V.O. EXTRA"],
      ["MR. X (O.S.) (CONT'D)", "MR. X (O.S.) (CONT'D)"],
      ["GO TO:", "GO TO:"],
      ["FADE OUT.", "FADE OUT."],
      ["INT. GUY", "INT. GUY"],
      ["123", "123"],
      ["McCLANE", "McCLANE"],
    ];
    for (const [speaker, name] of cases) {
      const cue = toCue(speaker);
      expect(readCue(cue), cue).toEqual({ speaker: name, dual: false });
      const tokens = parse(`INT. A\n\n${cue}\nhello\n`).tokens;
      expect(texts(tokens, "character"), cue).toEqual([name]);
      expect(texts(tokens, "dialogue"), cue).toEqual(["hello"]);
    }
  });

  it("forces action that would read as something else, and fountain-js reads it as action", () => {
    const project = buildStory({ beats: 2, scenesPerBeat: 2, linesPerScene: 6, form: "screenplay" }).project;
    const tricky = ["INT. NOT A HEADING", "ANNA\nlooks up.", "# not a section", "= not a synopsis", "!bang", "> not a transition", "~ not lyrics", "===", "First.\n\nSecond."];
    const lines = nodesAt(project, "line").filter((l) => !l.speaker);
    tricky.forEach((text, i) => (project.nodes[lines[i]!.id] = { ...lines[i]!, text }));
    const actions = texts(parse(exportFountain(project)).tokens, "action");
    // fountain-js keeps the "  " that holds a blank line inside the paragraph.
    for (const text of tricky) expect(actions).toContain(text.replace("\n\n", "\n  \n"));
    expect(texts(parse(exportFountain(project)).tokens, "section")).toEqual(nodesAt(project, "beat").map((b) => b.title));
  });

  it("writes every line of a prose project as action, with forced scene headings", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 2, linesPerScene: 3 });
    const { tokens } = parse(exportFountain(project));
    expect(texts(tokens, "character")).toEqual([]);
    expect(texts(tokens, "action")).toEqual(nodesAt(project, "line").map((l) => l.text));
    expect(texts(tokens, "scene_heading")).toEqual(["scene 2", "scene 3"]);
  });

  it("puts kept alts (starred, not rejected) in notes after their node", () => {
    const project = screenplay();
    const scene = nodesAt(project, "scene")[0]!;
    const line = nodesAt(project, "line").find((l) => l.speaker)!;
    project.nodes[scene.id] = { ...scene, alts: [alt({ title: "INT. ATTIC", text: "Dust]] everywhere.", starred: true }), alt({ text: "not kept" })] };
    project.nodes[line.id] = { ...line, alts: [alt({ text: "Maybe.", speaker: "anna", starred: true }), alt({ text: "rejected", starred: true, rejected: true })] };
    const script = exportFountain(project);
    const notes = texts(parse(script).tokens, "note");
    expect(notes).toEqual(["Kept alt: INT. ATTIC — Dust] ] everywhere.", "Kept alt: ANNA: Maybe."]);
    expect(script.indexOf("[[Kept alt: INT. ATTIC")).toBeGreaterThan(script.indexOf(".scene"));
  });

  it("marks generated and edited lines only, when asked", () => {
    const project = screenplay();
    const [a, b, c, d] = nodesAt(project, "line");
    project.nodes[b!.id] = { ...b!, origin: "edited" };
    project.nodes[c!.id] = { ...c!, origin: "written" };
    project.nodes[d!.id] = { ...d!, origin: "written" };
    const plain = exportFountain(project);
    expect(plain).not.toContain("[[generated");
    const marked = exportFountain(project, { markGenerated: true });
    const lineCount = nodesAt(project, "line").length;
    expect(marked.match(/\[\[generated\]\]/g)).toHaveLength(lineCount - 3);
    expect(marked.match(/\[\[generated, edited\]\]/g)).toHaveLength(1);
    const { tokens } = parse(marked);
    const all = [...texts(tokens, "dialogue"), ...texts(tokens, "action")];
    expect(all).toContain(`${a!.text} [[generated]]`);
    expect(all).toContain(`${b!.text} [[generated, edited]]`);
    expect(all).toContain(c!.text);
    expect(texts(tokens, "synopsis").some((s) => s.includes("generated"))).toBe(false);
    expect(texts(tokens, "section").some((s) => s.includes("generated"))).toBe(false);
  });

  it("exports a subtree: the title page and that node's part of the story", () => {
    const project = screenplay();
    const beat = nodesAt(project, "beat")[1]!;
    const { title, tokens } = parse(exportFountain(project, { nodeId: beat.id }));
    expect(title).toBe("Test story");
    expect(texts(tokens, "section")).toEqual([beat.title]);
    expect(texts(tokens, "scene_heading")).toEqual(beat.childIds.map((id) => project.nodes[id]!.title));
    expect(texts(tokens, "synopsis")[0]).toBe(beat.text);
    const scene = nodesAt(project, "scene")[0]!;
    const sceneTokens = parse(exportFountain(project, { nodeId: scene.id })).tokens;
    expect(texts(sceneTokens, "section")).toEqual([]);
    expect(texts(sceneTokens, "scene_heading")).toEqual([scene.title]);
    expect(() => exportFountain(project, { nodeId: "nope" })).toThrow(/No node/);
  });
});
