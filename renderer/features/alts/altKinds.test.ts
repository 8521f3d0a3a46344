import { describe, expect, it } from "vitest";
import type { Alt, OutlineBeat } from "../../../shared/story/model";
import { altCards, comparableText } from "./altCards";
import { altsOfKind, beatLines, isOutlineAlt, isOutlineJob, outlineDigest } from "./altKinds";
import { cycleStep, isKept } from "./cycleAlts";

const beat = (title: string, text: string): OutlineBeat => ({ title, text, origin: "generated" });
const alt = (id: string, text: string, fields: Partial<Alt> = {}): Alt => ({
  id,
  title: "",
  text,
  origin: "generated",
  reason: "generated",
  createdAt: "2025-01-01T00:00:00.000Z",
  ...fields,
});

const HEIST = [beat("The job", "Mara is hired to rob her own bank."), beat("The twist", "The vault is empty.")];
const alts = [
  alt("p1", "A heist in a bank that is already robbed."),
  alt("o1", "Mara robs her own bank and finds it empty.", { outline: HEIST, starred: true }),
  alt("p2", "A love story on a night train.", { starred: true }),
  alt("o2", "Mara robs her own bank, and finds it empty!", { outline: [beat("Hired", "Mara takes the job."), beat("Empty", "Nothing there.")] }),
  alt("o3", "", { outline: [] }),
];

describe("altsOfKind", () => {
  it("splits a premise's alts into plain premises and outlines, keeping order", () => {
    expect(altsOfKind(alts, "premises").map((a) => a.id)).toEqual(["p1", "p2"]);
    expect(altsOfKind(alts, "outlines").map((a) => a.id)).toEqual(["o1", "o2", "o3"]);
    expect(isOutlineAlt(alt("x", "y", { outline: [] }))).toBe(true);
    expect(isOutlineAlt(alt("x", "y"))).toBe(false);
  });
  it("groups outline alts by their digest text", () => {
    const view = altCards(altsOfKind(alts, "outlines"), "stars", false);
    expect(view.groups.map((g) => [g.alt.id, g.similar.map((s) => s.id)])).toEqual([
      ["o1", ["o2"]],
      ["o3", []],
    ]);
  });
});

describe("beats", () => {
  it("numbers beats, trims them, and writes a digest", () => {
    expect(beatLines([beat(" The job ", "Mara is hired. "), beat("", "")])).toEqual([
      { n: 1, title: "The job", text: "Mara is hired." },
      { n: 2, title: "", text: "" },
    ]);
    expect(outlineDigest(HEIST)).toBe("1. The job — Mara is hired to rob her own bank. 2. The twist — The vault is empty.");
    expect(outlineDigest([])).toBe("");
  });
  it("compares an outline by its digest, or by its beats when the digest is empty", () => {
    expect(comparableText(alts[1]!)).toBe("Mara robs her own bank and finds it empty.");
    expect(comparableText(alt("x", " ", { title: "T", outline: HEIST }))).toBe(outlineDigest(HEIST));
  });
});

describe("outline jobs and cycling", () => {
  it("knows an outline job by its batch, or by a stream with several beats", () => {
    expect(isOutlineJob({ batchId: "b1" }, ["b1"], 0)).toBe(true);
    expect(isOutlineJob({ batchId: "b2" }, ["b1"], 1)).toBe(false);
    expect(isOutlineJob({ batchId: null }, [], 3)).toBe(true);
  });
  it("never cycles an outline alt into the premise's text", () => {
    expect(isKept(alts[1]!)).toBe(false);
    expect(cycleStep(alts, -0.5, "next")?.altId).toBe("p2");
  });
});
