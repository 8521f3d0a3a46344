/**
 * Projects and temp folders for the storage tests. Not used by the app.
 */
import * as fsp from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProject } from "../../shared/story/create";
import { DEFAULT_SAMPLING } from "../../shared/story/sampling";
import type { Level, Project, StoryNode } from "../../shared/story/model";

/** A fresh temp folder; remove it with `fsp.rm(dir, { recursive: true, force: true })`. */
export function makeTempDir(prefix = "cascade-storage-"): Promise<string> {
  return fsp.mkdtemp(join(tmpdir(), prefix));
}

/**
 * A project with `beats` beats, each with `scenes` scenes, each with `lines` lines, some
 * provenance, alts and a history entry: exercises every optional field of the schema.
 */
export function sampleProject(shape: { beats?: number; scenes?: number; lines?: number } = {}): Project {
  const { beats = 2, scenes = 2, lines = 3 } = shape;
  const now = "2025-03-01T10:00:00.000Z";
  const project = createProject({ title: "The Landlord", form: "screenplay", premise: "A tenant discovers the landlord is her father.", bible: { tone: "wry" } }, now);
  const root = project.nodes[project.rootId]!;
  let counter = 0;
  const provenance = { modelId: "qwen-0.5b", seed: 42, sampling: { ...DEFAULT_SAMPLING.beat }, templateVersion: "t1", at: now };

  const add = (parent: StoryNode, level: Level): StoryNode => {
    const id = `${level}_${++counter}`;
    const node: StoryNode = {
      id,
      level,
      parentId: parent.id,
      childIds: [],
      title: level === "line" ? "" : `${level} ${counter}`,
      text: `Text of ${level} ${counter} — with “quotes”, emoji 🎬 and\nnewlines.`,
      origin: counter % 3 === 0 ? "written" : "generated",
      locked: counter % 5 === 0,
      basis: `fp_${counter}`,
      alts: [],
    };
    if (node.origin === "generated") node.provenance = provenance;
    if (level === "line" && counter % 2 === 0) node.speaker = "MARA";
    if (level === "beat") node.angle = "darker";
    if (counter % 4 === 0) {
      node.alts.push({ id: `alt_${counter}`, title: "", text: "an older take", origin: "generated", reason: "replaced-by-regeneration", createdAt: now, provenance });
    }
    project.nodes[id] = node;
    parent.childIds.push(id);
    return node;
  };

  for (let b = 0; b < beats; b++) {
    const beat = add(root, "beat");
    for (let s = 0; s < scenes; s++) {
      const scene = add(beat, "scene");
      for (let l = 0; l < lines; l++) add(scene, "line");
    }
  }

  const firstBeatId = root.childIds[0];
  if (firstBeatId) {
    const after = project.nodes[firstBeatId]!;
    project.history.undo.push({
      id: "h_1",
      label: "Edit beat",
      source: "user",
      at: now,
      patch: { before: { [firstBeatId]: { ...after, text: "before" } }, after: { [firstBeatId]: after, ghost: null }, titleBefore: "Old", titleAfter: project.title },
    });
  }
  return project;
}
