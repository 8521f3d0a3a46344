/**
 * The CLI as writers run it: a real subprocess (tsx main/cli/cli.ts, what `npx tsx` and `npm run cli`
 * start) against the real tiny test model, in temp folders, with CASCADE_HOME pointed away from the
 * user's settings. Plus a few in-process runs of runCli.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import * as fsp from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, HAS_MODEL, repoRoot, TSX_CLI, useCliHome, withModel } from "./cliTestKit";
import type { StatusNodeJson } from "./output";
import { runCli } from "./run";

const dirs = useCliHome("cascade-cli-");

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment of a CLI run: our CASCADE_HOME, and no model or threads from the caller's shell. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CASCADE_HOME: dirs.home, ...extra };
  if (!("CASCADE_MODEL" in extra)) delete env.CASCADE_MODEL;
  if (!("CASCADE_THREADS" in extra)) delete env.CASCADE_THREADS;
  delete env.CASCADE_PROJECTS_DIR;
  return env;
}

/**
 * Runs `tsx main/cli/cli.ts …` from the repo root, as a writer would (`npx tsx` / `npm run cli` start
 * the same thing). `onStderr` sees stderr as it grows. About 2 s each on a small machine, most of it
 * loading the native model runtime, so the setup steps of most tests run in-process instead.
 */
function cli(args: string[], opts: { env?: Record<string, string>; onStderr?: (soFar: string, pid: number) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, CLI, ...args], {
      cwd: repoRoot,
      env: cliEnv(opts.env),
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a test can send Ctrl+C the way a terminal does (to the whole group).
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      opts.onStderr?.(stderr, child.pid!);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The same command through runCli in this process (same code, no process start-up). */
async function inProc(args: string[], signal?: AbortSignal, onStderr?: (soFar: string) => void): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: {
      write: (s: string) => {
        stderr += s;
        onStderr?.(stderr);
      },
    },
    ...(signal ? { signal } : {}),
  });
  return { code, signal: null, stdout, stderr };
}

/** Lines the CLI itself wrote on stderr (the native model runtime logs a few of its own). */
function ownLines(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("[node-llama-cpp]"));
}

/** A failure is exactly one line, `cascade: <message>`. */
function expectOneLineError(r: Run, code: number, ...fragments: string[]): string {
  expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
  // A slow machine may show the "Loading model…" progress notice first; the error itself is one line.
  const lines = ownLines(r.stderr).filter((l) => !l.startsWith("Loading model"));
  expect(lines, r.stderr).toHaveLength(1);
  const line = lines[0]!;
  expect(line.startsWith("cascade: ")).toBe(true);
  for (const f of fragments) expect(line).toContain(f);
  return line;
}

type Via = "subprocess" | "in-process";

