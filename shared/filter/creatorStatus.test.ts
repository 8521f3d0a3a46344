import { describe, expect, it } from "vitest";
import type { CreatorRecord } from "./creatorSchema";
import { creatorLabel, creatorStatus, publicDomainFrom } from "./creatorStatus";

const person = (born: number | null, died: number | null, name = "A Person"): CreatorRecord => ({ name, type: "person", fields: ["novelist"], born, died });
const group = (members: CreatorRecord["members"]): CreatorRecord => ({ name: "The Troupe", type: "group", fields: ["comedian"], ...(members ? { members } : {}) });
const studio = (founded: number | null, dissolved: number | null): CreatorRecord => ({ name: "Acme Pictures", type: "studio", fields: ["studio"], founded, dissolved });

describe("publicDomainFrom", () => {
  it("is the first year after the full term", () => {
    expect(publicDomainFrom(1955, "life+70")).toBe(2026);
    expect(publicDomainFrom(1956, "life+70")).toBe(2027);
    expect(publicDomainFrom(1975, "life+50")).toBe(2026);
    expect(publicDomainFrom(1930, "us-conservative")).toBe(2026);
  });
});

describe("persons under life+70", () => {
  it("died 1955: public domain in 2026", () => {
    const v = creatorStatus(person(1880, 1955), 2026, "life+70");
    expect(v.status).toBe("public-domain");
    expect(v.reason).toBe("public domain (life+70)");
  });

  it("died 1956: protected in 2026, public domain from 2027", () => {
    const v = creatorStatus(person(1882, 1956), 2026, "life+70");
    expect(v.status).toBe("protected");
    expect(v.reason).toBe("protected until 2027 (life+70)");
    expect(creatorStatus(person(1882, 1956), 2027, "life+70").status).toBe("public-domain");
  });

  it("died this year or later than the year asked: protected", () => {
    expect(creatorStatus(person(1940, 2026), 2026, "life+70").status).toBe("protected");
  });

  it("died long ago, with no birth year: public domain", () => {
    expect(creatorStatus(person(null, 1616), 2026, "life+70").status).toBe("public-domain");
  });
});

describe("other jurisdictions", () => {
  it("life+50: died 1975 is free in 2026, died 1976 is not", () => {
    expect(creatorStatus(person(1900, 1975), 2026, "life+50").status).toBe("public-domain");
    const v = creatorStatus(person(1900, 1976), 2026, "life+50");
    expect(v.status).toBe("protected");
    expect(v.reason).toBe("protected until 2027 (life+50)");
  });

  it("us-conservative: 95 full years (died 1930 free in 2026, died 1931 not)", () => {
    expect(creatorStatus(person(1860, 1930), 2026, "us-conservative").status).toBe("public-domain");
    const v = creatorStatus(person(1860, 1931), 2026, "us-conservative");
    expect(v.status).toBe("protected");
    expect(v.reason).toBe("protected until 2027 (us-conservative)");
  });

  it("the same death year differs by jurisdiction", () => {
    const p = person(1890, 1960);
    expect(creatorStatus(p, 2026, "life+50").status).toBe("public-domain");
    expect(creatorStatus(p, 2026, "life+70").status).toBe("protected");
    expect(creatorStatus(p, 2026, "us-conservative").status).toBe("protected");
  });
});

describe("living and unknown death", () => {
  it("no death year and born within 120 years: living", () => {
    const v = creatorStatus(person(1963, null), 2026, "life+70");
    expect(v).toEqual({ status: "protected", reason: "living — protected" });
    expect(creatorStatus(person(1907, null), 2026, "life+50").reason).toBe("living — protected");
  });

  it("no dates at all: living", () => {
    expect(creatorStatus(person(null, null), 2026, "life+70")).toEqual({ status: "protected", reason: "living — protected" });
    const undated: CreatorRecord = { name: "Someone", type: "person", fields: ["poet"] };
    expect(creatorStatus(undated, 2026, "life+70").status).toBe("protected");
  });

  it("no death year and born 120 years ago: presumed dead at 100 and judged on that", () => {
    const v = creatorStatus(person(1906, null), 2026, "life+70");
    expect(v.status).toBe("protected");
    expect(v.reason).toBe("death year unknown, presumed by 2006 — protected until 2077 (life+70)");
  });

  it("no death year and born long ago: public domain", () => {
    const v = creatorStatus(person(1800, null), 2026, "life+70");
    expect(v.status).toBe("public-domain");
    expect(v.reason).toBe("death year unknown, presumed by 1900 — public domain (life+70)");
  });

  it("the presumed death year moves the boundary like a real one", () => {
    // born 1855 → presumed 1955 → free in 2026 under life+70; born 1856 → 2027.
    expect(creatorStatus(person(1855, null), 2026, "life+70").status).toBe("public-domain");
    expect(creatorStatus(person(1856, null), 2026, "life+70").status).toBe("protected");
    expect(creatorStatus(person(1856, null), 2027, "life+70").status).toBe("public-domain");
  });
});

