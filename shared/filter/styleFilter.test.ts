import { describe, expect, it } from "vitest";
import type { CreatorRecord } from "./creatorSchema";
import { foldedTokens } from "./normalize";
import { createStyleFilter } from "./styleFilter";
import { DEFAULT_FILTER_SETTINGS, type FilterDecision, type FilterSettings } from "./types";

const traits = (adjectives: string[], tradition: string, form: string) => ({ adjectives, tradition, form });

const CREATORS: CreatorRecord[] = [
  {
    name: "Quentin Tarantino",
    type: "person",
    fields: ["director", "screenwriter"],
    aliases: ["Quentin Jerome Tarantino"],
    born: 1963,
    traits: traits(["stylized", "violent", "dialogue-heavy"], "crime cinema", "nonlinear chapters"),
    signature: ["Pulp Fiction", "Mia Wallace"],
  },
  { name: "Jane Austen", type: "person", fields: ["novelist"], born: 1775, died: 1817 },
  { name: "Jonathan Swift", type: "person", fields: ["essayist"], born: 1667, died: 1745 },
  { name: "Taylor Swift", type: "person", fields: ["songwriter"], born: 1989, traits: traits(["confessional", "melodic"], "pop songwriting", "verse-chorus song") },
  { name: "Stephen King", type: "person", fields: ["novelist"], born: 1947, traits: traits(["creepy", "small-town"], "horror fiction", "long novel") },
  { name: "David Sedaris", type: "person", fields: ["essayist"], born: 1956, traits: traits(["wry", "self-deprecating"], "personal essay", "humor essay") },
  { name: "Jerry Seinfeld", type: "person", fields: ["comedian"], born: 1954 },
  { name: "John Irving", type: "person", fields: ["novelist"], born: 1942, traits: traits(["sprawling", "tragicomic"], "literary fiction", "family saga") },
  { name: "Sarah Silverman", type: "person", fields: ["comedian"], born: 1970, traits: traits(["deadpan", "provocative"], "stand-up comedy", "set") },
  { name: "A. A. Milne", type: "person", fields: ["children's author"], born: 1882, died: 1956, traits: traits(["gentle", "whimsical"], "nursery fiction", "bedtime story") },
  // Traits that name the creator's own signature work: a rewrite would leak it.
  { name: "Vera Noirette", type: "person", fields: ["novelist"], born: 1980, traits: traits(["dark", "moody"], "Midnight Rain mysteries", "novel"), signature: ["Midnight Rain"] },
];

const filter = createStyleFilter(CREATORS);
const TODAY = "2026-06-01";

function check(text: string, settings: Partial<FilterSettings> = {}, today: string | Date = TODAY): FilterDecision {
  const d = filter.check(text, { settings: { ...DEFAULT_FILTER_SETTINGS, ...settings }, today });
  // Every match, whatever the decision, points at exactly what the writer typed.
  for (const m of d.matches) {
    expect(text.slice(m.start, m.end)).toBe(m.matched);
    expect(m.nameStart).toBeGreaterThanOrEqual(m.start);
    expect(m.nameEnd).toBeLessThanOrEqual(m.end);
  }
  return d;
}

/** The folded words of `text` contain none of Tarantino's names, short forms or signature elements. */
function leaksTarantino(text: string): boolean {
  const words = ` ${foldedTokens(text).join(" ")} `;
  return [" tarantino ", " quentin ", " jerome ", " pulp fiction ", " mia wallace "].some((w) => words.includes(w));
}

