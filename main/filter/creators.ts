/**
 * Loads the curated creators list (resources/creators/*.json) and builds the style filter from it,
 * once per process. The list ships with the app (electron-builder's extraResources puts it beside the
 * app); CASCADE_CREATORS_DIR points elsewhere (tests, a writer's own list).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { creatorFileSchema, type CreatorRecord } from "../../shared/filter/creatorSchema";
import { createStyleFilter, type StyleFilter } from "../../shared/filter/styleFilter";

/** Where the list is: the override, the packaged app's resources, or the repository's resources/. */
export function creatorsDir(): string {
  const override = process.env.CASCADE_CREATORS_DIR;
  if (override) return resolve(override);
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    ...(packaged ? [join(packaged, "creators")] : []),
    // main/filter/ in the repository; dist/electron/ once bundled.
    resolve(import.meta.dirname, "..", "..", "resources", "creators"),
    resolve(import.meta.dirname, "..", "resources", "creators"),
  ];
  const found = candidates.find((d) => existsSync(d));
  if (!found) throw new Error(`The style filter's creators list is missing (looked in ${candidates.join(", ")}).`);
  return found;
}

/** Every creator of every file in the folder, checked against the schema (a bad file names itself). */
export function loadCreators(dir = creatorsDir()): CreatorRecord[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  if (files.length === 0) throw new Error(`No creators files (*.json) in ${dir}.`);
  return files.flatMap((f) => {
    const path = join(dir, f);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, "utf8"));
    } catch (err) {
      throw new Error(`The creators file ${path} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = creatorFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`The creators file ${path} does not fit the schema at ${issue.path.join(".")}: ${issue.message}`);
    }
    return parsed.data.creators;
  });
}

let shared: StyleFilter | null = null;

/** The process's style filter, built on first use. */
export function styleFilter(): StyleFilter {
  shared ??= createStyleFilter(loadCreators());
  return shared;
}
