import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { areNearDuplicates, groupNearDuplicates, normalizeForComparison } from "./nearDuplicates";

const JOKE =
  "My landlord says the rent is going up because the building has character, which is true: the character is a raccoon and he pays less than me.";

const alts = (...texts: string[]) => texts.map((text, i) => ({ id: `a${i}`, text }));
const groups = (...texts: string[]) => groupNearDuplicates(alts(...texts)).map((g) => g.memberIds);

describe("normalizeForComparison", () => {
  it("NFKC, lower case, quotes and punctuation gone, apostrophes dropped inside words, whitespace collapsed", () => {
    expect(normalizeForComparison("  “Don’t,”  she said…\n\tＦＩＮＥ!  ")).toBe("dont she said fine");
    expect(normalizeForComparison("well...yes")).toBe("well yes");
    expect(normalizeForComparison("'Quoted' — em-dash")).toBe("quoted em dash");
    expect(normalizeForComparison("")).toBe("");
  });
});

describe("groupNearDuplicates", () => {
  it("groups identical texts", () => {
    expect(groups("Knock knock.", "Knock knock.", "Who's there?")).toEqual([["a0", "a1"], ["a2"]]);
  });

  it("groups whitespace and punctuation variants", () => {
    expect(groups("Knock, knock!", "knock   knock", "“Knock knock…”", "Knock\nknock.")).toEqual([["a0", "a1", "a2", "a3"]]);
    expect(groups("I don't know.", "I dont know", "I do not know")).toEqual([["a0", "a1"], ["a2"]]);
  });

  it("groups case variants", () => {
    expect(groups("THE RENT IS DUE", "The rent is due.", "the Rent is DUE")).toEqual([["a0", "a1", "a2"]]);
  });

  it("groups a one-word change in a long joke", () => {
    const changed = JOKE.replace("raccoon", "possum");
    const typo = JOKE.replace("building", "bulding");
    expect(areNearDuplicates(JOKE, changed)).toBe(true);
    expect(groups(JOKE, changed, typo)).toEqual([["a0", "a1", "a2"]]);
  });

  it("groups the same words reordered in a long text", () => {
    const a = "At the end of the pier Mara waited for the postman with the letter in her coat pocket all night";
    const b = "Mara waited all night at the end of the pier for the postman with the letter in her coat pocket";
    expect(groups(a, b)).toEqual([["a0", "a1"]]);
  });

  it("does not group a genuinely different alt, nor a long joke with a different punchline", () => {
    const different = "The landlord finally fixed the heating, and now the raccoon wants a lease.";
    const punchline = "My landlord says the rent is going up because the building has character, which is true: the character is him.";
    expect(groups(JOKE, different, punchline)).toEqual([["a0"], ["a1"], ["a2"]]);
  });

  it("does not group short lines that differ by a word (the word is the joke)", () => {
    expect(groups("I'm not mad.", "I'm not sad.", "I'm not mad!")).toEqual([["a0", "a2"], ["a1"]]);
  });

  it("keeps groups and members in input order, the representative first; empty input gives no groups", () => {
    const changed = JOKE.replace("raccoon", "possum");
    const g = groupNearDuplicates([
      { id: "x", text: "Other." },
      { id: "y", text: changed },
      { id: "z", text: JOKE },
      { id: "w", text: "other" },
    ]);
    expect(g).toEqual([
      { representativeId: "x", memberIds: ["x", "w"] },
      { representativeId: "y", memberIds: ["y", "z"] },
    ]);
    expect(groupNearDuplicates([])).toEqual([]);
  });

  it("options tighten or loosen the rules", () => {
    const changed = JOKE.replace("raccoon", "possum");
    expect(groupNearDuplicates(alts(JOKE, changed), { maxDistanceRatio: 0.01, minJaccard: 1 })).toHaveLength(2);
    expect(groupNearDuplicates(alts("I'm not mad.", "I'm not sad."), { minWords: 1 })).toHaveLength(1);
  });

  it("is a partition of the input ids, in input order, with each group led by its first member", () => {
    const word = fc.constantFrom("the", "rent", "raccoon", "landlord", "is", "up", "Rent,", "RACCOON!", "“up”", "lease");
    const text = fc.oneof(
      fc.array(word, { maxLength: 14 }).map((w) => w.join(" ")),
      fc.constantFrom(JOKE, JOKE.replace("raccoon", "possum"), JOKE.toUpperCase()),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 25 }), (texts) => {
        const input = alts(...texts);
        const out = groupNearDuplicates(input);
        const flat = out.flatMap((g) => g.memberIds);
        expect([...flat].sort()).toEqual(input.map((a) => a.id).sort());
        expect(new Set(flat).size).toBe(flat.length);
        const order = (id: string) => input.findIndex((a) => a.id === id);
        for (const g of out) {
          expect(g.memberIds[0]).toBe(g.representativeId);
          expect(g.memberIds.map(order)).toEqual([...g.memberIds.map(order)].sort((a, b) => a - b));
        }
        const reps = out.map((g) => order(g.representativeId));
        expect(reps).toEqual([...reps].sort((a, b) => a - b));
        // Identical normalised texts always share a group.
        const groupOf = new Map(out.flatMap((g, i) => g.memberIds.map((id) => [id, i] as const)));
        for (const a of input)
          for (const b of input)
            if (normalizeForComparison(a.text) === normalizeForComparison(b.text)) expect(groupOf.get(a.id)).toBe(groupOf.get(b.id));
      }),
      { numRuns: 200 },
    );
  });

  // Speed is measured in the benchmark, not asserted here; this checks a full batch is partitioned.
  it("partitions a full batch of 64 long alts", () => {
    const many = Array.from({ length: 64 }, (_, i) => ({ id: `a${i}`, text: `${JOKE} ${"variant ".repeat(i % 7)}${i % 3 ? JOKE : "something else entirely"}` }));
    const out = groupNearDuplicates(many);
    expect(out.flatMap((g) => g.memberIds).sort()).toEqual(many.map((a) => a.id).sort());
    expect(out.length).toBeGreaterThan(1);
    expect(out.length).toBeLessThan(64);
  });
});