describe("decisions", () => {
  it("allows a public-domain creator, with the public-domain reason", () => {
    const d = check("Write it in the style of Jane Austen.");
    expect(d.decision).toBe("allow");
    expect(d.text).toBe("Write it in the style of Jane Austen.");
    expect(d.matches).toHaveLength(1);
    expect(d.matches[0]).toMatchObject({ name: "Jane Austen", status: "public-domain", action: "allow", matched: "in the style of Jane Austen" });
    expect(d.matches[0]!.reason).toBe("Jane Austen, 1775–1817 — public domain (life+70)");
    expect(d.message).toBeUndefined();
  });

  it("rewrites a protected creator with traits, and the replacement never names them", () => {
    const text = "Write it in the style of Tarantino.";
    const d = check(text);
    expect(d.decision).toBe("rewrite");
    const m = d.matches[0]!;
    expect(m).toMatchObject({ name: "Quentin Tarantino", status: "protected", action: "rewrite" });
    expect(m.reason).toBe("Quentin Tarantino, b. 1963 — living — protected");
    expect(m.replacement).toBe("in a stylized, violent and dialogue-heavy style drawn from crime cinema (nonlinear chapters)");
    expect(d.text).toBe(`Write it ${m.replacement}.`);
    expect(leaksTarantino(d.text)).toBe(false);
    expect(d.message).toContain("Quentin Tarantino");
  });

  it("never puts a name, alias or signature element into a replacement, for any trigger form", () => {
    for (const text of ["in the style of Quentin Jerome Tarantino", "a Tarantino joke", "in Tarantino's style", "a pastiche of Tarantino", "channel Quentin Tarantino"]) {
      const d = check(text);
      expect(d.decision, text).toBe("rewrite");
      expect(leaksTarantino(d.matches[0]!.replacement!), text).toBe(false);
      expect(leaksTarantino(d.text), text).toBe(false);
    }
  });

  it("blocks a protected creator without traits", () => {
    const d = check("in the style of Seinfeld");
    expect(d.decision).toBe("block");
    expect(d.text).toBe("in the style of Seinfeld");
    expect(d.matches[0]).toMatchObject({ name: "Jerry Seinfeld", status: "protected", action: "block" });
    expect(d.matches[0]!.replacement).toBeUndefined();
    expect(d.message).toContain("Jerry Seinfeld");
  });

  it("blocks instead of rewriting when the traits would carry a signature element", () => {
    const d = check("in the style of Noirette");
    expect(d.decision).toBe("block");
    expect(d.matches[0]!.replacement).toBeUndefined();
  });

  it("blocks every protected creator in strict mode", () => {
    const d = check("in the style of Tarantino", { mode: "strict" });
    expect(d).toMatchObject({ decision: "block", text: "in the style of Tarantino", mode: "strict" });
    expect(d.matches[0]!.action).toBe("block");
  });

  it("warns in warn mode and sends the text unchanged", () => {
    const d = check("in the style of Tarantino", { mode: "warn" });
    expect(d).toMatchObject({ decision: "warn", text: "in the style of Tarantino", mode: "warn" });
    expect(d.matches[0]).toMatchObject({ action: "warn", status: "protected" });
    expect(d.message).toContain("Quentin Tarantino");
  });

  it("off mode without acknowledgement behaves like rewrite", () => {
    const d = check("in the style of Tarantino", { mode: "off" });
    expect(d.decision).toBe("rewrite");
    expect(d.mode).toBe("rewrite");
    expect(d.text).not.toContain("Tarantino");
  });

  it("off mode with acknowledgement allows without checking", () => {
    const d = check("in the style of Tarantino", { mode: "off", offAcknowledged: true });
    expect(d).toEqual({ decision: "allow", text: "in the style of Tarantino", matches: [], mode: "off" });
  });

  it("asks when a surname is shared by a public-domain and a protected creator", () => {
    const d = check("in the style of Swift");
    expect(d.decision).toBe("ask");
    expect(d.text).toBe("in the style of Swift");
    const m = d.matches[0]!;
    expect(m).toMatchObject({ name: "Swift", status: "ambiguous", action: "ask" });
    expect(m.candidates!.map((c) => [c.name, c.status])).toEqual([
      ["Jonathan Swift", "public-domain"],
      ["Taylor Swift", "protected"],
    ]);
    expect(d.message).toContain("Say which one you mean");
  });
});