describe("groups", () => {
  it("are protected while any member is, naming that member", () => {
    const g = group([
      { name: "Old Member", born: 1850, died: 1920 },
      { name: "Young Member", born: 1950 },
    ]);
    const v = creatorStatus(g, 2026, "life+70");
    expect(v.status).toBe("protected");
    expect(v.reason).toContain("Young Member");
    expect(v.reason).toContain("living — protected");
  });

  it("a member who died within the term keeps the group protected", () => {
    const g = group([
      { name: "First", born: 1850, died: 1900 },
      { name: "Last", born: 1880, died: 1956 },
    ]);
    expect(creatorStatus(g, 2026, "life+70").status).toBe("protected");
    expect(creatorStatus(g, 2027, "life+70").status).toBe("public-domain");
  });

  it("are public domain when every member died long ago", () => {
    const g = group([
      { name: "First", born: 1800, died: 1870 },
      { name: "Second", born: 1810, died: 1890 },
    ]);
    const v = creatorStatus(g, 2026, "life+70");
    expect(v.status).toBe("public-domain");
    expect(v.reason).toBe("every member's works are public domain (life+70)");
  });

  it("with no members (or an empty list) are protected", () => {
    expect(creatorStatus(group(undefined), 2026, "life+70")).toEqual({ status: "protected", reason: "protected (members unknown)" });
    expect(creatorStatus(group([]), 2026, "life+70").status).toBe("protected");
  });

  it("an undated member counts as living", () => {
    expect(creatorStatus(group([{ name: "Nobody Knows" }]), 2026, "life+70").status).toBe("protected");
  });
});

describe("studios (95-year corporate term)", () => {
  it("an active studio is protected", () => {
    expect(creatorStatus(studio(1986, null), 2026, "life+70")).toEqual({ status: "protected", reason: "active — protected" });
    expect(creatorStatus(studio(1900, null), 2300, "life+50").status).toBe("protected");
  });

  it("a studio dissolved 95+ full years ago is public domain, whatever the jurisdiction", () => {
    for (const j of ["life+70", "life+50", "us-conservative"] as const) {
      expect(creatorStatus(studio(1910, 1930), 2026, j)).toEqual({ status: "public-domain", reason: "public domain (corporate term, 95 years)" });
    }
  });

  it("a studio dissolved within the term is protected until it runs out", () => {
    const v = creatorStatus(studio(1910, 1931), 2026, "life+70");
    expect(v.status).toBe("protected");
    expect(v.reason).toBe("protected until 2027 (corporate term, 95 years)");
    expect(creatorStatus(studio(1910, 1931), 2027, "life+70").status).toBe("public-domain");
  });
});

describe("creatorLabel", () => {
  it("labels persons by what is known", () => {
    expect(creatorLabel(person(1775, 1817, "Jane Austen"))).toBe("Jane Austen, 1775–1817");
    expect(creatorLabel(person(1989, null, "Taylor Swift"))).toBe("Taylor Swift, b. 1989");
    expect(creatorLabel(person(null, 1616, "Someone"))).toBe("Someone");
    expect(creatorLabel(person(null, null, "Anon"))).toBe("Anon");
  });

  it("labels studios and groups", () => {
    expect(creatorLabel({ ...studio(1986, null), name: "Pixar" })).toBe("Pixar, studio, 1986–");
    expect(creatorLabel(studio(1910, 1931))).toBe("Acme Pictures, studio, 1910–1931");
    expect(creatorLabel(studio(null, null))).toBe("Acme Pictures, studio");
    expect(creatorLabel(group([]))).toBe("The Troupe (group)");
  });
});
