/**
 * The job runner's rules for landing a generation while the writer keeps working. A fake engine that
 * answers when the test says so makes the interleavings exact; the real engine is tested in
 * main/engine and end to end through the services and the CLI.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createProject } from "../../shared/story/create";
import type { Project } from "../../shared/story/model";
import type { Engine } from "../engine/engine";
import type { GenerationRequest, GenerationResult } from "../engine/engineTypes";
import { runChildrenJob, type JobOutcome } from "./jobRunner";
import { ProjectSession } from "./projectSession";

/** An engine whose next generation returns `count` items once `release()` is called. */
function fakeEngine() {
  let release: () => void = () => undefined;
  const engine = {
    info: () => ({ modelId: "fake.gguf", contextSize: 4096 }),
    generate: (req: GenerationRequest): Promise<GenerationResult> => {
      const schema = req.jsonSchema as { properties: { items: { minItems: number } } };
      const n = schema.properties.items.minItems;
      const text = JSON.stringify({ items: Array.from({ length: n }, (_, i) => ({ title: `T${i}`, text: `model text ${i}` })) });
      return new Promise((resolve) => {
        release = () => resolve({ text, aborted: false, complete: true, stats: { promptTokens: 1, evaluatedTokens: 1, reusedTokens: 0, generatedTokens: 9, ms: 1, sequenceIndex: 0 } });
      });
    },
  };
  return { engine: engine as unknown as Engine, release: () => release() };
}

let session: ProjectSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

async function open(project: Project) {
  const dir = mkdtempSync(join(tmpdir(), "cascade-jobrunner-"));
  session = await ProjectSession.create(join(dir, "t.cascade"), project, () => undefined);
  return session;
}

function run(s: ProjectSession, engine: Engine, parentId: string, ifInputsChanged: "apply" | "discard", only?: "stale"): Promise<JobOutcome> {
  return runChildrenJob({
    session: s,
    engine,
    parentId,
    ...(only ? { only } : {}),
    priority: 0,
    signal: new AbortController().signal,
    history: { label: "Generate", source: "generation" },
    ifInputsChanged,
    onPlanned: () => undefined,
    onStream: () => undefined,
  });
}

async function storyWithBeats(): Promise<{ s: ProjectSession; root: string; beats: string[] }> {
  const p = createProject({ title: "T", form: "prose", premise: "A premise." });
  p.settings.childCount = { beat: 3, scene: 2, line: 2 };
  const s = await open(p);
  const { engine, release } = fakeEngine();
  const pending = run(s, engine, p.rootId, "apply");
  release();
  expect((await pending).kind).toBe("done");
  return { s, root: p.rootId, beats: s.current.nodes[p.rootId]!.childIds };
}

describe("landing a generation while the writer works", () => {
  it("keeps the redo stack, and the writer's undone text, when the job lands elsewhere", async () => {
    const { s, beats } = await storyWithBeats();
    s.apply({ type: "editNode", nodeId: beats[0]!, text: "The writer's own paragraph." });
    s.undo();
    expect(s.current.history.redo).toHaveLength(1);

    const { engine, release } = fakeEngine();
    const pending = run(s, engine, beats[1]!, "apply");
    release();
    expect((await pending).kind).toBe("done");
    expect(s.current.nodes[beats[1]!]!.childIds).toHaveLength(2);
    expect(s.current.history.redo).toHaveLength(1);
    expect(s.redo().project.nodes[beats[0]!]!.text).toBe("The writer's own paragraph.");
  });

  it("leaves alone a node the writer's redo would change back, and regenerates the rest", async () => {
    const { s, root, beats } = await storyWithBeats();
    s.apply({ type: "editNode", nodeId: beats[0]!, text: "Typed, then undone." });
    s.undo();
    const untouched = s.current.nodes[beats[0]!]!;

    const { engine, release } = fakeEngine();
    const pending = run(s, engine, root, "apply");
    release();
    expect((await pending).kind).toBe("done");
    expect(s.current.nodes[beats[0]!]).toBe(untouched);
    expect(s.current.nodes[beats[1]!]!.alts).toHaveLength(1);
    expect(s.redo().project.nodes[beats[0]!]!.text).toBe("Typed, then undone.");
  });

  it("a cascade step whose parent changed mid-generation changes nothing and says why", async () => {
    const { s, beats } = await storyWithBeats();
    const { engine: e1, release: r1 } = fakeEngine();
    const first = run(s, e1, beats[0]!, "apply");
    r1();
    await first;
    s.apply({ type: "editNode", nodeId: beats[0]!, text: "The beat, rewritten." });
    const before = s.current;

    const { engine, release } = fakeEngine();
    const pending = run(s, engine, beats[0]!, "discard", "stale");
    s.apply({ type: "editNode", nodeId: beats[0]!, text: "Rewritten again while its scenes were being written." });
    const during = s.current;
    release();
    const outcome = await pending;
    expect(outcome.kind).toBe("failed");
    if (outcome.kind === "failed") expect(outcome.message).toMatch(/changed while/);
    expect(s.current).toBe(during);
    expect(before.nodes[beats[0]!]!.childIds).toEqual(s.current.nodes[beats[0]!]!.childIds);
  });

  it("a job the writer asked for directly still lands when the parent changed (and shows as stale)", async () => {
    const { s, beats } = await storyWithBeats();
    const { engine, release } = fakeEngine();
    const pending = run(s, engine, beats[2]!, "apply");
    s.apply({ type: "editNode", nodeId: beats[2]!, text: "Changed while writing." });
    release();
    expect((await pending).kind).toBe("done");
    expect(s.current.nodes[beats[2]!]!.childIds).toHaveLength(2);
  });
});
