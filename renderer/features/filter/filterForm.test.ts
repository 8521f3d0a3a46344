import { describe, expect, it } from "vitest";
import { DEFAULT_FILTER_SETTINGS, type FilterSettings } from "../../../shared/filter/types";
import { readFilterForm, sameName, withEntry } from "./filterForm";

const current: FilterSettings = { ...DEFAULT_FILTER_SETTINGS, allow: [{ name: "Jerry Seinfeld", reason: "licensed parody" }] };

describe("readFilterForm", () => {
  it("sends nothing when nothing changed, and only what changed otherwise", () => {
    expect(readFilterForm(current, current)).toEqual({ errors: [], needsAck: false, change: null });
    expect(readFilterForm({ ...current, mode: "strict", jurisdiction: "life+50" }, current).change).toEqual({ mode: "strict", jurisdiction: "life+50" });
  });

  it("trims rows and drops empty ones", () => {
    const form = { ...current, deny: [{ name: "  Some Name ", reason: " client asked " }, { name: "", reason: "" }] };
    expect(readFilterForm(form, current).change).toEqual({ deny: [{ name: "Some Name", reason: "client asked" }] });
    expect(readFilterForm({ ...current, allow: [...current.allow, { name: " ", reason: "" }] }, current).change).toBeNull();
  });

  it("needs the acknowledgement for Off, sends it with Off, and clears it when leaving Off", () => {
    const off = readFilterForm({ ...current, mode: "off", offAcknowledged: false }, current);
    expect(off).toEqual({ errors: [], needsAck: true, change: null });
    expect(readFilterForm({ ...current, mode: "off", offAcknowledged: true }, current).change).toEqual({ mode: "off", offAcknowledged: true });
    const wasOff = { ...current, mode: "off" as const, offAcknowledged: true };
    expect(readFilterForm({ ...wasOff, mode: "rewrite" }, wasOff).change).toEqual({ mode: "rewrite", offAcknowledged: false });
  });

  it("reports half-filled rows and a name on both lists", () => {
    const form: FilterSettings = {
      ...current,
      deny: [{ name: "jerry seinfeld", reason: "" }],
      allow: [...current.allow, { name: "", reason: "why" }],
      aliases: [{ alias: "Swift", name: "" }],
      rewrites: [{ name: "", text: "cool and talky" }],
    };
    const read = readFilterForm(form, current);
    expect(read.change).toBeNull();
    expect(read.errors).toEqual([
      "Allow list, row 2: add a name, or remove the row.",
      "Aliases, row 1: add whom it means, or remove the row.",
      "Rewrite words, row 1: add the creator's name, or remove the row.",
      "Jerry Seinfeld is on both the allow list and the deny list; keep one.",
    ]);
  });
});

describe("withEntry", () => {
  it("replaces the row for the same name (as the filter compares names) or appends", () => {
    const rows = [{ alias: "Swift", name: "Taylor Swift" }];
    const same = (a: { alias: string }, b: { alias: string }) => sameName(a.alias, b.alias);
    expect(withEntry(rows, { alias: " swift", name: "Jonathan Swift" }, same)).toEqual([{ alias: " swift", name: "Jonathan Swift" }]);
    expect(withEntry(rows, { alias: "the Bard", name: "William Shakespeare" }, same)).toHaveLength(2);
  });
});
