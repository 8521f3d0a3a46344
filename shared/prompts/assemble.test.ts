import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inputFingerprintForChildOf } from "../story/fingerprint";
import { applyGeneration, type ChildrenJob } from "../story/generation";
import { placementForChildOf } from "../story/placement";
import type { Project, StoryNode } from "../story/model";
import { applyOperation } from "../story/operations";
import { FakeGenerator, buildStory, generateChildren, nodesAt } from "../story/testStory";
import { PROMPT_BUDGET, PROMPT_TOKEN_CEILING, assembleChildrenPrompt, clip, estimateTokens } from "./assemble";

const huge = (n: number, word = "word ") => word.repeat(Math.ceil(n / word.length)).slice(0, n);

/** Appends `count` generated children to `parentId` (beyond the 64 a real job asks for). */
function appendChildren(project: Project, parentId: string, count: number, gen: FakeGenerator): Project {
  const parent = project.nodes[parentId]!;
  const level = parent.level === "premise" ? "beat" : parent.level === "beat" ? "scene" : "line";
  const job: ChildrenJob = { parentId, level, slots: [], createCount: count, kept: [], count, basis: inputFingerprintForChildOf(project, parentId), placement: placementForChildOf(project, parentId) };
  return applyGeneration(project, job, gen.items(project, job), gen.provenance(job)).project;
}

/** Normalises the "N OF M" headings, the only place the story's size may show. */
const sizeless = (s: string) => s.replace(/ OF \d+/g, " OF M");

