/**
 * Files in and out: a screenplay the real model wrote is exported to Fountain and to Final Draft from
 * the File menu (a download in the browser, the save dialog answered in Electron); both files parse
 * and hold what the project holds. A hand-written Fountain screenplay is imported from the start
 * screen and a malformed one from the File menu: each opens as a project with a report of what was
 * read and what was skipped. The provenance dialog's shares add up to 100%.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { XMLParser } from "fast-xml-parser";
import { Fountain } from "fountain-js";
import type { Project, StoryNode } from "../../shared/story/model";
import { CascadePage } from "../support/CascadePage";
import { FilePage } from "../support/FilePage";
import { launchCascade, type RunningApp } from "../support/launch";
import { ARTIFACTS, REPO_ROOT } from "../support/paths";

const OUT = join(ARTIFACTS, "export-import");
const FIXTURES = join(REPO_ROOT, "e2e", "fixtures");

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.close();
  app = null;
});

/** The saved project with this title, as main last wrote it. */
function savedProject(home: string, title: string): Project | undefined {
  const dir = join(home, "projects");
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".cascade"))) {
    const p = JSON.parse(readFileSync(join(dir, f), "utf8")) as Project;
    if (p.title === title) return p;
  }
  return undefined;
}

const nodesAt = (p: Project, level: StoryNode["level"]) => Object.values(p.nodes).filter((n) => n.level === level);
const spoken = (n: StoryNode) => Boolean(n.speaker?.trim());

