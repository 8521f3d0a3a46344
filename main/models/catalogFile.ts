/**
 * Reads the catalog of recommended models (resources/models/catalog.json). It ships with the app:
 * electron-builder's extraResources puts it in <resources>/models; in the repository it is under
 * resources/models. CASCADE_CATALOG points at another file (tests, a writer's own list).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseCatalog } from "../../shared/models/catalog";
import type { CatalogModel } from "../../shared/models/types";

const FILE = "catalog.json";

/** Where the catalog file is: the override, the packaged app's resources, or the repository's resources/. */
export function catalogPath(): string {
  const override = process.env.CASCADE_CATALOG;
  if (override) return resolve(override);
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    ...(packaged ? [join(packaged, "models", FILE)] : []),
    // main/models/ in the repository; dist/electron/ once bundled.
    resolve(import.meta.dirname, "..", "..", "resources", "models", FILE),
    resolve(import.meta.dirname, "..", "resources", "models", FILE),
  ];
  const found = candidates.find((f) => existsSync(f));
  if (!found) throw new Error(`The model catalog is missing (looked for ${candidates.join(", ")}).`);
  return found;
}

/** The catalog's models, validated (a bad entry names itself). */
export async function loadCatalog(path = catalogPath()): Promise<CatalogModel[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new Error(`The model catalog ${path} could not be read: ${(err as Error).message}`);
  }
  try {
    return parseCatalog(json);
  } catch (err) {
    throw new Error(`${(err as Error).message} (in ${path})`);
  }
}
