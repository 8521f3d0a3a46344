/**
 * The shape of a project file on disk, checked field by field (zod) and then as a tree
 * (`validateProjectShape`). Storage validates on load and before every save: a document that
 * fails here is one the app could not safely open again, so it must never be written.
 *
 * Only the current schema version is described here; older files go through migrations.ts first.
 */
import { z } from "zod";
import { ALT_LIMITS, ALT_REASONS, LEVELS, SCHEMA_VERSION, type Project } from "../../shared/story/model";
import { filterSettingsSchema } from "../../shared/filter/filterSettingsSchema";
import { describeReadFailure, ProjectFileError } from "./projectFileError";

/**
 * Timestamps are kept as ISO strings by the model. We only require that they parse as dates:
 * being pickier than the code that writes them would lock writers out of their own files.
 */
const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: "not a valid date/time" });

const samplingSchema = z.object({
  temperature: z.number().finite().min(0),
  topP: z.number().min(0).max(1),
  minP: z.number().min(0).max(1),
  maxTokens: z.number().int().positive(),
});

const provenanceSchema = z.object({
  modelId: z.string(),
  seed: z.number().finite(),
  sampling: samplingSchema,
  templateVersion: z.string(),
  at: timestamp,
});

const originSchema = z.enum(["generated", "edited", "written"]);

/** An alt without an outline: what a beat's own alts are (beats never hold outline alts). */
const plainAltSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  text: z.string(),
  speaker: z.string().optional(),
  origin: originSchema,
  reason: z.enum(ALT_REASONS),
  createdAt: timestamp,
  provenance: provenanceSchema.optional(),
  starred: z.boolean().optional(),
  rejected: z.boolean().optional(),
  tags: z.array(z.string().max(ALT_LIMITS.tagLength)).max(ALT_LIMITS.tags).optional(),
  note: z.string().max(ALT_LIMITS.noteLength).optional(),
  score: z.number().finite().optional(),
});

const altSchema = plainAltSchema.extend({
  outline: z
    .array(
      z.object({
        title: z.string().max(300),
        text: z.string().max(20_000),
        origin: originSchema,
        // The beat's own alts travel with it while its outline is swapped out, so none are lost.
        alts: z.array(plainAltSchema).optional(),
      }),
    )
    .max(64)
    .optional(),
});

export const nodeSchema = z.object({
  id: z.string().min(1),
  level: z.enum(LEVELS),
  parentId: z.string().min(1).nullable(),
  childIds: z.array(z.string().min(1)),
  title: z.string(),
  text: z.string(),
  speaker: z.string().optional(),
  origin: originSchema,
  locked: z.boolean(),
  basis: z.string().optional(),
  placement: z
    .object({
      parentId: z.string().min(1),
      grandparentId: z.string().min(1).nullable(),
      beforeId: z.string().min(1).optional(),
      afterId: z.string().min(1).optional(),
    })
    .optional(),
  provenance: provenanceSchema.optional(),
  angle: z.string().optional(),
  alts: z.array(altSchema),
});

export const bibleSchema = z.object({ characters: z.string(), setting: z.string(), tone: z.string() });

const settingsSchema = z.object({
  form: z.enum(["prose", "screenplay"]),
  childCount: z.object({
    beat: z.number().int().min(1),
    scene: z.number().int().min(1),
    line: z.number().int().min(1),
  }),
  sampling: z.object({
    premise: samplingSchema,
    beat: samplingSchema,
    scene: samplingSchema,
    line: samplingSchema,
  }),
  filter: filterSettingsSchema.optional(),
});

/** History patches hold whole node records; they are checked for shape, not for tree consistency (they are snapshots of other moments). */
const patchSchema = z.object({
  before: z.record(z.string(), nodeSchema.nullable()),
  after: z.record(z.string(), nodeSchema.nullable()),
  bibleBefore: bibleSchema.optional(),
  bibleAfter: bibleSchema.optional(),
  titleBefore: z.string().optional(),
  titleAfter: z.string().optional(),
  settingsBefore: settingsSchema.optional(),
  settingsAfter: settingsSchema.optional(),
});

const historyEntrySchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  source: z.enum(["user", "generation", "cascade"]),
  at: timestamp,
  patch: patchSchema,
});

/** Field-level schema of the current Project document, without the tree checks. */
const projectFieldsSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().min(1),
  title: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  settings: settingsSchema,
  bible: bibleSchema,
  rootId: z.string().min(1),
  nodes: z.record(z.string(), nodeSchema),
  history: z.object({ undo: z.array(historyEntrySchema), redo: z.array(historyEntrySchema) }),
});

