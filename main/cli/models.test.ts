/** `models` and `gpu` from the command line: local models listed with their problems, the machine described. */
import * as fsp from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { HardwareInfo, LocalModelInfo } from "../../shared/models/types";
import { parseCommandLine } from "./args";
import { cliInProcess, cliSubprocess, HAS_MODEL, MODEL, useCliHome } from "./cliTestKit";
import { describeHardware } from "./modelCommands";

const dirs = useCliHome("cascade-cli-models-");
const GB = 1024 ** 3;

describe("models and gpu: arguments", () => {
  it("parse, with --dir resolved against the working folder", () => {
    expect(parseCommandLine(["models"], "/tmp")).toMatchObject({ name: "models", dir: null });
    expect(parseCommandLine(["models", "--dir", "m"], "/tmp")).toMatchObject({ name: "models", dir: path.resolve("/tmp", "m") });
    expect(parseCommandLine(["gpu", "--json"], "/tmp")).toMatchObject({ name: "gpu", global: { json: true } });
    expect(() => parseCommandLine(["models", "extra"], "/tmp")).toThrow(/unexpected argument/);
    expect(() => parseCommandLine(["gpu", "--dir", "x"], "/tmp")).toThrow();
  });
});

describe("models", () => {
  it("an empty models folder lists nothing and says where to put one", async () => {
    const json = await cliInProcess(["models", "--json"]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ dir: path.join(dirs.home, "models"), models: [] });
    const human = await cliInProcess(["models"]);
    expect(human.stdout).toMatch(/^No models in .*models\.\n/);
  });

  it.skipIf(!HAS_MODEL)("lists a folder's models, with a broken one's problem", async () => {
    const folder = path.join(dirs.tmp, "my-models");
    await fsp.mkdir(folder);
    const bytes = await fsp.readFile(MODEL);
    await fsp.writeFile(path.join(folder, "tiny.gguf"), bytes);
    await fsp.writeFile(path.join(folder, "cut.gguf"), bytes.subarray(0, 1000));
    await fsp.writeFile(path.join(folder, "tiny2.gguf.ipull"), bytes.subarray(0, 1000));

    const r = await cliInProcess(["models", "--dir", folder, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { dir: string; models: LocalModelInfo[] };
    expect(out.dir).toBe(folder);
    expect(out.models.map((m) => m.fileName)).toEqual(["cut.gguf", "tiny.gguf"]);
    expect(out.models[1]).toMatchObject({ architecture: "llama", layers: 5, contextLength: 2048, problem: null, sizeBytes: bytes.length });
    expect(out.models[0]!.problem).toMatch(/incomplete or corrupt/);

    const human = await cliInProcess(["models", "--dir", folder]);
    expect(human.code).toBe(0);
    const lines = human.stdout.split("\n");
    expect(lines[0]).toBe(`2 models in ${folder}`);
    expect(human.stdout).toMatch(/^File\s+Name\s+Quant\s+Size\s+Context\s+Layers\s+Template$/m);
    expect(human.stdout).toMatch(/^tiny\.gguf\s+llama\s+F32\s+[\d.]+ (KB|MB)\s+2048\s+5\s+none$/m);
    expect(human.stdout).toMatch(/^cut\.gguf\s+\(unreadable\)/m);
    expect(human.stdout).toMatch(/^! cut\.gguf: .*incomplete or corrupt/m);
  });
});

describe("gpu", () => {
  it("describes this machine as JSON and as one line", async () => {
    const r = await cliInProcess(["gpu", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const hw = JSON.parse(r.stdout) as HardwareInfo;
    expect(hw.ram.totalBytes).toBeGreaterThan(0);
    expect(hw.cpus).toBeGreaterThanOrEqual(1);
    expect(hw.recommendedThreads).toBeGreaterThanOrEqual(1);
    const human = await cliInProcess(["gpu"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^GPU: /);
    expect(human.stdout).toContain(` · ${hw.cpus} ${hw.cpus === 1 ? "CPU" : "CPUs"} · threads auto → ${hw.recommendedThreads}`);
    if (hw.gpu === false) {
      expect(hw.vram).toBeNull();
      expect(human.stdout).toMatch(/^GPU: none \(CPU only\) · RAM [\d.]+ GB free of [\d.]+ GB · \d+ CPUs? · threads auto → \d+\n$/);
    }
  });

  it("reads well for a GPU machine and for a failed probe", () => {
    const base: HardwareInfo = { gpu: false, gpuNames: [], vram: null, ram: { totalBytes: 24 * GB, freeBytes: 23.4 * GB }, cpus: 2, recommendedThreads: 1, problem: null };
    expect(describeHardware(base)).toBe("GPU: none (CPU only) · RAM 23.4 GB free of 24 GB · 2 CPUs · threads auto → 1");
    expect(describeHardware({ ...base, gpu: "cuda", gpuNames: ["RTX 4070"], vram: { totalBytes: 12 * GB, freeBytes: 10.5 * GB }, cpus: 16, recommendedThreads: 7 })).toBe(
      "GPU: cuda (RTX 4070) · VRAM 10.5 GB free of 12 GB · RAM 23.4 GB free of 24 GB · 16 CPUs · threads auto → 7",
    );
    expect(describeHardware({ ...base, problem: "The GPU probe failed" })).toMatch(/\nNote: The GPU probe failed$/);
  });

  it("runs as its own process and exits", async () => {
    const r = await cliSubprocess(dirs.home, ["gpu", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as HardwareInfo).cpus).toBeGreaterThanOrEqual(1);
  });
});
