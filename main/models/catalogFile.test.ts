/** The shipped catalog loads from the repository's resources/, and a broken one names its file. */
import * as fsp from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogPath, loadCatalog } from "./catalogFile";

describe("loadCatalog", () => {
  it("finds and parses resources/models/catalog.json", async () => {
    expect(catalogPath()).toBe(path.resolve(import.meta.dirname, "../../resources/models/catalog.json"));
    const models = await loadCatalog();
    expect(models.length).toBeGreaterThanOrEqual(6);
    expect(models.every((m) => m.fileName.endsWith(".gguf"))).toBe(true);
  });

  it("says which file is broken", async () => {
    const dir = await fsp.mkdtemp(path.join(tmpdir(), "cascade-catalog-"));
    try {
      const bad = path.join(dir, "catalog.json");
      await fsp.writeFile(bad, "{ not json");
      await expect(loadCatalog(bad)).rejects.toThrow(/could not be read/);
      await fsp.writeFile(bad, JSON.stringify({ version: 1, models: [{ id: "x" }] }));
      await expect(loadCatalog(bad)).rejects.toThrow(new RegExp(`entry 1 .*${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
});
