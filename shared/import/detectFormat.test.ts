import { describe, expect, it } from "vitest";
import { detectImportFormat } from "./detectFormat";
import { SAMPLE_FOUNTAIN } from "./importTestHelpers";

describe("detectImportFormat", () => {
  it("goes by the extension first", () => {
    expect(detectImportFormat("Draft.FOUNTAIN", "# Heading\n\n## Beat")).toBe("fountain");
    expect(detectImportFormat("draft.spmd", "")).toBe("fountain");
    expect(detectImportFormat("notes.md", SAMPLE_FOUNTAIN)).toBe("md");
    expect(detectImportFormat("notes.markdown", SAMPLE_FOUNTAIN)).toBe("md");
  });

  it("otherwise looks at the text", () => {
    expect(detectImportFormat("draft.txt", SAMPLE_FOUNTAIN)).toBe("fountain");
    expect(detectImportFormat("draft", "INT. HALL - DAY\n\nMARA\nHello.\n\nEXT. YARD - NIGHT\n")).toBe("fountain");
    expect(detectImportFormat("outline.txt", "# Title\n\n## Beat\n\n### Scene\n\n> Card\n\n**ANNA:** Hi.")).toBe("md");
    expect(detectImportFormat("outline.txt", "Just some prose.\n\nAnd more.")).toBe("md");
    expect(detectImportFormat("", "")).toBe("md");
  });
});
