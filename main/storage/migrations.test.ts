import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../shared/story/model";
import { checkMigrationChain, migrate, MIGRATIONS, MigrationError, type MigrationStep } from "./migrations";
import { parseProject } from "./projectSchema";
import { sampleProject } from "./testFixtures";

/** A pretend history: v1 had `name`, v2 renamed it to `title`, v3 added `tags`. */
const fakeSteps: MigrationStep[] = [
  {
    from: 1,
    describe: "rename name → title",
    up: (doc) => {
      const { name, ...rest } = doc;
      return { ...rest, title: name, log: [...((doc.log as string[]) ?? []), "1→2"] };
    },
  },
  {
    from: 2,
    describe: "add tags",
    up: (doc) => {
      doc.tags = [];
      (doc.log as string[] | undefined)?.push("2→3");
      doc.log ??= ["2→3"];
      return doc;
    },
  },
];

describe("migrate", () => {
  it("applies every step from the document's version, in order, and stamps the version", () => {
    expect(migrate({ schemaVersion: 1, name: "A" }, fakeSteps, 3)).toEqual({ schemaVersion: 3, title: "A", tags: [], log: ["1→2", "2→3"] });
    expect(migrate({ schemaVersion: 2, title: "B" }, fakeSteps, 3)).toEqual({ schemaVersion: 3, title: "B", tags: [], log: ["2→3"] });
  });

  it("returns a current document untouched and never mutates its input", () => {
    const current = { schemaVersion: 3, title: "C" };
    expect(migrate(current, fakeSteps, 3)).toBe(current);
    const old = { schemaVersion: 2, title: "D", log: [] as string[] };
    const before = structuredClone(old);
    migrate(old, fakeSteps, 3);
    expect(old).toEqual(before);
  });

  it("refuses a newer document with the exact sentence", () => {
    let caught: unknown;
    try {
      migrate({ schemaVersion: 4 }, fakeSteps, 3);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MigrationError);
    expect((caught as MigrationError).kind).toBe("newer-version");
    expect((caught as MigrationError).message).toBe(
      "This project was saved by a newer version of Cascade (schema 4); this version reads up to schema 3. It has not been changed.",
    );
  });

  it("refuses documents without a usable schemaVersion, or older than the oldest step", () => {
    for (const bad of [null, [], "x", {}, { schemaVersion: "1" }, { schemaVersion: 1.5 }, { schemaVersion: 0 }]) {
      expect(() => migrate(bad, fakeSteps, 3)).toThrow(expect.objectContaining({ kind: "invalid" }));
    }
    expect(() => migrate({ schemaVersion: 1 }, fakeSteps.slice(1), 3)).toThrow(/older than this version of Cascade can convert/);
  });

  it("detects a broken step list", () => {
    expect(() => checkMigrationChain([fakeSteps[0]!], 3)).toThrow(/end at schema 2/);
    expect(() => checkMigrationChain([fakeSteps[0]!, { ...fakeSteps[1]!, from: 3 }], 4)).toThrow(/not contiguous/);
  });

  it("the real step list reaches SCHEMA_VERSION and a current project passes through unchanged", () => {
    expect(() => checkMigrationChain(MIGRATIONS, SCHEMA_VERSION)).not.toThrow();
    const doc = JSON.parse(JSON.stringify(sampleProject()));
    expect(parseProject(migrate(doc))).toEqual(doc);
  });
});
