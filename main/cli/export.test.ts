/**
 * `import`, `export` and `provenance` from the command line: a Fountain screenplay in, every format
 * out, each read back with an independent reader; a Markdown outline round-trips; nothing is ever
 * overwritten without --force.
 */
import * as fsp from "node:fs/promises";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { Fountain } from "fountain-js";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "./args";
import { cliInProcess, useCliHome } from "./cliTestKit";

const dirs = useCliHome("cascade-cli-export-");

const SCREENPLAY = `Title: The Night Ferry
Author: A. Writer

# The crossing

INT. FERRY DECK - NIGHT

= Mara waits for the smuggler.

Rain hammers the rails. MARA (40s) grips a paper cup.

MARA
He said midnight.

JONAH (V.O.)
(distant)
He always says midnight.

EXT. HARBOUR - CONTINUOUS

The ferry pulls away from the lights.

# The deal

INT. ENGINE ROOM - LATER

MARA
Show me the money first.
`;

const run = async (args: string[]) => {
  const r = await cliInProcess(args);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

describe("export, import, provenance: arguments", () => {
  it("need a format and an output, and name what is wrong", () => {
    expect(parseCommandLine(["export", "s.cascade", "--format", "fdx", "-o", "out.fdx"], "/w")).toMatchObject({ name: "export", format: "fdx", out: "/w/out.fdx", force: false });
    expect(() => parseCommandLine(["export", "s.cascade", "-o", "x"], "/w")).toThrow(/--format must be one of md, fountain, fdx, docx, binder/);
    expect(() => parseCommandLine(["export", "s.cascade", "--format", "pdf", "-o", "x"], "/w")).toThrow(/not “pdf”/);
    expect(() => parseCommandLine(["export", "s.cascade", "--format", "md"], "/w")).toThrow(/-o <out>/);
    expect(() => parseCommandLine(["import", "a.md"], "/w")).toThrow(/-o <file\.cascade>/);
    expect(() => parseCommandLine(["import", "a.md", "-o", "a.cascade", "--format", "docx"], "/w")).toThrow(/md or fountain/);
  });
});

describe("a Fountain screenplay through the CLI", () => {
  it("imports, exports to every format (each read back), and keeps every scene heading and line of dialogue", async () => {
    const src = path.join(dirs.tmp, "ferry.fountain");
    await fsp.writeFile(src, SCREENPLAY);
    const file = path.join(dirs.tmp, "ferry.cascade");
    const imported = JSON.parse((await run(["import", src, "-o", file, "--json"])).stdout) as { title: string; form: string; report: { beats: number; scenes: number; lines: number } };
    expect(imported).toMatchObject({ title: "The Night Ferry", form: "screenplay", report: { beats: 2, scenes: 3 } });
    expect(imported.report.lines).toBeGreaterThanOrEqual(5);
    // Never over an existing project.
    expect((await cliInProcess(["import", src, "-o", file])).code).not.toBe(0);

    const fountainOut = path.join(dirs.tmp, "ferry-out.fountain");
    await run(["export", file, "--format", "fountain", "-o", fountainOut]);
    const tokens = (await parse(fountainOut)).tokens;
    const original = new Fountain().parse(SCREENPLAY, true).tokens;
    const headings = (t: typeof tokens) => t.filter((x) => x.type === "scene_heading").map((x) => x.text);
    const dialogue = (t: typeof tokens) => t.filter((x) => x.type === "dialogue").map((x) => x.text?.trim());
    expect(headings(tokens)).toEqual(headings(original));
    expect(dialogue(tokens)).toEqual(dialogue(original));
    // An existing file is replaced only with --force.
    expect((await cliInProcess(["export", file, "--format", "fountain", "-o", fountainOut])).code).not.toBe(0);
    await run(["export", file, "--format", "fountain", "-o", fountainOut, "--force"]);

    const fdxOut = path.join(dirs.tmp, "ferry.fdx");
    await run(["export", file, "--format", "fdx", "-o", fdxOut]);
    const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "Paragraph" }).parse(await fsp.readFile(fdxOut, "utf8")) as {
      FinalDraft: { Content: { Paragraph: Array<{ "@_Type": string }> } };
    };
    const types = xml.FinalDraft.Content.Paragraph.map((p) => p["@_Type"]);
    expect(types.filter((t) => t === "Scene Heading")).toHaveLength(3);
    expect(types).toContain("Character");
    expect(types).toContain("Dialogue");
    expect(types).toContain("Action");

    const docxOut = path.join(dirs.tmp, "ferry.docx");
    await run(["export", file, "--format", "docx", "-o", docxOut]);
    const { value: docText } = await mammoth.extractRawText({ path: docxOut });
    expect(docText).toContain("The Night Ferry");
    expect(docText).toContain("Show me the money first.");

    // Imported text counts as the writer's own: all of it written, none generated.
    const prov = JSON.parse((await run(["provenance", file, "--json"])).stdout) as {
      nodes: number;
      words: number;
      byOrigin: Record<"written" | "generated" | "edited", { nodes: number; wordShare: number }>;
      byModel: unknown[];
    };
    expect(prov.words).toBeGreaterThan(20);
    expect(prov.byOrigin.written).toMatchObject({ nodes: prov.nodes, wordShare: 1 });
    expect(prov.byOrigin.generated.nodes + prov.byOrigin.edited.nodes).toBe(0);
    expect(prov.byModel).toEqual([]);
    const provMd = (await run(["provenance", file])).stdout;
    expect(provMd).toMatch(/\|/); // a Markdown table

    const md = path.join(dirs.tmp, "ferry.md");
    await run(["export", file, "--format", "md", "-o", md]);
    const again = path.join(dirs.tmp, "ferry-again.cascade");
    const reimported = JSON.parse((await run(["import", md, "-o", again, "--json"])).stdout) as { report: { beats: number; scenes: number; lines: number } };
    expect(reimported.report).toMatchObject({ beats: imported.report.beats, scenes: imported.report.scenes, lines: imported.report.lines });
  });

  it("reports what a malformed file made it skip, and still makes a project", async () => {
    const src = path.join(dirs.tmp, "broken.fountain");
    await fsp.writeFile(src, "MARA\nLines before any scene.\n\n/* an unclosed boneyard\n\nINT. NOWHERE\n");
    const out = path.join(dirs.tmp, "broken.cascade");
    const r = await run(["import", src, "-o", out]);
    expect(r.stdout).toMatch(/^Created .*broken\.cascade from Fountain/);
    expect(r.stdout).toMatch(/Skipped \d+:|Note: /);
    await fsp.access(out);
  });

  it("reads a file that is not UTF-8 as Windows-1252, and says so", async () => {
    const src = path.join(dirs.tmp, "latin1.fountain");
    // 0x92 is "’" in Windows-1252 (a C1 control in Latin-1).
    await fsp.writeFile(src, Buffer.from("INT. CAFÉ - JOUR\n\nMARIE\nJ\u0092ai été là-bas. Où étais-tu?\n", "latin1"));
    const out = path.join(dirs.tmp, "latin1.cascade");
    const r = JSON.parse((await run(["import", src, "-o", out, "--json"])).stdout) as { report: { scenes: number; lines: number; notes: string[] } };
    expect(r.report).toMatchObject({ scenes: 1, lines: 1 });
    expect(r.report.notes.join("\n")).toMatch(/read as Windows-1252/);
    expect(r.report.notes.join("\n")).not.toMatch(/could not be decoded/);
    const saved = await fsp.readFile(out, "utf8");
    expect(saved).toContain("CAFÉ - JOUR");
    expect(saved).toContain("J’ai été là-bas. Où étais-tu?");
  });
});

async function parse(file: string) {
  return new Fountain().parse(await fsp.readFile(file, "utf8"), true);
}