/** The whole Project document: every field, plus the tree rules from model.ts. */
export const projectSchema: z.ZodType<Project> = projectFieldsSchema.superRefine((project, ctx) => {
  for (const p of validateProjectShape(project)) ctx.addIssue({ code: "custom", message: p.message, path: p.path });
});

export interface ShapeProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The tree rules a well-formed project obeys (see model.ts): one premise root with parentId null;
 * every other node's parent exists, is exactly one level up and lists it exactly once; every
 * listed child exists and points back. Returns all problems found (empty = consistent).
 * Because levels strictly increase downwards, these rules also rule out cycles and orphans.
 */
export function validateProjectShape(project: Pick<Project, "rootId" | "nodes">): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const { nodes, rootId } = project;
  const depth = (level: string) => (LEVELS as readonly string[]).indexOf(level);

  const root = Object.hasOwn(nodes, rootId) ? nodes[rootId] : undefined;
  if (!root) {
    problems.push({ path: ["rootId"], message: `the root node ${rootId} does not exist` });
  } else {
    if (root.level !== "premise") problems.push({ path: ["nodes", rootId, "level"], message: `the root node ${rootId} is a ${root.level}, not a premise` });
    if (root.parentId !== null) problems.push({ path: ["nodes", rootId, "parentId"], message: `the root node ${rootId} has a parent (${root.parentId})` });
  }

  for (const [key, node] of Object.entries(nodes)) {
    if (node.id !== key) problems.push({ path: ["nodes", key, "id"], message: `node stored under ${key} says its id is ${node.id}` });

    if (key !== rootId) {
      if (node.parentId === null) {
        problems.push({ path: ["nodes", key, "parentId"], message: `node ${key} has no parent but is not the root` });
      } else {
        const parent = Object.hasOwn(nodes, node.parentId) ? nodes[node.parentId] : undefined;
        if (!parent) {
          problems.push({ path: ["nodes", key, "parentId"], message: `node ${key} names parent ${node.parentId}, which does not exist` });
        } else {
          if (depth(parent.level) + 1 !== depth(node.level)) {
            problems.push({ path: ["nodes", key, "level"], message: `node ${key} is a ${node.level} under a ${parent.level}` });
          }
          const listed = parent.childIds.filter((c) => c === key).length;
          if (listed !== 1) {
            problems.push({
              path: ["nodes", node.parentId, "childIds"],
              message: listed === 0 ? `node ${node.parentId} does not list its child ${key}` : `node ${node.parentId} lists child ${key} ${listed} times`,
            });
          }
        }
      }
    }

    node.childIds.forEach((childId, i) => {
      const child = Object.hasOwn(nodes, childId) ? nodes[childId] : undefined;
      if (!child) {
        problems.push({ path: ["nodes", key, "childIds", i], message: `node ${key} lists child ${childId}, which does not exist` });
      } else if (child.parentId !== key) {
        problems.push({ path: ["nodes", key, "childIds", i], message: `node ${key} lists child ${childId}, whose parent is ${child.parentId ?? "null"}` });
      }
    });
  }
  return problems;
}

function formatPath(path: readonly PropertyKey[]): string {
  let s = "";
  for (const part of path) {
    if (typeof part === "number") s += `[${part}]`;
    else s += s ? `.${String(part)}` : String(part);
  }
  return s;
}

/** One line describing a zod failure: the first problem (with where it is) and how many more there are. */
export function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (!first) return "unknown problem";
  const where = formatPath(first.path);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  return `${where ? `${where}: ` : ""}${first.message}${more}`;
}

/**
 * Checks a parsed JSON value against the current Project schema and tree rules and returns it typed.
 * Expects an already-migrated document. Throws ProjectFileError: kind "newer-version" when the
 * document declares a schema newer than this app's, otherwise "invalid" with the first problem named.
 * `path` is only used to word the message.
 */
export function parseProject(json: unknown, path = ""): Project {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === "number" && version > SCHEMA_VERSION) {
    const reason = `This project was saved by a newer version of Cascade (schema ${version}); this version reads up to schema ${SCHEMA_VERSION}. It has not been changed.`;
    throw new ProjectFileError("newer-version", path, reason, { reason });
  }
  const result = projectSchema.safeParse(json);
  if (!result.success) {
    const reason = `the file is not a valid Cascade project (${summarizeIssues(result.error.issues)})`;
    throw new ProjectFileError("invalid", path, describeReadFailure(path, reason), { reason, cause: result.error });
  }
  return result.data;
}
