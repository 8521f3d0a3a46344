/**
 * Bringing project files written by older versions of Cascade up to the current schema.
 *
 * To add schema 2: bump SCHEMA_VERSION in shared/story/model.ts, update projectSchema.ts, and
 * append one step `{ from: 1, describe: "…", up: (doc) => … }` to MIGRATIONS. Steps work on plain
 * JSON (never on typed Projects: the Project type only describes the newest shape).
 */
import { SCHEMA_VERSION } from "../../shared/story/model";

/** A JSON object as found in a project file. */
export type JsonObject = Record<string, unknown>;

/** One step from schema `from` to `from + 1`. `up` may mutate and return its argument (it gets a private copy). */
export interface MigrationStep {
  from: number;
  /** What changed, for logs and for the test that lists the steps. */
  describe: string;
  up: (doc: JsonObject) => JsonObject;
}

/** The real steps, oldest first. Empty while the only schema is 1. */
export const MIGRATIONS: readonly MigrationStep[] = [];

/**
 * Why a document cannot be migrated. `kind` mirrors ProjectFileError's kinds so the store can pass it on:
 * "newer-version" when the file is from a newer Cascade, "invalid" when it has no usable schemaVersion
 * or is older than the oldest migration.
 */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
  constructor(
    readonly kind: "newer-version" | "invalid",
    message: string,
    readonly foundVersion: number | null,
  ) {
    super(message);
  }
}

/** The refusal sentence for a file from a newer Cascade; also reused by the store's message. */
export function newerVersionMessage(found: number, supported: number): string {
  return `This project was saved by a newer version of Cascade (schema ${found}); this version reads up to schema ${supported}. It has not been changed.`;
}

/**
 * Throws when the steps do not form one unbroken chain ending at `target`; that is a bug in this
 * file, caught by the tests rather than by a writer opening an old project.
 */
export function checkMigrationChain(steps: readonly MigrationStep[], target: number): void {
  steps.forEach((step, i) => {
    const prev = steps[i - 1];
    if (prev && step.from !== prev.from + 1) throw new Error(`Migration steps are not contiguous: ${prev.from}→${prev.from + 1} is followed by ${step.from}→${step.from + 1}`);
  });
  const last = steps[steps.length - 1];
  if (last && last.from + 1 !== target) throw new Error(`Migration steps end at schema ${last.from + 1}, but the current schema is ${target}`);
}

/**
 * Returns `doc` brought up to schema `target` (SCHEMA_VERSION by default) by applying every step
 * from the document's own version onward, in order. Never modifies `doc` itself, so a failed
 * migration cannot leave a half-converted object behind. Documents already at `target` are
 * returned as they are. Throws MigrationError for newer, unversioned or too-old documents.
 * The result is still unvalidated JSON: run it through parseProject.
 */
export function migrate(doc: unknown, steps: readonly MigrationStep[] = MIGRATIONS, target: number = SCHEMA_VERSION): unknown {
  checkMigrationChain(steps, target);
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new MigrationError("invalid", "the file does not contain a Cascade project (expected a JSON object)", null);
  }
  const version = (doc as JsonObject).schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new MigrationError("invalid", "the file does not say which Cascade schema it uses (no valid schemaVersion)", null);
  }
  if (version > target) throw new MigrationError("newer-version", newerVersionMessage(version, target), version);
  if (version === target) return doc;

  const oldest = steps[0]?.from ?? target;
  if (version < oldest) {
    throw new MigrationError("invalid", `the file uses schema ${version}, which is older than this version of Cascade can convert (from schema ${oldest})`, version);
  }

  let current: JsonObject = structuredClone(doc as JsonObject);
  for (const step of steps) {
    if (step.from < version) continue;
    current = step.up(current);
    // Set here, not in each step, so a step cannot forget it and loop the file through itself next time.
    current.schemaVersion = step.from + 1;
  }
  return current;
}
