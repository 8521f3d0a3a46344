/**
 * `filter` and `filter-log` as writers and scripts run them: the decision JSON (as a real subprocess),
 * the date roll-over through --today, a project's own lists through --project, and the audit log a
 * real generation leaves when the filter rewrites or blocks its prompt (tiny test model).
 */
import * as fsp from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_FILTER_SETTINGS } from "../../shared/filter/types";
import type { Project } from "../../shared/story/model";
import { auditPathFor } from "../filter/auditLog";
import { parseCommandLine } from "./args";
import { cliInProcess, cliSubprocess, HAS_MODEL, useCliHome, withModel } from "./cliTestKit";
import type { decisionJson } from "./filterCommands";

const dirs = useCliHome("cascade-cli-filter-");
type DecisionJson = ReturnType<typeof decisionJson>;

async function decide(args: string[]): Promise<DecisionJson> {
  const r = await cliInProcess(["filter", ...args, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as DecisionJson;
}

async function setFilter(file: string, filter: Partial<typeof DEFAULT_FILTER_SETTINGS>): Promise<void> {
  const project = JSON.parse(await fsp.readFile(file, "utf8")) as Project;
  project.settings.filter = { ...DEFAULT_FILTER_SETTINGS, ...filter };
  await fsp.writeFile(file, JSON.stringify(project));
}

describe("filter: the command line", () => {
  it("parses the prompt and options, and refuses bad dates, modes and profiles", () => {
    const p = (a: string[]) => parseCommandLine(a, "/tmp");
    expect(p(["filter", "a joke à la Seinfeld", "--today", "2027-01-01", "--mode", "strict"])).toMatchObject({
      name: "filter",
      prompt: "a joke à la Seinfeld",
      today: "2027-01-01",
      mode: "strict",
      jurisdiction: null,
      project: null,
    });
    expect(p(["filter", "x", "--jurisdiction", "life+50", "--project", "s.cascade"])).toMatchObject({ jurisdiction: "life+50", project: "/tmp/s.cascade" });
    for (const bad of [["filter"], ["filter", "x", "--today", "1/1/2027"], ["filter", "x", "--mode", "loud"], ["filter", "x", "--jurisdiction", "life+60"]]) {
      expect(() => p(bad), bad.join(" ")).toThrow();
    }
  });
});

describe("filter: decisions", () => {
  it("prints {decision, text, matches} with the text as it would be sent (a real subprocess)", async () => {
    const prompt = "Write a joke in the style of Jerry Seinfeld about airline food.";
    const r = await cliSubprocess(dirs.home, ["filter", prompt, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as DecisionJson;
    expect(d.decision).toBe("rewrite");
    expect(d.text).not.toMatch(/seinfeld/i);
    expect(d.text).toMatch(/^Write a joke in .+ about airline food\.$/);
    const [m] = d.matches;
    expect(m).toMatchObject({ name: "Jerry Seinfeld", status: "protected", action: "rewrite" });
    expect(prompt.slice(m!.start, m!.end)).toBe("in the style of Jerry Seinfeld");
    expect(m!.reason).toMatch(/1954/);
  });

  it("computes status from --today: died 1956 is protected on 2026-12-31 and public domain on 2027-01-01", async () => {
    const before = await decide(["a scene in the style of Bertolt Brecht", "--today", "2026-12-31"]);
    const after = await decide(["a scene in the style of Bertolt Brecht", "--today", "2027-01-01"]);
    expect(before.matches[0]).toMatchObject({ name: "Bertolt Brecht", status: "protected" });
    expect(before.decision).not.toBe("allow");
    expect(after).toMatchObject({ decision: "allow", text: "a scene in the style of Bertolt Brecht" });
    expect(after.matches[0]).toMatchObject({ name: "Bertolt Brecht", status: "public-domain" });
  });

  it("asks about an ambiguous name, blocks in strict mode, and uses a project's allow list", async () => {
    const ask = await decide(["a poem in the style of Swift"]);
    expect(ask.decision).toBe("ask");
    expect(ask.matches[0]!.candidates?.map((c) => c.name).sort()).toEqual(["Jonathan Swift", "Taylor Swift"]);
    expect((await decide(["a joke in the style of Jerry Seinfeld", "--mode", "strict"])).decision).toBe("block");

    const file = path.join(dirs.tmp, "parody.cascade");
    expect((await cliInProcess(["new", file, "--premise", "A sitcom parody."])).code).toBe(0);
    await setFilter(file, { allow: [{ name: "Jerry Seinfeld", reason: "licensed parody" }] });
    const allowed = await decide(["a joke in the style of Jerry Seinfeld", "--project", file]);
    expect(allowed.decision).toBe("allow");
    expect(allowed.matches[0]).toMatchObject({ status: "allow-listed", reason: expect.stringContaining("licensed parody") });
  });
});

describe.skipIf(!HAS_MODEL)("filter: what a generation leaves in the audit log", () => {
  it("a rewritten premise generates and is logged; in strict mode the job is refused, nothing is written, and that is logged", async () => {
    const file = path.join(dirs.tmp, "heist.cascade");
    expect((await cliInProcess(["new", file, "--premise", "A heist crew falls apart, in the style of Quentin Tarantino.", "--counts", "2,1,1"])).code).toBe(0);
    const gen = await cliInProcess(["generate", file, "--level", "beats", ...withModel]);
    expect(gen.code, gen.stderr).toBe(0);
    let log = JSON.parse((await cliInProcess(["filter-log", file, "--json"])).stdout) as { path: string; entries: Array<{ decision: string; matches: Array<{ name: string; replacement?: string }> }> };
    expect(log.path).toBe(auditPathFor(file));
    expect(log.entries[0]).toMatchObject({ decision: "rewrite", matches: [{ name: "Quentin Tarantino" }] });
    expect(log.entries[0]!.matches[0]!.replacement).not.toMatch(/tarantino/i);

    const strictFile = path.join(dirs.tmp, "strict.cascade");
    expect((await cliInProcess(["new", strictFile, "--premise", "A heist crew falls apart, in the style of Quentin Tarantino."])).code).toBe(0);
    await setFilter(strictFile, { mode: "strict" });
    const refused = await cliInProcess(["generate", strictFile, "--level", "beats", ...withModel]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/protected creators/);
    const saved = JSON.parse(await fsp.readFile(strictFile, "utf8")) as Project;
    expect(Object.values(saved.nodes).filter((n) => n.level === "beat")).toHaveLength(0);
    log = JSON.parse((await cliInProcess(["filter-log", strictFile, "--json"])).stdout);
    expect(log.entries[0]).toMatchObject({ decision: "block", matches: [{ name: "Quentin Tarantino" }] });
  });
});
