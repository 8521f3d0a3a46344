/**
 * Small hand-made projects for the renderer's unit tests. Builds through the real operations, so
 * fixtures always satisfy the model's invariants (one root, parents list children once).
 */
import { createProject } from "../../shared/story/create";
import type { Form, Project } from "../../shared/story/model";
import { applyOperation } from "../../shared/story/operations";

/**
 * A project whose premise has `shape.length` beats; beat i has `shape[i]` scenes. Node ids are
 * readable: "b1", "b1s2", and the premise is "premise".
 */
export function storyFixture(shape: number[], form: Form = "prose"): Project {
  let p = createProject({ title: "Fixture", form, premise: "A lighthouse keeper finds a door in the sea." });
  // Rename the root to a readable id so tests can refer to it.
  p = { ...p, rootId: "premise", nodes: { premise: { ...p.nodes[p.rootId]!, id: "premise" } } };
  shape.forEach((scenes, bi) => {
    const beatId = `b${bi + 1}`;
    p = applyOperation(p, { type: "insertNode", parentId: "premise", index: bi, id: beatId, title: `Beat ${bi + 1}`, text: `Beat text ${bi + 1}` }).project;
    for (let si = 0; si < scenes; si++) {
      p = applyOperation(p, { type: "insertNode", parentId: beatId, index: si, id: `${beatId}s${si + 1}`, title: "", text: `Scene ${si + 1} of beat ${bi + 1}` }).project;
    }
  });
  return p;
}