describe("project lists, aliases and overrides", () => {
  it("allows an allow-listed protected creator, with the reason", () => {
    const d = check("in the style of Seinfeld", { allow: [{ name: "Jerry Seinfeld", reason: "licensed parody" }] });
    expect(d.decision).toBe("allow");
    expect(d.matches[0]).toMatchObject({ name: "Jerry Seinfeld", status: "allow-listed", action: "allow", reason: "On this project's allow list: licensed parody" });
  });

  it("blocks a deny-listed name that is not in the creators list", () => {
    const d = check("in the style of Bob Nobody", { deny: [{ name: "Bob Nobody", reason: "client asked not to" }] });
    expect(d.decision).toBe("block");
    expect(d.matches[0]).toMatchObject({ name: "Bob Nobody", status: "deny-listed", action: "block", reason: "On this project's deny list: client asked not to" });
    expect(check("in the style of Bob Nobody").decision).toBe("allow");
  });

  it("blocks a deny-listed public-domain creator", () => {
    const d = check("in the style of Jane Austen", { deny: [{ name: "Jane Austen", reason: "house style" }] });
    expect(d.decision).toBe("block");
    expect(d.matches[0]!.status).toBe("deny-listed");
  });

  it("an alias resolves an ambiguous surname", () => {
    const d = check("in the style of Swift", { aliases: [{ alias: "Swift", name: "Jonathan Swift" }] });
    expect(d.decision).toBe("allow");
    expect(d.matches[0]).toMatchObject({ name: "Jonathan Swift", status: "public-domain", action: "allow" });
  });

  it("uses the writer's own words from a rewrite override", () => {
    const d = check("in the style of Tarantino", { rewrites: [{ name: "Quentin Tarantino", text: "  punchy and profane " }] });
    expect(d.decision).toBe("rewrite");
    expect(d.text).toBe("in a style that is punchy and profane");
  });

  it.each(["as bold as Quentin Tarantino", "full of Pulp Fiction energy"])("blocks rather than send an override that names the creator (%s)", (override) => {
    const d = check("in the style of Tarantino", { rewrites: [{ name: "Quentin Tarantino", text: override }] });
    expect(d.decision).toBe("block");
    expect(d.text).toBe("in the style of Tarantino");
    expect(d.matches[0]!.replacement).toBeUndefined();
  });
});

describe("trigger forms", () => {
  it.each([
    ["Write it in the style of Tarantino.", "in the style of Tarantino"],
    ["Write à la Tarantino", "à la Tarantino"],
    ["Channel Tarantino for this scene", "Channel Tarantino"],
    ["a Tarantinoesque scene", "a Tarantinoesque"],
    ["Tarantino-esque dialogue, please", "Tarantino-esque"],
    ["a Tarantino-style scene", "a Tarantino-style"],
    ["Do it in Tarantino's style", "Tarantino's style"],
    ["Tell me a Tarantino joke", "a Tarantino joke"],
    ["Say it like Tarantino would", "like Tarantino"],
    ["Schreib im Stil von Tarantino", "im Stil von Tarantino"],
    ["Escribe al estilo de Tarantino", "al estilo de Tarantino"],
    ["Write a pastiche of Tarantino", "a pastiche of Tarantino"],
  ])("catches %j", (text, matched) => {
    const d = check(text);
    expect(d.decision).toBe("rewrite");
    expect(d.matches).toHaveLength(1);
    expect(d.matches[0]).toMatchObject({ name: "Quentin Tarantino", matched });
  });

  it.each(["We drove to Irving, Texas", "Detective Silverman said nothing", "Stephen King wrote a lot", "a story about a king"])("leaves a name without a trigger alone: %j", (text) => {
    const d = check(text);
    expect(d.decision).toBe("allow");
    expect(d.matches).toEqual([]);
  });

  it("needs a capital for a surname that is also a common word", () => {
    expect(check("write like a king").matches).toEqual([]);
    expect(check("in the style of king").matches).toEqual([]);
    const d = check("in the style of King");
    expect(d.decision).toBe("rewrite");
    expect(d.matches[0]!.name).toBe("Stephen King");
  });
});

