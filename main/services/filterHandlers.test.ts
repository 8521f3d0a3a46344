/**
 * The filter's contract methods in process (no model needed): preview shows the decision for the exact
 * prompt a generation would send, before anything runs; the project's settings (mode, lists, aliases)
 * change it as one undoable operation each; check works with or without a project.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createServices } from "./api";
import { dispatch } from "./dispatch";
import type { Services } from "./services";

let services: Services | null = null;
afterEach(async () => {
  await services?.dispose();
  services = null;
});

async function start(): Promise<Services> {
  const home = mkdtempSync(join(tmpdir(), "cascade-filter-svc-"));
  services = await createServices({ shell: "in-process", modelPath: null, appDataDir: home, projectsDir: join(home, "projects") });
  return services;
}

describe("filter:check, filter:preview and filter:audit", () => {
  it("check works without a project (defaults) and with the open project's settings", async () => {
    const s = await start();
    expect((await s.handlers["filter:check"]({ text: "a joke in the style of Jerry Seinfeld" })).decision).toBe("rewrite");
    await s.handlers["project:create"]({ title: "T", form: "prose", premise: "A dog." });
    await s.handlers["project:apply"]({ op: { type: "setFilterSettings", filter: { mode: "strict" } } });
    expect((await s.handlers["filter:check"]({ text: "a joke in the style of Jerry Seinfeld" })).decision).toBe("block");
    const r = await dispatch(s, "filter:check", { text: "x", today: "next week" });
    expect(r.ok).toBe(false);
  });

  it("previews the children prompt and the alts prompt with its angle; offsets point into the prompt", async () => {
    const s = await start();
    const state = await s.handlers["project:create"]({ title: "T", form: "prose", premise: "A heist crew falls apart, in the style of Quentin Tarantino." });
    const rootId = state.project.rootId;
    const children = await s.handlers["filter:preview"]({ nodeId: rootId, purpose: "children" });
    expect(children.decision).toBe("rewrite");
    const m = children.matches.find((x) => x.name === "Quentin Tarantino")!;
    expect(children.prompt.slice(m.start, m.end)).toBe("in the style of Quentin Tarantino");
    expect(children.text).not.toMatch(/tarantino/i);
    expect(children.text.slice(m.replaceStart, m.replaceStart + m.replacement!.length)).toBe(m.replacement);

    await s.handlers["project:apply"]({ op: { type: "editNode", nodeId: rootId, text: "A heist crew falls apart." } });
    const alts = await s.handlers["filter:preview"]({ nodeId: rootId, purpose: "alts", angle: "a poem in the style of Swift" });
    expect(alts.decision).toBe("ask");
    expect(alts.prompt).toContain("a poem in the style of Swift");
  });

  it("an alias settles an ambiguous name, an allow list entry lets a protected one through, and undo takes either back", async () => {
    const s = await start();
    const state = await s.handlers["project:create"]({ title: "T", form: "prose", premise: "A satire of a tiny kingdom, in the style of Swift." });
    const rootId = state.project.rootId;
    const preview = () => s.handlers["filter:preview"]({ nodeId: rootId, purpose: "children" });
    expect((await preview()).decision).toBe("ask");
    await s.handlers["project:apply"]({ op: { type: "setFilterSettings", filter: { aliases: [{ alias: "Swift", name: "Jonathan Swift" }] } } });
    const settled = await preview();
    expect(settled.decision).toBe("allow");
    expect(settled.matches[0]).toMatchObject({ name: "Jonathan Swift", status: "public-domain" });
    await s.handlers["project:undo"]({});
    expect((await preview()).decision).toBe("ask");

    await s.handlers["project:apply"]({ op: { type: "editNode", nodeId: rootId, text: "Sketches in the style of Jerry Seinfeld." } });
    await s.handlers["project:apply"]({ op: { type: "setFilterSettings", filter: { mode: "strict", allow: [{ name: "Jerry Seinfeld", reason: "licensed parody" }] } } });
    expect((await preview()).matches[0]).toMatchObject({ status: "allow-listed", action: "allow" });
    const off = await dispatch(s, "project:apply", { op: { type: "setFilterSettings", filter: { mode: "off" } } });
    expect(off.ok).toBe(false);
    if (!off.ok) expect(off.error.message).toMatch(/acknowledgement/);
    expect((await s.handlers["filter:audit"]({})).entries).toEqual([]);
  });
});
