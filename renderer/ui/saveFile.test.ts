import { describe, expect, it } from "vitest";
import { base64Bytes, exportedFileBlob, fileSlug } from "./saveFile";

describe("saving exported files", () => {
  it("turns base64 content back into its bytes", async () => {
    const bytes = [0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x80];
    const base64 = btoa(String.fromCharCode(...bytes));
    expect([...base64Bytes(base64)]).toEqual(bytes);
    const blob = exportedFileBlob({ mime: "application/zip", encoding: "base64", content: base64 });
    expect(blob.type).toBe("application/zip");
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual(bytes);
  });
  it("keeps text as UTF-8 text", async () => {
    const blob = exportedFileBlob({ mime: "text/plain", encoding: "utf8", content: "INT. CAFÉ — NIGHT\n" });
    expect(blob.type).toBe("text/plain;charset=utf-8");
    expect(await blob.text()).toBe("INT. CAFÉ — NIGHT\n");
  });
  it("slugs titles for file names", () => {
    expect(fileSlug("Café / Noir")).toBe("cafe-noir");
    expect(fileSlug("  ")).toBe("untitled");
  });
});
