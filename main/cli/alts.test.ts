/**
 * `alts` and `binder` as writers run them: `alts -n 8 --json` as a real subprocess against the tiny
 * test model, the rest in-process through runCli (same code, no process start-up), in temp folders
 * with CASCADE_HOME pointed away from the user's settings.
 */
import * as fsp from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliInProcess, cliSubprocess, HAS_MODEL, useCliHome, withModel } from "./cliTestKit";
import { parseCommandLine } from "./args";
import type { AltJson } from "./altsCommands";
import type { StatusNodeJson } from "./output";

const dirs = useCliHome("cascade-cli-alts-");

const subprocess = (args: string[]) => cliSubprocess(dirs.home, args);
const inProc = cliInProcess;

async function okJson<T>(args: string[], via: "subprocess" | "in-process" = "in-process"): Promise<T> {
  const r = via === "subprocess" ? await subprocess([...args, "--json"]) : await inProc([...args, "--json"]);
  expect(r.code, `cascade ${args.join(" ")}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

interface BinderJson {
  path: string;
  entries: Array<{ nodeId: string; path: string; alts: Array<{ id: string; text: string; tags: string[]; note: string; score: number | null }> }>;
}

describe("alts: the command line", () => {
  it("parses -n, the marks, and refuses mixed or incomplete ones", () => {
    const p = (s: string) => parseCommandLine(s.split(" "), "/tmp");
    expect(p("alts s.cascade beat_1")).toMatchObject({ name: "alts", nodeId: "beat_1", action: { kind: "generate", count: 8, angle: null, unusual: false } });
    expect(p("alts s.cascade beat_1 -n 3 --unusual")).toMatchObject({ action: { kind: "generate", count: 3, unusual: true } });
    expect(p("alts s.cascade beat_1 --swap alt_1")).toMatchObject({ action: { kind: "swap", altId: "alt_1" } });
    expect(p("alts s.cascade beat_1 --star alt_1")).toMatchObject({ action: { kind: "mark", altId: "alt_1", starred: true } });
    expect(p("alts s.cascade beat_1 --tag alt_1 --tags funny,callback")).toMatchObject({ action: { kind: "mark", tags: ["funny", "callback"] } });
    expect(p("alts s.cascade premise_1 --outlines -n 10")).toMatchObject({ action: { kind: "generate", count: 10, outlines: true, unusual: false } });
    expect(p("alts s.cascade premise_1 --swap-outline alt_1")).toMatchObject({ action: { kind: "swapOutline", altId: "alt_1" } });
    for (const bad of ["alts s.cascade p --outlines --unusual", "alts s.cascade p --outlines --angle x", "alts s.cascade p --outlines --swap-outline a", "alts s.cascade p --swap a --swap-outline b"]) {
      expect(() => p(bad), bad).toThrow();
    }
    expect(p("binder s.cascade --query dog")).toMatchObject({ name: "binder", query: "dog", markdown: false });
    for (const bad of ["alts s.cascade beat_1 -n 0", "alts s.cascade beat_1 -n 65", "alts s.cascade beat_1 --swap a --star b", "alts s.cascade beat_1 -n 2 --swap a", "alts s.cascade beat_1 --tag a", "alts s.cascade", "binder s.cascade --markdown --query x"]) {
      expect(() => p(bad), bad).toThrow();
    }
  });
});

describe.skipIf(!HAS_MODEL)("alts and binder with the test model", () => {
  it("alts -n 8 --json prints 8 new alts with seed and score; --swap swaps one in; starred alts make the binder", async () => {
    const file = path.join(dirs.tmp, "alts.cascade");
    expect((await inProc(["new", file, "--premise", "A dog finds a bone.", "--counts", "2,1,1"])).code).toBe(0);
    expect((await inProc(["generate", file, "--level", "beats", ...withModel])).code).toBe(0);
    const status = await okJson<{ nodes: StatusNodeJson[] }>(["status", file]);
    const beat = status.nodes.find((n) => n.level === "beat")!;

    const out = await okJson<{ path: string; nodeId: string; alts: AltJson[] }>(["alts", file, beat.id, "-n", "8", ...withModel], "subprocess");
    expect(out).toMatchObject({ path: file, nodeId: beat.id });
    expect(out.alts).toHaveLength(8);
    for (const a of out.alts) {
      expect(Number.isInteger(a.seed)).toBe(true);
      expect(typeof a.score).toBe("number");
      expect(a.score!).toBeLessThanOrEqual(0);
      expect(a.sampling).toMatchObject({ temperature: expect.any(Number), maxTokens: expect.any(Number) });
    }
    expect(new Set(out.alts.map((a) => a.seed)).size).toBe(8);

    // Swap one in: its text becomes the node's, the old text is kept among the alts.
    const chosen = out.alts[2]!;
    const swapped = await okJson<{ swappedIn: string; previousAltId: string }>(["alts", file, beat.id, "--swap", chosen.id]);
    expect(swapped.swappedIn).toBe(chosen.id);
    const after = await okJson<{ nodes: StatusNodeJson[] }>(["status", file]);
    expect(after.nodes.find((n) => n.id === beat.id)!.text).toBe(chosen.text);
    const saved = JSON.parse(await fsp.readFile(file, "utf8")) as { nodes: Record<string, { alts: Array<{ id: string; text: string }> }> };
    const alts = saved.nodes[beat.id]!.alts;
    expect(alts.find((a) => a.id === swapped.previousAltId)!.text).toBe(beat.text);
    expect(alts.some((a) => a.id === chosen.id)).toBe(false);

    // Star two, reject one; the binder lists exactly the two starred.
    const [s1, s2, r1] = [out.alts[0]!, out.alts[1]!, out.alts[3]!];
    for (const a of [s1, s2]) expect((await okJson<{ alt: { starred: boolean } }>(["alts", file, beat.id, "--star", a.id])).alt.starred).toBe(true);
    expect((await okJson<{ alt: { rejected: boolean } }>(["alts", file, beat.id, "--reject", r1.id])).alt.rejected).toBe(true);
    expect((await okJson<{ alt: { tags: string[] } }>(["alts", file, beat.id, "--tag", s1.id, "--tags", "Funny, callback"])).alt.tags).toEqual(["funny", "callback"]);
    const binder = await okJson<BinderJson>(["binder", file], "subprocess");
    expect(binder.entries).toHaveLength(1);
    expect(binder.entries[0]).toMatchObject({ nodeId: beat.id, path: "Beat 1" });
    expect(binder.entries[0]!.alts.map((a) => a.id).sort()).toEqual([s1.id, s2.id].sort());
    expect(binder.entries[0]!.alts.find((a) => a.id === s1.id)).toMatchObject({ tags: ["funny", "callback"], score: s1.score });
    const md = await inProc(["binder", file, "--markdown"]);
    expect(md.stdout).toContain("## Beat 1");
    expect((await okJson<BinderJson>(["binder", file, "--query", "callback"])).entries[0]!.alts.map((a) => a.id)).toEqual([s1.id]);

    // An unknown alt is one line naming it.
    const bad = await inProc(["alts", file, beat.id, "--star", "alt_nope"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("no alt with id alt_nope");
  }, 60_000);

  it("alts --outlines -n 2 --json writes whole outlines of the premise; --swap-outline makes one the beats", async () => {
    const file = path.join(dirs.tmp, "outlines.cascade");
    expect((await inProc(["new", file, "--premise", "A dog finds a bone.", "--counts", "2,1,1"])).code).toBe(0);
    expect((await inProc(["generate", file, "--level", "beats", ...withModel])).code).toBe(0);
    const status = await okJson<{ nodes: StatusNodeJson[] }>(["status", file]);
    const premise = status.nodes.find((n) => n.level === "premise")!;
    const oldBeats = status.nodes.filter((n) => n.level === "beat").map((n) => n.text);

    const out = await okJson<{ alts: AltJson[] }>(["alts", file, premise.id, "--outlines", "-n", "2", ...withModel]);
    expect(out.alts).toHaveLength(2);
    for (const a of out.alts) {
      expect(a.outline).toHaveLength(2);
      expect(a.text.startsWith("1. ")).toBe(true);
    }
    const chosen = out.alts[1]!;
    const swapped = await okJson<{ swappedIn: string; previousAltId: string; beats: StatusNodeJson[] }>(["alts", file, premise.id, "--swap-outline", chosen.id]);
    expect(swapped.swappedIn).toBe(chosen.id);
    expect(swapped.beats.map((b) => b.text)).toEqual(chosen.outline!.map((b) => b.text));
    const saved = JSON.parse(await fsp.readFile(file, "utf8")) as { nodes: Record<string, { alts: Array<{ id: string; outline?: Array<{ text: string }> }> }> };
    expect(saved.nodes[premise.id]!.alts.find((a) => a.id === swapped.previousAltId)!.outline!.map((b) => b.text)).toEqual(oldBeats);

    // A plain alt cannot be swapped in as an outline; a beat has no outlines.
    const beatId = swapped.beats[0]!.id;
    const bad = await inProc(["alts", file, beatId, "--outlines", ...withModel]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("premise only");
  }, 60_000);
});