describe("clip", () => {
  it("returns short text trimmed and whole", () => {
    expect(clip("  hello there  ", 10)).toBe("hello there");
    expect(clip("", 10)).toBe("");
    expect(clip("x".repeat(40), 10)).toBe("x".repeat(40));
  });

  it("cuts long text to the budget at a word boundary, marking the cut", () => {
    const text = huge(1000, "alpha beta ");
    const out = clip(text, 10);
    expect(out.length).toBeLessThanOrEqual(40);
    expect(out.endsWith("…")).toBe(true);
    const body = out.slice(0, -1);
    expect(text.startsWith(body)).toBe(true);
    expect(text[body.length]).toBe(" "); // cut just before a space: no half words
    expect(body.length).toBeGreaterThan(40 * 0.6);
  });

  it("cuts text without spaces hard", () => {
    const out = clip("y".repeat(1000), 10);
    expect(out).toBe("y".repeat(39) + "…");
  });

  it("property: never longer than the budget, always a prefix of the trimmed text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.integer({ min: 1, max: 100 }), (text, tokens) => {
        const out = clip(text, tokens);
        expect(out.length).toBeLessThanOrEqual(tokens * 4);
        const t = text.trim();
        if (t.length <= tokens * 4) expect(out).toBe(t);
        else expect(t.startsWith(out.slice(0, -1)) && out.endsWith("…")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("assembleChildrenPrompt", () => {
  it("contains the bible, the premise, the parent and its neighbours, the angle and the task", () => {
    const built = buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 1 });
    const p = applyOperation(built.project, { type: "setAngle", nodeId: nodesAt(built.project, "scene")[2]!.id, angle: "slower, colder" }).project;
    const [b1, b2, b3] = nodesAt(p, "beat") as [StoryNode, StoryNode, StoryNode];
    const scene = p.nodes[b2.childIds[0]!]!;
    const r = assembleChildrenPrompt(p, scene.id, 4, []);
    expect(r.user).toContain(p.nodes[p.rootId]!.text);
    expect(r.user).toContain("PREMISE");
    expect(r.user).toContain(p.bible.characters);
    expect(r.user).toContain(p.bible.setting);
    expect(r.user).toContain(p.bible.tone);
    expect(r.user).toContain(`BEAT 2 OF 3\n${b2.title}. ${b2.text}`);
    expect(r.user).toContain(`SCENE 1 OF 2\n${scene.title}. ${scene.text}`);
    // The parent's neighbour scene is shown; other beats are not (they are the beat's neighbours, not the scene's).
    expect(r.user).toContain(`(The scene after: ${p.nodes[b2.childIds[1]!]!.title}. `);
    expect(r.user).not.toContain("(The scene before:");
    expect(r.user).not.toContain(b1.text);
    expect(r.user).not.toContain(b3.text);
    expect(r.user).toContain("ANGLE: slower, colder");
    expect(r.user).toMatch(/Write 4 lines\. Answer as JSON: \{"items":\[\{"text":"\.\.\."\}\]\}$/);
    expect(r.system).toContain("paragraph of finished prose");
    expect(r.estimatedTokens).toBe(estimateTokens(r.system) + estimateTokens(r.user));

    const forBeat = assembleChildrenPrompt(p, b2.id, 1, []);
    expect(forBeat.user).toContain(`(The beat before: ${b1.title}. ${b1.text})`);
    expect(forBeat.user).toContain(`(The beat after: ${b3.title}. ${b3.text})`);
    expect(forBeat.user).toMatch(/Write 1 scene\./);
  });

  it("does not show neighbours beyond the adjacent ones, or the parent's other children", () => {
    const { project } = buildStory({ beats: 5, scenesPerBeat: 2, linesPerScene: 0 });
    const beats = nodesAt(project, "beat");
    const r = assembleChildrenPrompt(project, beats[2]!.id, 2, []);
    for (const i of [0, 4]) expect(r.user).not.toContain(beats[i]!.text);
    for (const i of [1, 3]) expect(r.user).toContain(beats[i]!.text);
    for (const s of beats[2]!.childIds) expect(r.user).not.toContain(project.nodes[s]!.text);
  });

  it("lists kept children, at most eight, and says how many", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 10, linesPerScene: 0, form: "screenplay" });
    const beat = nodesAt(project, "beat")[0]!;
    const kids = beat.childIds.map((id) => project.nodes[id]!);
    const two = assembleChildrenPrompt(project, beat.id, 3, kids.slice(0, 2));
    expect(two.user).toContain(`KEPT AS WRITTEN\n- ${kids[0]!.title}. ${kids[0]!.text}\n- ${kids[1]!.title}. ${kids[1]!.text}`);
    expect(two.user).toContain("2 scenes are kept as the writer wrote them");
    const one = assembleChildrenPrompt(project, beat.id, 1, kids.slice(0, 1));
    expect(one.user).toContain("1 scene is kept");
    const all = assembleChildrenPrompt(project, beat.id, 3, kids);
    for (const k of kids.slice(0, PROMPT_BUDGET.maxKept)) expect(all.user).toContain(k.text);
    for (const k of kids.slice(PROMPT_BUDGET.maxKept)) expect(all.user).not.toContain(k.text);
    expect(all.user).toContain(`${PROMPT_BUDGET.maxKept} scenes are kept`);
    expect(assembleChildrenPrompt(project, beat.id, 3, []).user).not.toContain("KEPT AS WRITTEN");
    // Screenplay: the scene guide asks for scene headings.
    expect(all.system).toContain("INT./EXT.");
  });

  it("shows a screenplay line's speaker", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 2, form: "screenplay" });
    const scene = nodesAt(project, "scene")[0]!;
    const kept = scene.childIds.map((id) => project.nodes[id]!).filter((n) => n.speaker);
    expect(kept.length).toBeGreaterThan(0);
    const r = assembleChildrenPrompt(project, scene.id, 1, kept);
    expect(r.user).toContain(`- ${kept[0]!.speaker}: ${kept[0]!.text}`);
    expect(r.user).toContain('{"speaker":"...","text":"..."}');
  });

  it("refuses to assemble children of a line", () => {
    const { project } = buildStory({ beats: 1, scenesPerBeat: 1, linesPerScene: 1 });
    expect(() => assembleChildrenPrompt(project, nodesAt(project, "line")[0]!.id, 1, [])).toThrow();
  });

  it("stays under the ceiling for a huge story (500 beats of 5,000 characters, a 50,000-character bible)", () => {
    const gen = new FakeGenerator({ textLength: 5000 });
    const big = huge(50_000);
    let { project } = buildStory(
      { beats: 500, scenesPerBeat: 0, linesPerScene: 0, textLength: 5000, premise: huge(20_000), bible: { characters: big, setting: big, tone: big } },
      gen,
    );
    const beats = nodesAt(project, "beat");
    expect(beats).toHaveLength(500);
    const b = beats[250]!;
    project = generateChildren(project, b.id, gen, { count: 12 })!.project;
    const scene = project.nodes[b.id]!.childIds[5]!;
    project = generateChildren(project, scene, gen, { count: 12 })!.project;
    project = applyOperation(project, { type: "setAngle", nodeId: project.rootId, angle: huge(5000) }).project;
    project = applyOperation(project, { type: "setAngle", nodeId: b.id, angle: huge(5000) }).project;
    project = applyOperation(project, { type: "setAngle", nodeId: scene, angle: huge(5000) }).project;
    project = applyOperation(project, { type: "editNode", nodeId: scene, title: huge(2000), speaker: huge(200) }).project;
    const keptScenes = project.nodes[b.id]!.childIds.map((id) => project.nodes[id]!);
    const keptLines = project.nodes[scene]!.childIds.map((id) => ({ ...project.nodes[id]!, title: huge(2000), speaker: huge(200) }));
    for (const [parentId, kept] of [
      [project.rootId, beats.slice(0, 40)],
      [b.id, keptScenes],
      [scene, keptLines],
    ] as const) {
      const r = assembleChildrenPrompt(project, parentId, 64, [...kept]);
      expect(r.estimatedTokens).toBeLessThanOrEqual(PROMPT_TOKEN_CEILING);
      // Still carries the premise and the parent, clipped.
      expect(r.user).toContain(project.nodes[project.rootId]!.text.slice(0, 200));
      const parent = project.nodes[parentId]!;
      expect(r.user).toContain((parent.title ? `${parent.title}. ` : "").concat(parent.text).slice(0, 100));
    }
  });

  it("does not grow as the story grows: the same node's prompt in a small and a huge story", () => {
    const gen = new FakeGenerator({ textLength: 5000 });
    const small = buildStory({ beats: 3, scenesPerBeat: 2, linesPerScene: 2, textLength: 600 }, gen).project;
    const beat2 = nodesAt(small, "beat")[1]!;
    const scene = beat2.childIds[0]!;
    // Grow everything around the scene: 497 more beats, more scenes under its beat, scenes and lines elsewhere.
    let grown = appendChildren(small, small.rootId, 497, gen);
    grown = appendChildren(grown, beat2.id, 60, gen);
    grown = appendChildren(grown, nodesAt(grown, "beat")[0]!.id, 60, gen);
    grown = appendChildren(grown, nodesAt(grown, "scene").at(-1)!.id, 60, gen);
    expect(Object.keys(grown.nodes).length).toBeGreaterThan(Object.keys(small.nodes).length + 600);

    for (const id of [small.rootId, beat2.id, scene]) {
      const a = assembleChildrenPrompt(small, id, 3, []);
      const z = assembleChildrenPrompt(grown, id, 3, []);
      expect(sizeless(z.user)).toBe(sizeless(a.user));
      expect(z.system).toBe(a.system);
      // Only the "N OF M" headings may differ, by a digit or two.
      expect(z.estimatedTokens - a.estimatedTokens).toBeLessThanOrEqual(2);
    }
  });

  it("property: any sizes of bible, texts, angle and kept children stay under the ceiling", () => {
    const len = fc.integer({ min: 0, max: 30_000 });
    fc.assert(
      fc.property(
        fc.record({ bible: len, premise: len, beat: len, scene: len, title: len, speaker: fc.integer({ min: 0, max: 300 }), angle: len, kept: fc.integer({ min: 0, max: 30 }), count: fc.integer({ min: 1, max: 64 }) }),
        fc.constantFrom("prose" as const, "screenplay" as const),
        fc.constantFrom("word ", "x", "ééé ", "🙂"),
        fc.constantFrom(0, 1, 2),
        (sizes, form, unit, depth) => {
          const built = buildStory({ beats: 3, scenesPerBeat: 3, linesPerScene: 1, form, premise: huge(sizes.premise, unit), bible: { characters: huge(sizes.bible, unit), setting: huge(sizes.bible, unit), tone: huge(sizes.bible, unit) } });
          let p = built.project;
          const beat = nodesAt(p, "beat")[1]!;
          const scene = beat.childIds[1]!;
          for (const id of [beat.id, ...nodesAt(p, "beat").map((n) => n.id)]) p = applyOperation(p, { type: "editNode", nodeId: id, text: huge(sizes.beat, unit), title: huge(sizes.title, unit) }).project;
          for (const id of beat.childIds) p = applyOperation(p, { type: "editNode", nodeId: id, text: huge(sizes.scene, unit), title: huge(sizes.title, unit), speaker: huge(sizes.speaker, unit) }).project;
          const parentId = [p.rootId, beat.id, scene][depth]!;
          p = applyOperation(p, { type: "setAngle", nodeId: parentId, angle: huge(sizes.angle, unit) }).project;
          const template = p.nodes[scene]!;
          const kept = Array.from({ length: sizes.kept }, (_, i) => ({ ...template, id: `k${i}` }));
          const r = assembleChildrenPrompt(p, parentId, sizes.count, kept);
          expect(r.estimatedTokens).toBeLessThanOrEqual(PROMPT_TOKEN_CEILING);
        },
      ),
      { numRuns: 200 },
    );
  });
});
