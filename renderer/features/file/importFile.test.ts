import { describe, expect, it } from "vitest";
import type { ImportReport } from "../../../shared/export/types";
import { importFileName, importFormatFor, importSummary } from "./importFile";

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
});
