import { describe, expect, it } from "vitest";
import type { StoryNode } from "../story/model";
import { buildStory, nodesAt } from "../story/testStory";
import {
  ALT_PROMPT_TOKEN_CEILING,
  UNUSUAL_ELEMENT_SCHEMA,
  altOutputSchema,
  assembleAltPrompt,
  parseUnusualElement,
  unusualElementPrompt,
} from "./altPrompt";
import { estimateTokens } from "./assemble";
import { parseItem, partialItem } from "./outputSchema";

const huge = (n: number, word = "word ") => word.repeat(Math.ceil(n / word.length)).slice(0, n);

describe("assembleAltPrompt", () => {
  it("asks for one alternative of a scene with the bible, its ancestors, its neighbours, its text and the angle", () => {
    const { project: p } = buildStory({ beats: 3, scenesPerBeat: 3, linesPerScene: 1 });
    const [b1, b2, b3] = nodesAt(p, "beat") as [StoryNode, StoryNode, StoryNode];
    const [s1, s2, s3] = b2.childIds.map((id) => p.nodes[id]!) as [StoryNode, StoryNode, StoryNode];
    const r = assembleAltPrompt(p, s2.id, { angle: "darker" });
    expect(r.user).toContain(p.bible.characters);
    expect(r.user).toContain(`PREMISE\n${p.nodes[p.rootId]!.text}`);
    expect(r.user).toContain(`BEAT 2 OF 3\n${b2.title}. ${b2.text}`);
    expect(r.user).toContain(`(The scene before: ${s1.title}. ${s1.text})`);
    expect(r.user).toContain(`(The scene after: ${s3.title}. ${s3.text})`);
    expect(r.user).toContain(`SCENE 2 OF 3, AS IT STANDS (write a different take than this)\n${s2.title}. ${s2.text}`);
    expect(r.user).toContain("ANGLE: darker");
    expect(r.user).not.toContain("UNUSUAL ELEMENT");
    for (const other of [b1, b3]) expect(r.user).not.toContain(other.text);
    // Its own children are not context.
    expect(r.user).not.toContain(p.nodes[s2.childIds[0]!]!.text);
    expect(r.user).toMatch(/Write ONE alternative version of this scene.*Answer as JSON: \{"title":"\.\.\.","text":"\.\.\."\}$/s);
    expect(r.system).toContain("card");
    expect(r.estimatedTokens).toBe(estimateTokens(r.system) + estimateTokens(r.user));
  });

  it("builds around the unusual element when given one", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 1, linesPerScene: 2, form: "screenplay" });
    const line = nodesAt(project, "line")[1]!;
    const r = assembleAltPrompt(project, line.id, { unusualElement: "a trombone full of sand" });
    expect(r.user).toContain("build it around this one surprising element: a trombone full of sand");
    expect(r.user).toContain("write it straight");
    expect(r.user).toMatch(/\{"speaker":"\.\.\.","text":"\.\.\."\}$/);
  });

  it("for the premise: the bible and the premise as a braindump, no ancestors", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 0, linesPerScene: 0 });
    const r = assembleAltPrompt(project, project.rootId);
    expect(r.user).toContain(`BRAINDUMP (the premise as it stands; write a different take on it)\n${project.nodes[project.rootId]!.text}`);
    expect(r.user).toContain(project.bible.setting);
    expect(r.user).not.toContain("BEAT 1");
    expect(r.user).toMatch(/this premise: .*\{"text":"\.\.\."\}$/s);
    expect(r.system).toContain("A premise says");
  });

  it("stays under the ceiling however big the story is, and does not grow with it", () => {
    const big = huge(50_000);
    const shape = { scenesPerBeat: 1, linesPerScene: 0, textLength: 5000, premise: huge(20_000), bible: { characters: big, setting: big, tone: big } };
    const small = buildStory({ ...shape, beats: 3 }).project;
    const large = buildStory({ ...shape, beats: 300 }).project;
    const angle = huge(5_000);
    const element = huge(5_000);
    const sizeOf = (p: typeof small) => {
      const beat = nodesAt(p, "beat")[1]!;
      const scene = p.nodes[beat.childIds[0]!]!;
      return [
        assembleAltPrompt(p, beat.id, { angle, unusualElement: element }).estimatedTokens,
        assembleAltPrompt(p, scene.id, { angle, unusualElement: element }).estimatedTokens,
        assembleAltPrompt(p, p.rootId, { angle }).estimatedTokens,
        unusualElementPrompt(p, scene.id, { angle }).estimatedTokens,
      ];
    };
    const a = sizeOf(small);
    const b = sizeOf(large);
    for (const n of [...a, ...b]) expect(n).toBeLessThanOrEqual(ALT_PROMPT_TOKEN_CEILING);
    // Only the "N OF M" headings may differ with the story's size.
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(2);
  });
});

describe("unusualElementPrompt", () => {
  it("asks for one element with the same context, and its output parses", () => {
    const { project } = buildStory({ beats: 2, scenesPerBeat: 0, linesPerScene: 0 });
    const beat = nodesAt(project, "beat")[0]!;
    const r = unusualElementPrompt(project, beat.id, { angle: "funnier" });
    expect(r.user).toContain(beat.text);
    expect(r.user).toContain("ANGLE: funnier");
    expect(r.user).toMatch(/Name ONE surprising, specific element.*\{"element":"\.\.\."\}$/s);
    expect(UNUSUAL_ELEMENT_SCHEMA.properties.element.maxLength).toBe(80);
    expect(parseUnusualElement('{"element":"  a goat "}')).toBe("a goat");
    expect(parseUnusualElement('{"element":""}')).toBeNull();
    expect(parseUnusualElement('{"element":"a go')).toBeNull();
  });
});

describe("altOutputSchema", () => {
  it("is one item in the level's shape", () => {
    const props = (level: Parameters<typeof altOutputSchema>[0], form: "prose" | "screenplay") =>
      Object.keys((altOutputSchema(level, form) as { properties: object }).properties).sort();
    expect(props("premise", "prose")).toEqual(["text"]);
    expect(props("beat", "prose")).toEqual(["text", "title"]);
    expect(props("scene", "screenplay")).toEqual(["text", "title"]);
    expect(props("line", "prose")).toEqual(["text"]);
    expect(props("line", "screenplay")).toEqual(["speaker", "text"]);
  });

  it("parses a finished item and a streaming one", () => {
    expect(parseItem('{"title":" T ","text":"Body."}')).toEqual({ title: "T", text: "Body." });
    expect(parseItem('{"speaker":"ANA","text":"Hi"}')).toEqual({ title: "", text: "Hi", speaker: "ANA" });
    expect(parseItem('{"text":"cut')).toBeNull();
    expect(partialItem('{"title":"T","text":"Bo')).toEqual({ title: "T", text: "Bo" });
    expect(partialItem("")).toBeNull();
  });
});
