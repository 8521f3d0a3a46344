import { describe, expect, it } from "vitest";
import type { Project } from "../story/model";
import { provenanceRows, provenanceSummary } from "../story/provenance";
import { buildStory, nodesAt } from "../story/testStory";
import { csvField, PROVENANCE_CSV_COLUMNS, provenanceCsv, provenanceMarkdown } from "./provenanceReport";

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF or LF. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      if (field !== "") throw new Error(`stray quote at ${i}`);
      quoted = true;
    } else if (ch === ",") endField();
    else if (ch === "\r" && text[i + 1] === "\n") {
      endRecord();
      i += 2;
      continue;
    } else if (ch === "\n") endRecord();
    else field += ch;
    i++;
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || record.length) endRecord();
  return records;
}

function mixedStory(): Project {
  const { project } = buildStory({ beats: 1, scenesPerBeat: 2, linesPerScene: 2 });
  const [l1, l2, l3] = nodesAt(project, "line");
  return {
    ...project,
    title: "The | Letter",
    nodes: {
      ...project.nodes,
      [l1!.id]: { ...l1!, origin: "edited", text: "Edited, with a comma" },
      [l2!.id]: { ...l2!, origin: "written", provenance: undefined },
      // A model name that needs quoting.
      [l3!.id]: { ...l3!, provenance: { ...l3!.provenance!, modelId: 'odd, "quoted"\nmodel' } },
    },
  };
}

describe("csvField", () => {
  it("quotes only what must be quoted", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField(undefined)).toBe("");
    expect(csvField(0.8)).toBe("0.8");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\r\nlines")).toBe('"two\r\nlines"');
  });
});

describe("provenanceCsv", () => {
  it("parses back to a header and one row per node with the rows' values", () => {
    const project = mixedStory();
    const csv = provenanceCsv(project);
    expect(csv.endsWith("\r\n")).toBe(true);
    const records = readCsv(csv);
    expect(records[0]).toEqual([...PROVENANCE_CSV_COLUMNS]);
    const rows = provenanceRows(project);
    expect(records.length).toBe(rows.length + 1);
    records.slice(1).forEach((rec, i) => {
      expect(rec).toHaveLength(PROVENANCE_CSV_COLUMNS.length);
      const row = rows[i]!;
      expect(rec).toEqual(PROVENANCE_CSV_COLUMNS.map((c) => (row[c] === undefined ? "" : String(row[c]))));
    });
    const byOrigin = (o: string) => records.slice(1).filter((r) => r[3] === o);
    expect(byOrigin("written")).toHaveLength(2);
    expect(byOrigin("edited")).toHaveLength(1);
    // Written rows carry no generation details.
    for (const r of byOrigin("written")) expect(r.slice(5).every((v) => v === "")).toBe(true);
    expect(records.some((r) => r[5] === 'odd, "quoted"\nmodel')).toBe(true);
    expect(byOrigin("edited")[0]!.slice(5, 12)).toEqual(["fake-model", expect.stringMatching(/^2024-/), expect.stringMatching(/^\d+$/), "0.8", "0.9", "0.05", "220"]);
  });

  it("covers a subtree when given a node", () => {
    const project = mixedStory();
    const scene = nodesAt(project, "scene")[1]!;
    const records = readCsv(provenanceCsv(project, { nodeId: scene.id }));
    expect(records.slice(1).map((r) => r[0])).toEqual([scene.id, ...scene.childIds]);
  });
});

describe("provenanceMarkdown", () => {
  it("has tables of shares and one table row per node", () => {
    const project = mixedStory();
    const md = provenanceMarkdown(project);
    const s = provenanceSummary(project);
    expect(md.startsWith("# The \\| Letter: provenance\n")).toBe(true);
    expect(md).toContain("| Origin | Nodes | Share of nodes | Words | Share of words |\n| --- | ---: | ---: | ---: | ---: |");
    expect(md).toContain(`| Generated, then edited | 1 | ${((1 / s.nodes) * 100).toFixed(1)}% | 4 | ${((4 / s.words) * 100).toFixed(1)}% |`);
    expect(md).toContain(`| **Total** | ${s.nodes} | 100.0% | ${s.words} | 100.0% |`);
    expect(md).toContain("| Line | 4 |");
    expect(md).toContain("| fake-model | ");
    expect(md).toContain("| odd, \"quoted\" model | 1 |");

    const nodeTable = md.slice(md.indexOf("## Nodes"));
    const tableRows = nodeTable.split("\n").filter((l) => l.startsWith("| "));
    expect(tableRows).toHaveLength(2 + s.nodes);
    expect(tableRows[2]).toMatch(/^\| Premise \| Written \| \d+ \|( {2}\|){7}$/u);
    expect(tableRows.some((l) => l.startsWith("| Beat 1 › Scene 1 › Line 1 | Generated, then edited | 4 | fake-model | 2024-"))).toBe(true);
    // Every table row has the header's number of cells.
    for (const l of tableRows) expect(l.replace(/\\\|/gu, "").split("|").length).toBe(12);
  });

  it("says so when there is no model text", () => {
    const { project } = buildStory({ beats: 0, scenesPerBeat: 0, linesPerScene: 0 });
    const md = provenanceMarkdown(project);
    expect(md).toContain("_No model text._");
    expect(md).toContain("| Written | 1 | 100.0% |");
  });
});
