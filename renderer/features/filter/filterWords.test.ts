import { describe, expect, it } from "vitest";
import type { FilterAuditEntry } from "../../../shared/ipc/contract";
import { auditRow, candidateLabel, namesOf, rewriteLead, rewriteWordsFrom } from "./filterWords";

describe("filter words", () => {
  it("labels candidates by status", () => {
    expect(candidateLabel({ name: "Jonathan Swift", status: "public-domain", reason: "" })).toBe("Jonathan Swift — public domain");
    expect(candidateLabel({ name: "Taylor Swift", status: "protected", reason: "" })).toBe("Taylor Swift — protected");
  });

  it("names the creators a rewrite is about, once each", () => {
    const m = (name: string, action: "rewrite" | "allow") => ({ name, action, start: 0, end: 1, matched: "", nameStart: 0, nameEnd: 1, replaceStart: 0, replaceEnd: 1, status: "protected" as const, reason: "" });
    const matches = [m("Quentin Tarantino", "rewrite"), m("Jerry Seinfeld", "rewrite"), m("Quentin Tarantino", "rewrite"), m("Jane Austen", "allow")];
    expect(namesOf(matches, "rewrite")).toBe("Quentin Tarantino and Jerry Seinfeld");
    expect(rewriteLead(matches.slice(0, 1), true)).toMatch(/^As written, this prompt asks for the style of Quentin Tarantino, a protected creator, so it can't be sent as written\./);
  });

  it("starts the rewrite editor with the descriptive words of the replacement, or the writer's own", () => {
    expect(rewriteWordsFrom("in a stylized, violent and dialogue-heavy style drawn from pulp crime cinema (nonlinear screenplay)")).toBe(
      "stylized, violent and dialogue-heavy",
    );
    expect(rewriteWordsFrom("in a style that is cool and talky")).toBe("cool and talky");
    expect(rewriteWordsFrom("an observational, precise, finicky")).toBe("observational, precise, finicky");
    expect(rewriteWordsFrom("anything", "my own words")).toBe("my own words");
  });

  it("shows an audit entry as one row", () => {
    const entry: FilterAuditEntry = {
      at: "2026-11-23T10:00:00.000Z",
      decision: "rewrite",
      mode: "rewrite",
      purpose: "children",
      matches: [{ name: "Quentin Tarantino", status: "protected", action: "rewrite", matched: "in the style of Quentin Tarantino", replacement: "in a stylized style" }],
      count: 3,
    };
    expect(auditRow(entry, 0, "en-GB")).toMatchObject({
      kind: "rewrite",
      decision: "Rewritten",
      names: "Quentin Tarantino",
      matched: "in the style of Quentin Tarantino",
      replacement: "in a stylized style",
      count: 3,
    });
    expect(auditRow({ ...entry, at: "not a date" }, 1).when).toBe("not a date");
  });
});
