import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FilterDecision, FilterMatch } from "../../shared/filter/types";
import { AuditLog, auditPathFor, readAudit } from "./auditLog";

const T0 = new Date("2026-06-01T10:00:00.000Z");

function match(name: string, action: FilterMatch["action"], extra: Partial<FilterMatch> = {}): FilterMatch {
  const matched = `in the style of ${name}`;
  return { name, start: 0, end: matched.length, matched, nameStart: 16, nameEnd: matched.length, replaceStart: 0, replaceEnd: matched.length, status: "protected", reason: `${name} — protected`, action, ...extra };
}

const rewrite = (name = "Quentin Tarantino"): FilterDecision => ({
  decision: "rewrite",
  text: "in a stylized style",
  mode: "rewrite",
  matches: [match(name, "rewrite", { replacement: "in a stylized style" }), match("Jane Austen", "allow", { status: "public-domain" })],
});
const block: FilterDecision = { decision: "block", text: "in the style of Jerry Seinfeld", mode: "strict", matches: [match("Jerry Seinfeld", "block")], message: "blocked" };
const allow: FilterDecision = { decision: "allow", text: "in the style of Jane Austen", mode: "rewrite", matches: [match("Jane Austen", "allow", { status: "public-domain" })] };

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cascade-audit-"));
  path = auditPathFor(join(dir, "story.cascade"));
  // Only the clock is faked (the fold window reads Date.now()); file I/O stays real.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
});

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe("auditPathFor", () => {
  it("puts the log beside the project", () => {
    expect(auditPathFor("/p/story.cascade")).toBe("/p/story.cascade.audit.jsonl");
  });
});

