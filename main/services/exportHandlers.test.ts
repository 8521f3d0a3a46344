/**
 * Export and import through the services (no model): files come back for every format, imports never
 * overwrite each other or leave a file behind when they fail, and bad input leaves the open project be.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EXPORT_FORMATS } from "../../shared/export/types";
import { loadProject } from "../storage/projectStore";
import { createServices } from "./api";
import { dispatch } from "./dispatch";
import type { Services } from "./services";

let services: Services | null = null;
afterEach(async () => {
  await services?.dispose();
  services = null;
});

async function start() {
  const home = mkdtempSync(join(tmpdir(), "cascade-export-handlers-"));
  const projects = join(home, "projects");
  services = await createServices({ shell: "in-process", modelPath: null, threads: 1, appDataDir: home, projectsDir: projects });
  return { s: services, projects };
}

const outline = (title: string, beat: string) => `# ${title}\n\nA premise.\n\n## ${beat}\n\nWhat happens.\n`;
const projectFiles = (dir: string) => readdirSync(dir).filter((n) => n.endsWith(".cascade")).sort();

describe("export and import handlers", () => {
  it("give two concurrent imports of the same title two files, both intact", async () => {
    const { s, projects } = await start();
    const [a, b] = await Promise.all([
      s.handlers["project:import"]({ fileName: "a.md", text: outline("Same Title", "Beat from A") }),
      s.handlers["project:import"]({ fileName: "b.md", text: outline("Same Title", "Beat from B") }),
    ]);
    expect(a.state.path).not.toBe(b.state.path);
    expect(projectFiles(projects)).toEqual(["same-title-2.cascade", "same-title.cascade"]);
    const beats = await Promise.all(
      [a.state.path, b.state.path].map(async (p) => Object.values((await loadProject(p)).nodes).filter((n) => n.level === "beat").map((n) => n.title)),
    );
    expect(beats).toEqual([["Beat from A"], ["Beat from B"]]);
    // The one that ran last is open.
    expect((await s.handlers["project:get"]({}))?.path).toBe(b.state.path);
  });

  it("return every format's file for the open project, docx as base64 of a zip, and refuse an unknown node", async () => {
    const { s } = await start();
    await s.handlers["project:create"]({ title: "Export Me", form: "screenplay", premise: "A dog finds a bone." });
    for (const format of EXPORT_FORMATS) {
      const file = await s.handlers["export:file"]({ format });
      expect(file.fileName).toMatch(/^export-me/u);
      expect(file.content.length).toBeGreaterThan(0);
      if (format === "docx") {
        expect(file.encoding).toBe("base64");
        expect(Buffer.from(file.content, "base64").subarray(0, 2).toString()).toBe("PK");
      } else {
        expect(file.encoding).toBe("utf8");
      }
    }
    const r = await dispatch(s, "export:file", { format: "md", nodeId: "no-such-node" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/No node with id no-such-node/u);
  });

  it("refuse a file with NUL bytes as invalid input, leaving the open project open and unchanged", async () => {
    const { s, projects } = await start();
    const before = await s.handlers["project:create"]({ title: "Open One", form: "prose", premise: "Kept." });
    const bytesBefore = readFileSync(before.path);
    const r = await dispatch(s, "project:import", { fileName: "photo.md", text: "# Title\u0000\u0001binary" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("invalid-input");
    const now = await s.handlers["project:get"]({});
    expect(now?.path).toBe(before.path);
    expect(now?.project).toEqual(before.project);
    expect(readFileSync(before.path)).toEqual(bytesBefore);
    expect(projectFiles(projects)).toEqual(["open-one.cascade"]);
  });

  it("leave no new file behind when the switch is refused because the open project cannot be saved", async () => {
    const { s, projects } = await start();
    const open = await s.handlers["project:create"]({ title: "Stuck", form: "prose", premise: "Unsaved." });
    // Its file's place taken by a folder: every save of it fails (even for root), so closing it fails.
    rmSync(open.path);
    mkdirSync(open.path);
    await s.handlers["project:apply"]({ op: { type: "editNode", nodeId: open.project.rootId, text: "An edit that cannot be saved." } });
    const r = await dispatch(s, "project:import", { fileName: "new.md", text: outline("Brand New", "A beat") });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("project-file");
    expect((await s.handlers["project:get"]({}))?.path).toBe(open.path);
    expect(readdirSync(projects).filter((n) => n.startsWith("brand-new"))).toEqual([]);
    // Let dispose() save it: put a file back in place of the folder.
    rmSync(open.path, { recursive: true });
  });
});