describe("offsets and rewritten text", () => {
  const applied = (text: string, d: FilterDecision) =>
    [...d.matches].sort((a, b) => b.start - a.start).reduce((s, m) => (m.action === "rewrite" ? s.slice(0, m.start) + m.replacement! + s.slice(m.end) : s), text);

  it("replaces each rewrite's [start, end) region of the original, several in one text", () => {
    const text = "Open in the style of Tarantino, then channel Sedaris, then in the style of Jane Austen.";
    const d = check(text);
    expect(d.decision).toBe("rewrite");
    expect(d.matches.map((m) => [m.name, m.action])).toEqual([
      ["Quentin Tarantino", "rewrite"],
      ["David Sedaris", "rewrite"],
      ["Jane Austen", "allow"],
    ]);
    expect(d.text).toBe(applied(text, d));
    expect(d.text).toContain(", then write in a wry and self-deprecating style");
    expect(d.text.endsWith("in the style of Jane Austen.")).toBe(true);
  });

  it("keeps exact offsets when the name is wrapped in zero-width characters", () => {
    const text = "Go in the style of \u200BTarantino\u200B please";
    const d = check(text);
    expect(d.decision).toBe("rewrite");
    const m = d.matches[0]!;
    expect(text.slice(m.nameStart, m.nameEnd)).toBe("Tarantino");
    expect(d.text).toBe(applied(text, d));
    expect(d.text).toBe(`Go ${m.replacement}\u200B please`);
  });

  it("catches a name hidden with look-alikes and spacing, at its typed offsets", () => {
    const text = "in the style of T a r a n t i n o, and in the style of \u0422\u0430rantino";
    const d = check(text);
    expect(d.matches.map((m) => text.slice(m.nameStart, m.nameEnd))).toEqual(["T a r a n t i n o", "\u0422\u0430rantino"]);
    expect(d.text).toBe(applied(text, d));
  });
});

describe("the day of the check", () => {
  it("rolls over on the 1st of January (died 1956, life+70)", () => {
    const before = check("in the style of Milne", {}, "2026-12-31");
    expect(before.decision).toBe("rewrite");
    expect(before.matches[0]!.reason).toBe("A. A. Milne, 1882–1956 — protected until 2027 (life+70)");
    const after = check("in the style of Milne", {}, "2027-01-01");
    expect(after.decision).toBe("allow");
    expect(after.matches[0]!.reason).toBe("A. A. Milne, 1882–1956 — public domain (life+70)");
    expect(check("in the style of Milne", {}, new Date(2027, 0, 1)).decision).toBe("allow");
  });

  it("rejects a day that is not YYYY-MM-DD", () => {
    expect(() => check("in the style of Milne", {}, "1/1/2027")).toThrow(/Not a date/);
  });
});

describe("known bugs", () => {
  it("an emoji before the request shifts every offset and corrupts the rewrite", () => {
    // Today: matched is "n the style of Tarantino" and the text becomes "😀 iin a stylized, …".
    const d = check("😀 in the style of Tarantino");
    expect(d.matches[0]!.matched).toBe("in the style of Tarantino");
    expect(d.text).toBe(`😀 ${d.matches[0]!.replacement}`);
  });

  it("an emoji before a common-word surname lets it through (capital read from the wrong character)", () => {
    expect(check("😀 in the style of King").decision).toBe("rewrite");
  });

  it("mathematical bold capitals are not seen as capitals, so a common-word surname slips through", () => {
    expect(check("in the style of 𝐊𝐢𝐧𝐠").decision).toBe("rewrite");
  });

  it("a bare possessive apostrophe is left behind by a rewrite (\"in Sedaris' style\")", () => {
    // Today: "in a wry, self-deprecating' style".
    expect(check("in Sedaris' style").text).toBe("in a wry, self-deprecating style");
  });
});
