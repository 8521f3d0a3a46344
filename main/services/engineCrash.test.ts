/**
 * Engine crash isolation, end to end: the services with the real test model loaded in a real engine
 * process (a Node child process, as the web shell runs it; the Electron app uses a utilityProcess with
 * the same worker). The engine process is SIGKILLed mid-generation, as the OS does to a process that
 * runs out of memory: the job must fail with the crash message, the model status must say so, the
 * project must not change (in memory or on disk), this process must carry on, and the next request
 * must start a fresh engine process and complete.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { EventName, ModelStatus } from "../../shared/ipc/contract";
import { nodeLauncher } from "../engine/host/nodeLauncher";
import { createProcessHost, type ProcessHost } from "../engine/host/processHost";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH } from "../engine/testModel";
import { createServices } from "./api";
import type { Services } from "./services";

const CRASH_MESSAGE = /^The model process stopped unexpectedly \(signal SIGKILL\)\. Cascade restarts it on the next request\.$/;

let services: Services | null = null;
let host: ProcessHost | null = null;
afterEach(async () => {
  await services?.dispose();
  await host?.dispose();
  services = null;
  host = null;
});

async function start() {
  const home = mkdtempSync(join(tmpdir(), "cascade-crash-"));
  host = createProcessHost(nodeLauncher());
  // A context with room for a long answer, so the generation is still running when the process dies.
  services = await createServices({ shell: "in-process", engineHost: host, modelPath: TEST_MODEL_PATH, threads: 1, contextSize: 2048, appDataDir: home, projectsDir: join(home, "projects") });
  const events: Array<{ event: EventName; payload: unknown }> = [];
  services.subscribe((event, payload) => events.push({ event, payload }));
  const created = await services.handlers["project:create"]({ title: "Crash", form: "prose", premise: "A dog finds a bone.", bible: { tone: "warm" } });
  await services.flush();
  return { s: services, host, events, created };
}

/** Starts a generation and SIGKILLs the engine process as soon as the first text streams back. */
async function killMidGeneration(s: Services, h: ProcessHost, nodeId: string) {
  let killed: number | null = null;
  let streamedBeforeKill = false;
  const stop = s.subscribe((event) => {
    if (event !== "job:did-stream" || killed !== null) return;
    streamedBeforeKill = true;
    killed = h.processId();
    if (killed !== null) process.kill(killed, "SIGKILL");
  });
  // Eight beats with the default length limit: far more tokens than fit between one streamed chunk and the kill.
  const { jobId } = await s.handlers["generate:children"]({ nodeId, count: 8 });
  await s.whenIdle();
  stop();
  return { jobId, killed: killed as number | null, streamedBeforeKill };
}

describe.skipIf(!HAS_TEST_MODEL)(`engine crash isolation${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
  it("kill the engine process mid-generation: the job fails, the project is untouched, the next request restarts the engine", async () => {
    const { s, host: h, events, created } = await start();
    const root = created.project.rootId;
    const before = (await s.handlers["project:get"]({}))!;
    const fileBefore = readFileSync(before.path);

    const { jobId, killed, streamedBeforeKill } = await killMidGeneration(s, h, root);
    expect(streamedBeforeKill).toBe(true);
    expect(killed).toEqual(expect.any(Number));
    expect(killed).not.toBe(process.pid);

    // The job reports the crash.
    const jobs = await s.handlers["jobs:list"]({});
    const job = jobs.jobs.find((j) => j.id === jobId)!;
    expect(job.state).toBe("failed");
    expect(job.error).toMatch(CRASH_MESSAGE);

    // The model status says what happened and what to do; the UI heard it as an event.
    const status = await s.handlers["model:status"]({});
    expect(status).toMatchObject({ state: "error", errorKind: "crashed", remedies: ["retry", "cpu-only"], loaded: null });
    expect(status.message).toMatch(CRASH_MESSAGE);
    expect(status.help).toMatch(/starts it again on the next request/);
    const modelEvents = events.filter((e) => e.event === "model:did-change").map((e) => e.payload as ModelStatus);
    expect(modelEvents.at(-1)).toEqual(status);
    expect(h.processId()).toBeNull();

    // Nothing in the project changed: not the nodes, not the revision, not the file.
    const after = (await s.handlers["project:get"]({}))!;
    expect(after.revision).toBe(before.revision);
    expect(after.project).toEqual(before.project);
    await s.flush();
    expect(readFileSync(after.path).equals(fileBefore)).toBe(true);

    // The next request starts a fresh engine process, and this one completes.
    const again = await s.handlers["generate:children"]({ nodeId: root, count: 2 });
    const pid = h.processId();
    expect(pid).toEqual(expect.any(Number));
    expect(pid).not.toBe(killed);
    await s.whenIdle();
    const second = (await s.handlers["jobs:list"]({})).jobs.find((j) => j.id === again.jobId)!;
    expect(second).toMatchObject({ state: "done", error: null });
    expect(await s.handlers["model:status"]({})).toMatchObject({ state: "ready", errorKind: null, loaded: { gpu: false, gpuLayers: 0, threads: 1 } });
    const written = (await s.handlers["project:get"]({}))!.project.nodes[root]!.childIds;
    expect(written).toHaveLength(2);
  });

  it("the main process survives the crash: every service keeps answering, and loads report progress from the engine process", async () => {
    const { s, host: h, events, created } = await start();
    const root = created.project.rootId;
    const { killed } = await killMidGeneration(s, h, root);
    expect(killed).toEqual(expect.any(Number));
    // Still here, with no engine process running: the writer keeps working.
    const edited = await s.handlers["project:apply"]({ op: { type: "editNode", nodeId: root, text: "A cat finds a bone." } });
    expect(edited.project.nodes[root]!.text).toBe("A cat finds a bone.");
    expect((await s.handlers["project:undo"]({})).project.nodes[root]!.text).toBe("A dog finds a bone.");
    expect((await s.handlers["app:info"]({})).shell).toBe("in-process");
    expect(h.processId()).toBeNull();

    // The load reported progress through the process boundary, ending with a ready status that says how it runs.
    const statuses = events.filter((e) => e.event === "model:did-change").map((e) => e.payload as ModelStatus);
    const progress = statuses.filter((x) => x.state === "loading").map((x) => x.progress ?? 0);
    expect(progress[0]).toBe(0);
    expect(Math.max(...progress)).toBeGreaterThan(0);
    expect(statuses.find((x) => x.state === "ready")?.loaded).toMatchObject({ gpu: false, gpuLayers: 0, threads: 1 });
  });
});
