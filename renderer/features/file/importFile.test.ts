import { describe, expect, it } from "vitest";
import type { ImportReport } from "../../../shared/export/types";
import { methodInputs } from "../../../shared/ipc/contract";
import { IMPORT_MAX_BYTES, IMPORT_MAX_CHARS, importFileName, importFormatFor, importSizeError, importSummary } from "./importFile";

const report = (r: Partial<ImportReport>): ImportReport => ({ format: "fountain", beats: 0, scenes: 0, lines: 0, skipped: [], notes: [], ...r });

describe("importing a file", () => {
  it("takes the format from the file name, leaving plain text to the services", () => {
    expect(importFormatFor("Pilot.FOUNTAIN")).toBe("fountain");
    expect(importFormatFor("draft.spmd")).toBe("fountain");
    expect(importFormatFor("outline.md")).toBe("md");
    expect(importFormatFor("outline.markdown")).toBe("md");
    expect(importFormatFor("notes.txt")).toBeUndefined();
    expect(importFormatFor("md")).toBeUndefined();
  });
  it("keeps long names inside the limit with their extension", () => {
    const name = importFileName(`${"x".repeat(400)}.fountain`);
    expect(name).toHaveLength(300);
    expect(name.endsWith(".fountain")).toBe(true);
    expect(importFileName("  ")).toBe("Imported story.txt");
  });
  it("says what was read and what was skipped", () => {
    const s = importSummary(report({ beats: 1, scenes: 3, lines: 12, skipped: [{ line: 4, text: "BOB", reason: "a character cue with no dialogue" }] }));
    expect(s.headline).toBe("Read 1 beat, 3 scenes and 12 lines from a Fountain screenplay.");
    expect(s.empty).toBe(false);
    expect(s.skippedLine).toBe("1 part was skipped — the rest was imported.");
  });
  it("never lets an empty import pass silently", () => {
    const s = importSummary(report({ format: "md", skipped: [] }));
    expect(s.empty).toBe(true);
    expect(s.headline).toMatch(/Nothing in the file could be read as a Markdown outline/);
    expect(s.skippedLine).toBeNull();
  });
  it("refuses a file over 4 MB by its size in bytes, with a clear reason", () => {
    expect(importSizeError("big.fountain", 4_000_001)).toBe("“big.fountain” is larger than 4 MB; Cascade imports outlines and screenplays up to 4 MB.");
    expect(importSizeError("ok.fountain", IMPORT_MAX_BYTES)).toBeNull();
    // About 3 million characters of Cyrillic: under the old 5-million-character limit, over 8 MiB as UTF-8.
    expect(importSizeError("novel.md", new TextEncoder().encode("ж".repeat(3_000_000) + "日".repeat(800_000)).length)).not.toBeNull();
  });
  it("agrees with the schema: what 4 MB decodes to is accepted, more is not", () => {
    const schema = methodInputs["project:import"];
    expect(IMPORT_MAX_CHARS).toBeLessThanOrEqual(4_000_000);
    expect(schema.safeParse({ fileName: "a.md", text: "x".repeat(IMPORT_MAX_CHARS) }).success).toBe(true);
    expect(schema.safeParse({ fileName: "a.md", text: "x".repeat(4_000_001) }).success).toBe(false);
  });
});