describe("AuditLog.record", () => {
  it("does not record allow decisions", async () => {
    const log = new AuditLog(path);
    log.record(allow, "children", "n1");
    expect(await log.read()).toEqual([]);
  });

  it("records a rewrite with its non-allow matches", async () => {
    const log = new AuditLog(path);
    log.record(rewrite(), "children", "n1");
    expect(await log.read()).toEqual([
      {
        at: T0.toISOString(),
        decision: "rewrite",
        mode: "rewrite",
        purpose: "children",
        nodeId: "n1",
        matches: [{ name: "Quentin Tarantino", status: "protected", action: "rewrite", matched: "in the style of Quentin Tarantino", replacement: "in a stylized style" }],
        count: 1,
      },
    ]);
  });

  it("leaves out nodeId when none is given", async () => {
    const log = new AuditLog(path);
    log.record(block, "alts");
    const [entry] = await log.read();
    expect(entry).toMatchObject({ decision: "block", mode: "strict", purpose: "alts", count: 1 });
    expect(entry).not.toHaveProperty("nodeId");
    expect(entry!.matches[0]).not.toHaveProperty("replacement");
  });

  it("folds identical decisions in a row into one entry plus a repeats line", async () => {
    const log = new AuditLog(path);
    log.record(rewrite(), "alts", "n1");
    vi.setSystemTime(T0.getTime() + 1_000);
    log.record(rewrite(), "alts", "n1");
    vi.setSystemTime(T0.getTime() + 2_000);
    log.record(rewrite(), "alts", "n1");
    await log.flush();

    const lines = (await readFile(path, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(2);
    const entries = await readAudit(path);
    expect(entries.map((e) => [e.count, e.repeats ?? false])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(entries[0]!.at).toBe(new Date(T0.getTime() + 2_000).toISOString());
    expect(entries[0]!.matches).toEqual(entries[1]!.matches);
  });

  it("writes no repeats line when nothing repeated", async () => {
    const log = new AuditLog(path);
    log.record(rewrite(), "alts", "n1");
    await log.flush();
    await log.flush();
    expect(await readAudit(path)).toHaveLength(1);
  });

  it("keeps different decisions as separate entries, closing a run of repeats first", async () => {
    const log = new AuditLog(path);
    log.record(rewrite(), "alts", "n1");
    log.record(rewrite(), "alts", "n1");
    log.record(block, "alts", "n1");
    log.record(rewrite(), "children", "n1");
    log.record(rewrite(), "children", "n2");
    log.record(rewrite("Stephen King"), "children", "n2");
    const entries = await log.read();
    expect(entries.map((e) => [e.decision, e.purpose, e.nodeId, e.matches[0]!.name, e.count, e.repeats ?? false])).toEqual([
      ["rewrite", "children", "n2", "Stephen King", 1, false],
      ["rewrite", "children", "n2", "Quentin Tarantino", 1, false],
      ["rewrite", "children", "n1", "Quentin Tarantino", 1, false],
      ["block", "alts", "n1", "Jerry Seinfeld", 1, false],
      ["rewrite", "alts", "n1", "Quentin Tarantino", 1, true],
      ["rewrite", "alts", "n1", "Quentin Tarantino", 1, false],
    ]);
  });

  it("starts a new entry when the same decision comes after the fold window", async () => {
    const log = new AuditLog(path);
    log.record(rewrite(), "alts", "n1");
    vi.setSystemTime(T0.getTime() + 61_000);
    log.record(rewrite(), "alts", "n1");
    const entries = await log.read();
    expect(entries.map((e) => [e.at, e.count, e.repeats ?? false])).toEqual([
      [new Date(T0.getTime() + 61_000).toISOString(), 1, false],
      [T0.toISOString(), 1, false],
    ]);
  });

  it("never throws when the log cannot be written", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const log = new AuditLog(join(dir, "missing-folder", "story.cascade.audit.jsonl"));
    expect(() => log.record(block, "alts")).not.toThrow();
    await expect(log.flush()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(await log.read()).toEqual([]);
  });
});

describe("reading the log", () => {
  const line = (decision: string, at: string) => JSON.stringify({ at, decision, mode: "rewrite", purpose: "alts", matches: [], count: 1 });

  it("returns the newest entries first", async () => {
    const log = new AuditLog(path);
    log.record(block, "first");
    log.record(rewrite(), "second");
    log.record(block, "third");
    expect((await log.read()).map((e) => e.purpose)).toEqual(["third", "second", "first"]);
  });

  it("skips a torn (half-written) last line and keeps the rest", async () => {
    await writeFile(path, `${line("block", "2026-01-01T00:00:00.000Z")}\n${line("warn", "2026-01-02T00:00:00.000Z")}\n{"at":"2026-01-03T0`);
    expect((await readAudit(path)).map((e) => e.decision)).toEqual(["warn", "block"]);
    expect((await new AuditLog(path).read()).map((e) => e.decision)).toEqual(["warn", "block"]);
  });

  it("an entry recorded after a torn last line is not lost", async () => {
    // appendFile writes the new JSON right after the torn fragment, on the same line, so the new
    // entry is unreadable too: read() returns ["block"] only.
    await writeFile(path, `${line("block", "2026-01-01T00:00:00.000Z")}\n{"at":"2026-01-0`);
    const log = new AuditLog(path);
    log.record(rewrite(), "children");
    expect((await log.read()).map((e) => e.decision)).toEqual(["rewrite", "block"]);
  });

  it("returns at most the newest 1000 entries", async () => {
    const lines = Array.from({ length: 1005 }, (_, i) => JSON.stringify({ at: T0.toISOString(), decision: "block", mode: "strict", purpose: `p${i}`, matches: [], count: 1 }));
    await writeFile(path, `${lines.join("\n")}\n`);
    const entries = await readAudit(path);
    expect(entries).toHaveLength(1000);
    expect(entries[0]!.purpose).toBe("p1004");
    expect(entries[999]!.purpose).toBe("p5");
  });

  it("returns [] for a missing file", async () => {
    expect(await readAudit(join(dir, "nothing-here.audit.jsonl"))).toEqual([]);
  });
});