async function ok(args: string[], via: Via = "in-process"): Promise<Run> {
  const r = via === "subprocess" ? await cli(args) : await inProc(args);
  expect(r.code, `cascade ${args.join(" ")}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

async function okJson<T>(args: string[], via: Via = "in-process"): Promise<T> {
  const r = await ok([...args, "--json"], via);
  return JSON.parse(r.stdout) as T; // stdout must be nothing but the JSON document
}

interface StatusJson {
  path: string;
  title: string;
  nodes: StatusNodeJson[];
}

interface GenerateJson {
  interrupted: boolean;
  jobs: { total: number; done: number; failed: number; cancelled: number };
  cascade: { state: string } | null;
  stale: number;
}

const status = (file: string, via: Via = "in-process") => okJson<StatusJson>(["status", file], via);

function byId(s: StatusJson): Map<string, StatusNodeJson> {
  return new Map(s.nodes.map((n) => [n.id, n]));
}

function childrenOf(s: StatusJson, id: string): StatusNodeJson[] {
  return s.nodes.filter((n) => n.parentId === id);
}

function descendantsOf(s: StatusJson, id: string): StatusNodeJson[] {
  const out: StatusNodeJson[] = [];
  const walk = (pid: string) => {
    for (const c of childrenOf(s, pid)) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(id);
  return out;
}

const staleIds = (s: StatusJson) => s.nodes.filter((n) => n.stale).map((n) => n.id).sort();
const content = (n: StatusNodeJson | undefined) => (n ? { title: n.title, text: n.text, speaker: n.speaker } : undefined);

describe.skipIf(!HAS_MODEL)("cascade CLI with the test model", () => {
  it("new → generate beats/scenes/lines → lock, edit → exactly the edited beat's generated descendants go stale → cascade → nothing stale, kept text untouched", async () => {
    const sub = "subprocess" as const; // the acceptance flow runs exactly what a writer runs
    const file = path.join(dirs.tmp, "flow.cascade");
    const created = await okJson<{ path: string; rootId: string }>(
      ["new", file, "--premise", "A lighthouse keeper finds a map in a bottle.", "--title", "The Map", "--tone", "quiet", "--counts", "3,2,3"],
      sub,
    );
    expect(created.path).toBe(file);
    expect(existsSync(file)).toBe(true);

    const beats = await okJson<GenerateJson>(["generate", file, "--level", "beats", ...withModel], sub);
    expect(beats.jobs).toMatchObject({ total: 1, done: 1, failed: 0, cancelled: 0 });
    const scenes = await okJson<GenerateJson>(["generate", file, "--level", "scenes", ...withModel], sub);
    expect(scenes.jobs).toMatchObject({ total: 3, done: 3, failed: 0 });
    // Human mode: progress (job labels and token counts) on stderr, a summary on stdout.
    const lines = await ok(["generate", file, "--level", "lines", ...withModel], sub);
    expect(lines.stderr).toMatch(/running\s+Generate lines for scene/);
    expect(lines.stderr).toMatch(/done\s+Generate lines for scene .*\(\d+ tokens?\)/);
    expect(lines.stdout).toMatch(/Jobs: 6 done, 0 failed, 0 cancelled/);

    const full = await status(file, sub);
    expect(full.title).toBe("The Map");
    const root = full.nodes[0]!;
    expect(root).toMatchObject({ id: created.rootId, level: "premise", parentId: null });
    const beatNodes = childrenOf(full, root.id);
    expect(beatNodes).toHaveLength(3);
    for (const b of beatNodes) {
      expect(childrenOf(full, b.id)).toHaveLength(2);
      for (const sc of childrenOf(full, b.id)) expect(childrenOf(full, sc.id)).toHaveLength(3);
    }
    // Reading order: every parent comes before its children.
    const seen = new Set<string>();
    for (const n of full.nodes) {
      if (n.parentId) expect(seen.has(n.parentId)).toBe(true);
      seen.add(n.id);
    }
    expect(staleIds(full)).toEqual([]);

    const [otherBeat, editBeat] = beatNodes as [StatusNodeJson, StatusNodeJson];
    const lockedElsewhere = childrenOf(full, otherBeat.id)[1]!;
    const [lockedUnder, openScene] = childrenOf(full, editBeat.id) as [StatusNodeJson, StatusNodeJson];
    const editedLine = childrenOf(full, openScene.id)[1]!;

    expect((await okJson<{ locked: boolean }>(["lock", file, lockedElsewhere.id], sub)).locked).toBe(true);
    expect((await okJson<{ locked: boolean }>(["lock", file, lockedUnder.id], sub)).locked).toBe(true);
    const lineText = "“Who left this here?” she whispered, turning the bottle in the lamp light.";
    const edited = await okJson<{ node: StatusNodeJson }>(["edit", file, editedLine.id, "--text", lineText], sub);
    expect(edited.node).toMatchObject({ origin: "edited", text: lineText, stale: false });
    const beatText = "The keeper follows the map out to the reef at low tide.";
    await ok(["edit", file, editBeat.id, "--text", beatText], sub);

    const afterEdit = await status(file, sub);
    const nodes = byId(afterEdit);
    const expected = descendantsOf(afterEdit, editBeat.id)
      .filter((n) => n.origin === "generated" && !n.locked)
      .map((n) => n.id)
      .sort();
    // Under the beat: 2 scenes, one locked → 1; their 6 lines are generated, one was edited → 5.
    expect(expected).toHaveLength(6);
    expect(staleIds(afterEdit)).toEqual(expected);
    expect(nodes.get(editBeat.id)).toMatchObject({ text: beatText, origin: "edited", stale: false });
    expect(nodes.get(editedLine.id)).toMatchObject({ origin: "edited", stale: false, inputsChanged: true, freshness: "inputs-changed" });
    expect(nodes.get(lockedUnder.id)).toMatchObject({ locked: true, stale: false, inputsChanged: true });
    expect(nodes.get(lockedElsewhere.id)).toMatchObject({ locked: true, stale: false, inputsChanged: false, freshness: "fresh" });
    for (const n of afterEdit.nodes) if (n.stale) expect(n.reason).not.toBe("");

    const kept = [editedLine.id, lockedUnder.id, lockedElsewhere.id, editBeat.id].map((id) => [id, content(nodes.get(id))] as const);
    const outside = afterEdit.nodes.filter((n) => !expected.includes(n.id)).map((n) => [n.id, content(n)] as const);

    const cascade = await okJson<GenerateJson>(["generate", file, "--node", editBeat.id, "--cascade", ...withModel], sub);
    expect(cascade.jobs.failed).toBe(0);
    expect(cascade.cascade?.state).toBe("done");
    expect(cascade.stale).toBe(0);

    const afterCascade = await status(file, sub);
    expect(staleIds(afterCascade)).toEqual([]);
    const now = byId(afterCascade);
    // Nothing was added or removed; the cascade rewrote the stale nodes in place.
    expect([...now.keys()].sort()).toEqual([...nodes.keys()].sort());
    // Locked, edited and everything that was not stale: byte for byte as before.
    for (const [id, before] of kept) expect(content(now.get(id))).toEqual(before);
    for (const [id, before] of outside) expect(content(now.get(id))).toEqual(before);
    for (const id of expected) expect(now.get(id)).toMatchObject({ origin: "generated", stale: false });

    // The whole cascade is one undo step.
    const undone = await okJson<{ undone: string }>(["undo", file], sub);
    expect(undone.undone).toMatch(/Regenerate below beat/);
    expect(staleIds(await status(file))).toEqual(expected);
    expect((await ok(["redo", file])).stdout).toMatch(/^Redone: Regenerate below beat/);
    expect(staleIds(await status(file))).toEqual([]);
  }, 180_000);

  it("Ctrl+C during `generate --level lines` cancels, exits 130 and loses nothing", async () => {
    const file = path.join(dirs.tmp, "interrupt.cascade");
    await okJson(["new", file, "--premise", "Two rival bakers share one oven.", "--counts", "3,4,8"]);
    await okJson(["generate", file, "--level", "beats", ...withModel]);
    await okJson(["generate", file, "--level", "scenes", ...withModel]);
    const before = await status(file);
    expect(before.nodes.filter((n) => n.level === "scene")).toHaveLength(12);

    let sent = false;
    const r = await cli(["generate", file, "--level", "lines", ...withModel], {
      onStderr: (soFar, pid) => {
        if (!sent && /^running\s/m.test(soFar)) {
          sent = true;
          process.kill(-pid, "SIGINT"); // what a terminal's Ctrl+C does: signal the whole process group
        }
      },
    });
    expect(sent).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(ownLines(r.stderr).at(-1)).toMatch(/^Cancelled: .*; what finished is saved\.$/);
    expect(r.stderr).not.toContain("cascade: ");

    const after = await status(file);
    const now = byId(after);
    for (const n of before.nodes) expect(content(now.get(n.id))).toEqual(content(n));
    // Whatever landed before the cancel is whole (a scene has all its lines or none) and fresh.
    for (const scene of after.nodes.filter((n) => n.level === "scene")) {
      expect([0, 8]).toContain(childrenOf(after, scene.id).length);
    }
    expect(staleIds(after)).toEqual([]);
  }, 120_000);

  it("a cancelled cascade keeps what landed and never touches edited or locked text", async () => {
    const file = path.join(dirs.tmp, "cancel-cascade.cascade");
    await okJson(["new", file, "--premise", "A fox learns to whistle.", "--counts", "2,3,6"]);
    for (const level of ["beats", "scenes", "lines"]) await okJson(["generate", file, "--level", level, ...withModel]);
    const s0 = await status(file);
    const beat = s0.nodes.find((n) => n.level === "beat")!;
    const [lockedScene, , editedScene] = childrenOf(s0, beat.id) as [StatusNodeJson, StatusNodeJson, StatusNodeJson];
    const editedLine = childrenOf(s0, editedScene.id)[0]!;
    await ok(["lock", file, lockedScene.id]);
    await ok(["edit", file, editedLine.id, "--text", "Kept, whatever happens."]);
    await ok(["edit", file, beat.id, "--text", "Everything changes at the harbour."]);
    const s1 = await status(file);
    expect(staleIds(s1).length).toBeGreaterThan(0);

    const controller = new AbortController();
    const r = await inProc(["generate", file, "--node", beat.id, "--cascade", "--json", ...withModel], controller.signal, (err) => {
      if (/^running\s/m.test(err)) controller.abort();
    });
    expect(controller.signal.aborted).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(JSON.parse(r.stdout)).toMatchObject({ interrupted: true });
    expect(r.stderr).toMatch(/Cancelled: .*; what finished is saved\./);

    const s2 = await status(file);
    const now = byId(s2);
    expect([...now.keys()].sort()).toEqual(s1.nodes.map((n) => n.id).sort());
    for (const id of [lockedScene.id, editedLine.id, beat.id]) expect(content(now.get(id))).toEqual(content(s1.nodes.find((n) => n.id === id)));
    // What the cascade did not get to is still marked stale, ready for the next run.
    for (const id of staleIds(s2)) expect(staleIds(s1)).toContain(id);
  }, 120_000);

  it("generate --node <id> writes the children of that node; an unknown id fails before loading the model", async () => {
    const file = path.join(dirs.tmp, "children.cascade");
    const { rootId } = await okJson<{ rootId: string }>(["new", file, "--premise", "A fox learns to whistle."]);
    const g = await okJson<GenerateJson>(["generate", file, "--node", rootId, "--count", "2", ...withModel]);
    expect(g.jobs.done).toBe(1);
    expect(childrenOf(await status(file), rootId)).toHaveLength(2);

    const bad = await inProc(["generate", file, "--node", "beat_nope", ...withModel]);
    expectOneLineError(bad, 1, "No node with id beat_nope");
    expect(bad.stderr).not.toContain("Model ready");
  }, 60_000);
});

describe("cascade CLI: bad input", () => {
  let project: string;
  let projectBytes: Buffer;

  beforeAll(async () => {
    project = path.join(dirs.tmp, "plain.cascade");
    await okJson(["new", project, "--premise", "A small robot wants a garden."]);
    projectBytes = await fsp.readFile(project);
  });

  it("a missing model file: one line naming the path (subprocess)", async () => {
    const missing = path.join(dirs.tmp, "no-such-model.gguf");
    expectOneLineError(await cli(["generate", project, "--level", "beats", "--model", missing]), 1, "Model file not found", missing);
  });

  it("a file that is not GGUF as the model: one line saying so", async () => {
    const fake = path.join(dirs.tmp, "fake.gguf");
    await fsp.writeFile(fake, "this is not a model\n");
    expectOneLineError(await inProc(["generate", project, "--level", "beats", "--model", fake]), 1, fake, "is not a GGUF model file");
  });

  it("CASCADE_MODEL is used when --model is not given (subprocess)", async () => {
    const missing = path.join(dirs.tmp, "env-model.gguf");
    expectOneLineError(await cli(["generate", project, "--level", "beats"], { env: { CASCADE_MODEL: missing } }), 1, "Model file not found", missing);
  });

  it("no model configured anywhere: the services' no-model message", async () => {
    expectOneLineError(await inProc(["generate", project, "--level", "beats"]), 1, "No model is configured", "--model");
  });

  it("status needs no model", async () => {
    const s = await status(project);
    expect(s.nodes).toHaveLength(1);
    expect(s.nodes[0]).toMatchObject({ level: "premise", origin: "written", stale: false, text: "A small robot wants a garden." });
    const human = await ok(["status", project, "--model", path.join(dirs.tmp, "nothing-here.gguf")]);
    expect(human.stdout).toContain("A small robot wants a garden.");
    expect(human.stderr).toBe("");
  });

  it("a corrupt project file: one line, and its bytes are untouched", async () => {
    const file = path.join(dirs.tmp, "garbage.cascade");
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
    await fsp.writeFile(file, garbage);
    expectOneLineError(await cli(["status", file]), 1, "garbage.cascade", "damaged"); // once as a writer sees it
    for (const args of [["edit", file, "node_x", "--text", "hi"], ["generate", file, "--level", "beats", ...withModel], ["undo", file]]) {
      expectOneLineError(await inProc(args), 1, "garbage.cascade", "damaged");
    }
    expect((await fsp.readFile(file)).equals(garbage)).toBe(true);
    expect((await fsp.readdir(dirs.tmp)).filter((n) => n.includes("garbage"))).toEqual(["garbage.cascade"]);
  });

  it("a truncated project file: one line, and its bytes are untouched", async () => {
    const file = path.join(dirs.tmp, "cut.cascade");
    const cut = projectBytes.subarray(0, Math.floor(projectBytes.length / 2));
    await fsp.writeFile(file, cut);
    for (const args of [["status", file], ["lock", file, "node_x"], ["generate", file, "--cascade", ...withModel]]) {
      expectOneLineError(await inProc(args), 1, "cut.cascade", "truncated");
    }
    expect((await fsp.readFile(file)).equals(cut)).toBe(true);
  });

  it("a project from a newer Cascade: one line, file untouched", async () => {
    const file = path.join(dirs.tmp, "future.cascade");
    const doc = JSON.parse(projectBytes.toString("utf8")) as { schemaVersion: number };
    doc.schemaVersion = 999;
    const bytes = Buffer.from(JSON.stringify(doc));
    await fsp.writeFile(file, bytes);
    expectOneLineError(await inProc(["status", file]), 1, "future.cascade");
    expect((await fsp.readFile(file)).equals(bytes)).toBe(true);
  });

  it("a project file that does not exist", async () => {
    expectOneLineError(await inProc(["status", path.join(dirs.tmp, "nowhere.cascade")]), 1, "nowhere.cascade");
  });

  it("unknown node ids", async () => {
    expectOneLineError(await inProc(["edit", project, "beat_nope", "--text", "x"]), 1, "No node with id beat_nope");
    expectOneLineError(await inProc(["lock", project, "scene_nope"]), 1, "No node with id scene_nope");
    expect((await fsp.readFile(project)).equals(projectBytes)).toBe(true);
  });

  it("new never overwrites an existing file", async () => {
    expectOneLineError(await inProc(["new", project, "--premise", "Something else."]), 1, project, "already exists");
    expect((await fsp.readFile(project)).equals(projectBytes)).toBe(true);
  });

  it("usage errors exit 2 with one line; help lists the commands", async () => {
    expectOneLineError(await cli(["frobnicate", project]), 2, "Unknown command", "frobnicate");
    expectOneLineError(await inProc(["generate", project]), 2, "--level");
    expectOneLineError(await inProc(["generate", project, "--level", "chapters"]), 2, "chapters");
    expectOneLineError(await inProc(["generate", project, "--level", "lines", "--cascade"]), 2, "--level");
    expectOneLineError(await inProc(["status"]), 2, "<file>");
    expectOneLineError(await inProc(["status", project, "--colour"]), 2, "--colour");
    expectOneLineError(await inProc(["edit", project, "beat_x", "--text"]), 2, "--text needs a value");
    expectOneLineError(await inProc(["new", path.join(dirs.tmp, "x.cascade")]), 2, "--premise");
    expectOneLineError(await inProc(["status", path.join(dirs.tmp, "notes.txt")]), 2, ".cascade");
    expectOneLineError(await inProc(["generate", project, "--level", "beats", "--threads", "many"]), 2, "--threads");
    for (const args of [[], ["help"], ["--help"], ["status", "-h"]]) {
      const r = await ok(args);
      for (const c of ["new", "generate", "edit", "lock", "status", "undo", "redo", "help"]) expect(r.stdout).toContain(`  ${c} `);
    }
  });

  it("edit, lock, undo and redo without a model", async () => {
    const file = path.join(dirs.tmp, "edits.cascade");
    const { rootId } = await okJson<{ rootId: string }>(["new", file, "--premise", "First premise."]);
    await ok(["edit", file, rootId.slice(0, 10), "--text", "Second premise."]); // a unique prefix is enough
    expect((await status(file)).nodes[0]!.text).toBe("Second premise.");
    expect((await okJson<{ locked: boolean }>(["lock", file, rootId])).locked).toBe(true);
    expect((await ok(["undo", file])).stdout).toMatch(/^Undone: Lock premise/);
    expect((await okJson<{ undone: string }>(["undo", file])).undone).toBe("Edit premise");
    expect((await status(file)).nodes[0]).toMatchObject({ text: "First premise.", locked: false });
    expectOneLineError(await inProc(["undo", file]), 1, "Nothing to undo");
    expect((await okJson<{ redone: string }>(["redo", file])).redone).toBe("Edit premise");
    expect((await status(file)).nodes[0]!.text).toBe("Second premise.");
  });
});
