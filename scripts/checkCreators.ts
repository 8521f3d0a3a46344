/**
 * Checks the curated creators list: schema, duplicates across files, traits that leak a name or a
 * signature element, and counts. `npx tsx scripts/checkCreators.ts [file…]` (default: every file).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { creatorFileSchema, type CreatorRecord } from "../shared/filter/creatorSchema";

const dir = join(import.meta.dirname, "..", "resources", "creators");
const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => join(dir, f));

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9 ]/g, " ").replace(/\s+/g, " ").trim();

let problems = 0;
const seen = new Map<string, string>();
let total = 0;
let living = 0;
let withTraits = 0;
const thisYear = new Date().getFullYear();
for (const file of files) {
  let parsed;
  try {
    parsed = creatorFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  } catch (e) {
    console.log(`${file}: not JSON: ${(e as Error).message}`);
    problems++;
    continue;
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20)) console.log(`${file}: ${issue.path.join(".")}: ${issue.message}`);
    problems += parsed.error.issues.length;
    continue;
  }
  for (const c of parsed.data.creators as CreatorRecord[]) {
    total++;
    // Same name and birth year = the same person twice; homonyms (two David Mitchells) are real.
    const key = `${fold(c.name)}|${c.born ?? c.founded ?? ""}`;
    const where = seen.get(key);
    if (where) {
      console.log(`duplicate: ${c.name} in ${file} and ${where}`);
      problems++;
    } else seen.set(key, file);
    const alive = c.type === "person" ? c.died == null && (c.born == null || c.born > thisYear - 120) : true;
    if (alive) living++;
    if (c.type === "person" && c.born == null) {
      console.log(`${file}: ${c.name}: no birth year`);
      problems++;
    }
    if (c.type === "person" && c.born != null && c.died != null && c.died < c.born) {
      console.log(`${file}: ${c.name}: died before born`);
      problems++;
    }
    if (c.type === "group" && !(c.members && c.members.length)) {
      console.log(`${file}: ${c.name}: group without members`);
      problems++;
    }
    if (c.traits) {
      withTraits++;
      const traitText = ` ${fold([...c.traits.adjectives, c.traits.tradition, c.traits.form].join(" "))} `;
      const names = [c.name, ...(c.aliases ?? []), ...(c.pseudonyms ?? []), ...(c.surnames ?? []), ...(c.adjectives ?? []), ...(c.signature ?? [])];
      const nameWords = names.flatMap((n) => [fold(n), ...(n === c.name ? [fold(n).split(" ").pop() ?? ""] : [])]);
      for (const n of nameWords) {
        if (n.length > 2 && traitText.includes(` ${n} `)) {
          console.log(`${file}: ${c.name}: traits mention "${n}"`);
          problems++;
        }
      }
    }
  }
}
console.log(`${total} creators, ${living} living or active, ${withTraits} with traits, ${problems} problems`);
process.exit(problems ? 1 : 0);
