import { DEFAULT_SAMPLING } from "./sampling";
import { DEFAULT_CHILD_COUNT, SCHEMA_VERSION, type Bible, type Form, type Project } from "./model";
import { newId } from "./ids";

export interface NewProjectInput {
  title: string;
  form: Form;
  premise: string;
  bible?: Partial<Bible>;
}

/** A fresh project: the premise the writer typed (origin "written") and an empty outline. */
export function createProject(input: NewProjectInput, now = new Date().toISOString()): Project {
  const rootId = newId("premise");
  return {
    schemaVersion: SCHEMA_VERSION,
    id: newId("p"),
    title: input.title.trim() || "Untitled",
    createdAt: now,
    updatedAt: now,
    settings: {
      form: input.form,
      childCount: { ...DEFAULT_CHILD_COUNT },
      sampling: structuredClone(DEFAULT_SAMPLING),
    },
    bible: { characters: "", setting: "", tone: "", ...input.bible },
    rootId,
    nodes: {
      [rootId]: {
        id: rootId,
        level: "premise",
        parentId: null,
        childIds: [],
        title: "",
        text: input.premise,
        origin: "written",
        locked: false,
        alts: [],
      },
    },
    history: { undo: [], redo: [] },
  };
}
