/**
 * A creator's status, computed from dates on the day of the check — never stored, so it changes by
 * itself on the 1st of January when a term runs out.
 *
 * - Persons: public domain when they died at least `term` full years before the current year
 *   (life+70 in 2026: died 1955 or earlier). No death year and born within the last 120 years means
 *   living. No death year and born earlier: presumed to have died at 100, and judged on that.
 * - Groups: protected while any member is (members judged as persons). A group with no dated members
 *   is protected.
 * - Studios: a company's works run on the corporate term (95 years from publication in the US), so a
 *   studio is protected while it is active or closed within the last 95 years.
 */
import type { CreatorRecord } from "./creatorSchema";
import type { CreatorStatus, Jurisdiction } from "./types";

/** Full calendar years after the death year before the works are free. */
const TERM_YEARS: Record<Jurisdiction, number> = { "life+70": 70, "life+50": 50, "us-conservative": 95 };
const CORPORATE_TERM = 95;
const LIVING_WINDOW = 120;
const PRESUMED_LIFESPAN = 100;

export interface StatusVerdict {
  status: CreatorStatus;
  /** "public domain (life+70)", "living — protected", "protected until 2032 (life+70)". */
  reason: string;
}

/** The first year in which works of someone who died in `died` are public domain. */
export function publicDomainFrom(died: number, jurisdiction: Jurisdiction): number {
  return died + TERM_YEARS[jurisdiction] + 1;
}

interface Lifespan {
  born?: number | null;
  died?: number | null;
}

function personVerdict(p: Lifespan, year: number, jurisdiction: Jurisdiction): StatusVerdict {
  const term = `(${jurisdiction})`;
  let died = p.died ?? null;
  let presumed = false;
  if (died === null) {
    if (p.born == null || p.born > year - LIVING_WINDOW) return { status: "protected", reason: "living — protected" };
    died = p.born + PRESUMED_LIFESPAN;
    presumed = true;
  }
  const free = publicDomainFrom(died, jurisdiction);
  const presumedWords = presumed ? `death year unknown, presumed by ${died} — ` : "";
  if (year >= free) return { status: "public-domain", reason: `${presumedWords}public domain ${term}` };
  return { status: "protected", reason: `${presumedWords}protected until ${free} ${term}` };
}

export function creatorStatus(c: CreatorRecord, year: number, jurisdiction: Jurisdiction): StatusVerdict {
  if (c.type === "person") return personVerdict(c, year, jurisdiction);
  if (c.type === "group") {
    const members = c.members ?? [];
    if (members.length === 0) return { status: "protected", reason: "protected (members unknown)" };
    for (const m of members) {
      const v = personVerdict(m, year, jurisdiction);
      if (v.status === "protected") return { status: "protected", reason: `protected while a member is (${m.name}: ${v.reason})` };
    }
    return { status: "public-domain", reason: `every member's works are public domain (${jurisdiction})` };
  }
  if (c.dissolved == null) return { status: "protected", reason: "active — protected" };
  const free = c.dissolved + CORPORATE_TERM + 1;
  if (year >= free) return { status: "public-domain", reason: "public domain (corporate term, 95 years)" };
  return { status: "protected", reason: `protected until ${free} (corporate term, 95 years)` };
}

/** "Jane Austen, 1775–1817" / "Taylor Swift, b. 1989" / "Pixar, studio, 1986–". */
export function creatorLabel(c: CreatorRecord): string {
  if (c.type === "person") {
    if (c.born != null && c.died != null) return `${c.name}, ${c.born}–${c.died}`;
    if (c.born != null) return `${c.name}, b. ${c.born}`;
    return c.name;
  }
  if (c.type === "studio") return `${c.name}, studio${c.founded != null ? `, ${c.founded}–${c.dissolved ?? ""}` : ""}`;
  return `${c.name} (group)`;
}