test("export a screenplay to Fountain and to FDX from the File menu; both parse and match the story", async () => {
  app = await launchCascade();
  const ui = new CascadePage(app.page);
  const files = new FilePage(ui, app);
  const title = "The Night Ferry";
  await ui.createProject({ title, form: "screenplay", premise: "Two strangers miss the last ferry and must cross the bay by rowing boat." });

  // Premise → beats → the first beat's scenes → the first scene's lines, by the real model.
  await ui.selectPremise();
  await ui.generateChildrenOfSelected();
  await ui.select(ui.rows("beat").first());
  await ui.generateChildrenOfSelected();
  await ui.select(ui.rows("scene").first());
  await ui.generateChildrenOfSelected();
  await expect(ui.rows("line").first()).toBeVisible();

  // The writer makes the first line theirs: a speaker and words of their own (dialogue for certain,
  // and text "generated, then edited").
  await ui.select(ui.rows("line").first());
  await ui.id("editor.speaker").fill("Mara");
  await ui.appendToSelectedText(" We missed it.");
  await ui.select(ui.rows("premise"));
  const edited = (p: Project | undefined) => Boolean(p && nodesAt(p, "line").some((n) => n.speaker === "Mara" && n.origin === "edited" && n.text.endsWith("We missed it.")));
  await expect.poll(() => edited(savedProject(app!.home, title))).toBe(true);
  const project = savedProject(app.home, title)!;
  const scenes = nodesAt(project, "scene");
  const lines = nodesAt(project, "line");
  const dialogue = lines.filter(spoken);
  const action = lines.filter((n) => !spoken(n));

  // The File menu is a menu button: ↓ opens it on the first item, ↑ wraps, Escape gives focus back.
  await files.menuButton().focus();
  await app.page.keyboard.press("ArrowDown");
  await expect(files.menu()).toBeVisible();
  await expect(files.menuButton()).toHaveAttribute("aria-expanded", "true");
  await expect(ui.id("file.export-fountain")).toBeFocused(); // a screenplay offers Fountain first
  await app.page.keyboard.press("ArrowUp");
  await expect(ui.id("file.provenance")).toBeFocused();
  await app.page.screenshot({ path: join(OUT, "file-menu.png") });
  await app.page.keyboard.press("Escape");
  await expect(files.menu()).toHaveCount(0);
  await expect(files.menuButton()).toBeFocused();

  // Ctrl/Cmd+Shift+E opens the export dialog on the form's own format.
  await app.page.keyboard.press("ControlOrMeta+Shift+E");
  await expect(ui.id("export.dialog")).toBeVisible();
  await expect(ui.id("export.format")).toHaveValue("fountain");
  await app.page.keyboard.press("Escape");
  await expect(ui.id("export.dialog")).toHaveCount(0);

  // Fountain, the whole story, generated text marked.
  await files.openExport("fountain");
  await expect(ui.id("export.scope-all")).toBeChecked();
  await ui.id("export.mark").check();
  await app.page.screenshot({ path: join(OUT, "export-dialog.png") });
  const fountainFile = await files.exportTo(OUT);
  expect(fountainFile.fileName).toMatch(/\.fountain$/);
  const fountainText = readFileSync(fountainFile.path, "utf8");
  const tokens = new Fountain().parse(fountainText, true).tokens;
  const count = (type: string) => tokens.filter((t) => t.type === type).length;
  expect(tokens.find((t) => t.type === "title")?.text).toBe(title);
  expect(count("scene_heading")).toBe(scenes.length);
  expect(count("character")).toBe(dialogue.length);
  expect(count("dialogue_begin")).toBe(dialogue.length);
  expect(tokens.filter((t) => t.type === "character").map((t) => t.text?.replace(/^@/, ""))).toContain("MARA");
  expect(tokens.some((t) => t.type === "dialogue" && t.text?.includes("We missed it."))).toBe(true);
  // Every line the model wrote is marked; the one the writer edited says so.
  const shown = (n: StoryNode) => spoken(n) || Boolean(n.text.trim());
  expect(fountainText.split("[[generated]]").length - 1).toBe(lines.filter((n) => n.origin === "generated" && shown(n)).length);
  expect(fountainText.split("[[generated, edited]]").length - 1).toBe(1);

  // Final Draft, the whole story.
  await files.openExport("fdx");
  const fdxFile = await files.exportTo(OUT);
  expect(fdxFile.fileName).toMatch(/\.fdx$/);
  const paragraphs = fdxParagraphs(readFileSync(fdxFile.path, "utf8"));
  const types = paragraphs.map((p) => p["@_Type"]);
  expect(new Set(types)).toEqual(new Set(types.filter((t) => ["Outline 1", "Summary", "Scene Heading", "Action", "Character", "Dialogue"].includes(t))));
  expect(types.filter((t) => t === "Outline 1")).toHaveLength(nodesAt(project, "beat").length);
  expect(types.filter((t) => t === "Scene Heading")).toHaveLength(scenes.length);
  expect(types.filter((t) => t === "Dialogue")).toHaveLength(dialogue.length);
  expect(types.filter((t) => t === "Action")).toHaveLength(action.length);
  const characters = types.filter((t) => t === "Character").length;
  expect(characters).toBeGreaterThanOrEqual(1);
  expect(characters).toBeLessThanOrEqual(dialogue.length);

  // Word: binary content arrives as the same bytes (a zip holding word/document.xml).
  await files.openExport("docx");
  const docx = readFileSync((await files.exportTo(OUT)).path);
  expect(docx.subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");
  expect(docx.includes("word/document.xml")).toBe(true);

  // The binder's own export still saves its Markdown.
  await ui.id("binder.open").click();
  const binder = await files.saveFrom(() => ui.id("binder.export").click(), OUT);
  expect(binder.fileName).toBe("the-night-ferry-binder.md");
  await ui.id("binder.close").click();

  // Only the selected scene: one scene heading, its lines.
  await ui.select(ui.rows("scene").first());
  await files.openExport("fdx");
  await ui.id("export.scope-subtree").check();
  const sceneFile = await files.exportTo(join(OUT, "scene"));
  const sceneTypes = fdxParagraphs(readFileSync(sceneFile.path, "utf8")).map((p) => p["@_Type"]);
  expect(sceneTypes.filter((t) => t === "Scene Heading")).toHaveLength(1);
  expect(sceneTypes.filter((t) => t === "Outline 1")).toHaveLength(0);

  // Provenance: the shares of the final text add up to 100%, the model wrote some and the writer edited one.
  await files.openProvenance();
  const shares = await files.provenanceShares();
  expect(shares.map((s) => s.origin)).toEqual(["written", "generated", "edited"]);
  expect(shares.reduce((a, s) => a + s.words, 0)).toBe(100);
  expect(shares.reduce((a, s) => a + s.nodes, 0)).toBe(100);
  expect(shares.find((s) => s.origin === "generated")!.nodes).toBeGreaterThan(0);
  expect(shares.find((s) => s.origin === "edited")!.nodes).toBeGreaterThan(0);
  await expect(ui.id("provenance.generated").first()).toBeVisible();
  await app.page.screenshot({ path: join(OUT, "provenance.png") });
  const csv = await files.saveFrom(() => ui.id("provenance.export-csv").click(), OUT);
  expect(csv.fileName).toMatch(/\.csv$/);
  expect(readFileSync(csv.path, "utf8").trim().split("\n").length).toBeGreaterThan(Object.keys(project.nodes).length);
});

test("import a Fountain screenplay from the start screen and a malformed one from the File menu; each says what it read and skipped", async () => {
  app = await launchCascade();
  const ui = new CascadePage(app.page);
  const files = new FilePage(ui, app);

  // A well-formed screenplay: two sections (beats), three scenes, six lines; nothing skipped.
  await app.page.screenshot({ path: join(OUT, "start-screen.png") });
  await files.importFromStart(join(FIXTURES, "harbour-lights.fountain"));
  expect(await files.importCounts()).toEqual({ beats: 2, scenes: 3, lines: 6 });
  await expect(files.skippedRows()).toHaveCount(0);
  await app.page.screenshot({ path: join(OUT, "import-report.png") });
  await files.closeImportReport();
  await expect(ui.id("app.title")).toHaveText("Harbour Lights");
  await ui.expectRowCount({ level: "beat" }, 2);
  await ui.expectRowCount({ level: "scene" }, 3);
  await ui.expectRowCount({ level: "line" }, 6);
  const rows = await ui.treeRows();
  expect(rows.find((r) => r.level === "scene")?.text).toContain("INT. FERRY TERMINAL - NIGHT");
  expect(rows.some((r) => r.level === "line" && /MARA: We missed it\./.test(r.text))).toBe(true);

  // A malformed file: imported as far as it goes, with every skipped part named by line and reason,
  // and what was put where it would not otherwise fit said in the notes.
  await files.importFromMenu(join(FIXTURES, "broken-draft.fountain"));
  expect(await files.importCounts()).toEqual({ beats: 1, scenes: 2, lines: 3 });
  const skipped = files.skippedRows();
  await expect(skipped).toHaveCount(5);
  expect(await skipped.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-line"))))).toEqual([8, 10, 12, 14, 16]);
  await expect(skipped.filter({ hasText: "CUT TO:" })).toContainText("transition");
  await expect(ui.id("import.note").filter({ hasText: "untitled scene" })).toHaveCount(1);
  await app.page.screenshot({ path: join(OUT, "import-skipped.png") });
  await files.closeImportReport();
  await expect(ui.id("app.title")).toHaveText("broken-draft");
  await ui.expectRowCount({ level: "scene" }, 2);
  await ui.expectRowCount({ level: "line" }, 3);

  // Not a text file at all: refused with a message, and the open project stays.
  await files.chooseImportFile({ name: "photo.fountain", mimeType: "application/octet-stream", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) });
  await expect(ui.id("toast.error").filter({ hasText: "photo.fountain" })).toContainText("not a text file");
  await expect(files.importReport()).toHaveCount(0);
  await expect(ui.id("app.title")).toHaveText("broken-draft");

  // An empty file: the project that opens is empty, and the report says so plainly.
  await files.importFromMenu({ name: "blank.fountain", mimeType: "text/plain", buffer: Buffer.from("\n\n") });
  await expect(ui.id("import.summary")).toHaveAttribute("data-empty", "true");
  await expect(ui.id("import.summary")).toContainText("Nothing in the file could be read");
  await files.closeImportReport();
});

type FdxParagraph = { "@_Type": string };

/** The `<Paragraph>`s of an FDX file's `<Content>`, after checking the document's shape. */
function fdxParagraphs(xml: string): FdxParagraph[] {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => name === "Paragraph" }).parse(xml) as {
    FinalDraft?: { "@_DocumentType"?: string; Content?: { Paragraph?: FdxParagraph[] } };
  };
  expect(doc.FinalDraft).toBeDefined();
  expect(doc.FinalDraft!["@_DocumentType"]).toBe("Script");
  expect(doc.FinalDraft!.Content).toBeDefined();
  const paragraphs = doc.FinalDraft!.Content!.Paragraph ?? [];
  expect(paragraphs.length).toBeGreaterThan(0);
  return paragraphs;
}
