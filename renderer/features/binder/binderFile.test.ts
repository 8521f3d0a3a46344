import { describe, expect, it } from "vitest";
import { binderFileName } from "./binderFile";

describe("binderFileName", () => {
  it("slugs the title and falls back to untitled", () => {
    expect(binderFileName("The Lighthouse: Draft 2")).toBe("the-lighthouse-draft-2-binder.md");
    expect(binderFileName("  ")).toBe("untitled-binder.md");
    expect(binderFileName("Café / Noir")).toBe("cafe-noir-binder.md");
  });
});
