import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estimatedNeedBytes, formatGb, freeWithHeld, parseCatalog, parameterBillions, recommendModel, usableVramBytes } from "./catalog";
import type { CatalogModel, HardwareInfo } from "./types";

const GB = 1024 ** 3;
const realJson = JSON.parse(readFileSync(join(import.meta.dirname, "../../resources/models/catalog.json"), "utf8")) as { version: number; models: CatalogModel[] };
const catalog = parseCatalog(realJson);

type Hw = Pick<HardwareInfo, "gpu" | "vram" | "ram">;
const cpuOnly = (ramGb: number): Hw => ({ gpu: false, vram: null, ram: { totalBytes: ramGb * GB, freeBytes: ramGb * GB * 0.8 } });
const withGpu = (vramGb: number, ramGb: number, freeVramGb = vramGb): Hw => ({
  gpu: "cuda",
  vram: { totalBytes: vramGb * GB, freeBytes: freeVramGb * GB },
  ram: { totalBytes: ramGb * GB, freeBytes: ramGb * GB * 0.7 },
});
const pick = (hw: Hw) => recommendModel(catalog, hw);

describe("the shipped catalog", () => {
  it("parses, small to large, with unique ids and hf: URIs ending in the file name", () => {
    expect(realJson.version).toBe(1);
    expect(catalog.length).toBeGreaterThanOrEqual(6);
    expect(catalog.length).toBeLessThanOrEqual(8);
    expect(new Set(catalog.map((m) => m.id)).size).toBe(catalog.length);
    const sizes = catalog.map((m) => m.sizeBytes);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    for (const m of catalog) {
      expect(m.uri.endsWith(`/${m.fileName}`), m.id).toBe(true);
      expect(m.uri.startsWith("hf:bartowski/"), m.id).toBe(true);
      expect(m.quantization).toBe("Q4_K_M");
      expect(m.fileName).toContain("Q4_K_M");
      // A Q4_K_M file holds a little over 4.5 bits per parameter.
      const bitsPerParam = (m.sizeBytes * 8) / (parameterBillions(m.parameters) * 1e9);
      expect(bitsPerParam, m.id).toBeGreaterThan(4.2);
      expect(bitsPerParam, m.id).toBeLessThan(6);
    }
  });
});

describe("parseCatalog", () => {
  const good = realJson.models[0]!;
  it("rejects a bad entry with a message naming it and the field", () => {
    const bad = { version: 1, models: [good, { ...good, id: "Bad Id" }] };
    expect(() => parseCatalog(bad)).toThrow(/entry 2 \(“Bad Id”\).*id/);
    expect(() => parseCatalog({ version: 1, models: [{ ...good, sizeBytes: -5 }] })).toThrow(/entry 1 .*sizeBytes/);
    expect(() => parseCatalog({ version: 1, models: [{ ...good, uri: "ftp://x" }] })).toThrow(/uri/);
    expect(() => parseCatalog({ version: 1, models: [{ ...good, fileName: "../evil.gguf" }] })).toThrow(/fileName/);
    const { goodFor: _omit, ...missing } = good;
    expect(() => parseCatalog({ version: 1, models: [missing] })).toThrow(/goodFor/);
  });
  it("rejects a wrong top level, a duplicate id and a bad hash", () => {
    expect(() => parseCatalog([good])).toThrow(/catalog is invalid/);
    expect(() => parseCatalog({ version: 2, models: [good] })).toThrow(/version/);
    expect(() => parseCatalog({ version: 1, models: [] })).toThrow(/at least one/);
    expect(() => parseCatalog({ version: 1, models: [good, good] })).toThrow(/twice/);
    expect(() => parseCatalog({ version: 1, models: [{ ...good, sha256: "ABC" }] })).toThrow(/sha256/);
  });
  it("keeps a valid sha256 and drops unknown keys", () => {
    const hash = "a".repeat(64);
    const [m] = parseCatalog({ version: 1, models: [{ ...good, sha256: hash, extra: true }] });
    expect(m).toEqual({ ...good, sha256: hash });
  });
});

describe("recommendModel", () => {
  const id = (hw: Hw) => pick(hw)?.model.id;

  it("no GPU, 8 GB of RAM: a 3B model on the CPU", () => {
    const r = pick(cpuOnly(8))!;
    expect(r.model.id).toBe("llama-3.2-3b-instruct-q4_k_m");
    expect(r.runsOn).toBe("cpu");
    expect(r.reason).toMatch(/No usable GPU.*8 GB of RAM/);
  });

  it("no GPU, 32 GB of RAM: an 8B model on the CPU (not a bigger, slower one)", () => {
    const r = pick(cpuOnly(32))!;
    expect(r.model.id).toBe("llama-3.1-8b-instruct-q4_k_m");
    expect(r.runsOn).toBe("cpu");
    expect(id(cpuOnly(256))).toBe("llama-3.1-8b-instruct-q4_k_m");
  });

  it("no GPU and few CPU cores: a small model, even with plenty of RAM; a GPU machine is not held back", () => {
    const r = recommendModel(catalog, { ...cpuOnly(24), cpus: 2 })!;
    expect(r.model.id).toBe("llama-3.2-3b-instruct-q4_k_m");
    expect(r.reason).toMatch(/2 CPU cores/);
    expect(recommendModel(catalog, { ...cpuOnly(24), cpus: 16 })!.model.id).toBe("llama-3.1-8b-instruct-q4_k_m");
    expect(recommendModel(catalog, { ...withGpu(12, 32), cpus: 2 })!.model.id).toBe(id(withGpu(12, 32)));
  });

  it("6 GB of VRAM: a 9B model mostly on the GPU", () => {
    const r = pick(withGpu(6, 16))!;
    expect(r.model.id).toBe("gemma-2-9b-it-q4_k_m");
    expect(r.runsOn).toBe("partial");
    expect(r.reason).toMatch(/about \d+%.*6 GB of GPU memory.*16 GB of RAM/);
  });

  it("12 GB of VRAM: Mistral Nemo fully on the GPU", () => {
    const r = pick(withGpu(12, 32))!;
    expect(r.model.id).toBe("mistral-nemo-instruct-2407-q4_k_m");
    expect(r.runsOn).toBe("gpu");
    expect(r.reason).toMatch(/^Fits entirely in your 12 GB of GPU memory/);
  });

  it("24 GB of VRAM: Mistral Small 24B on the GPU; the 70B would mostly spill to RAM", () => {
    const r = pick(withGpu(24, 64))!;
    expect(r.model.id).toBe("mistral-small-24b-instruct-2501-q4_k_m");
    expect(r.runsOn).toBe("gpu");
  });

  it("80 GB of VRAM: the 70B fully on the GPU", () => {
    const r = pick(withGpu(80, 128))!;
    expect(r.model.id).toBe("llama-3.3-70b-instruct-q4_k_m");
    expect(r.runsOn).toBe("gpu");
  });

  it("uses the free VRAM, not the total", () => {
    expect(id(withGpu(24, 64, 24))).toBe("mistral-small-24b-instruct-2501-q4_k_m");
    // Another program holds most of the card: the 24B no longer fits.
    expect(pick(withGpu(24, 64, 8))?.model.sizeBytes).toBeLessThan(catalog[5]!.sizeBytes);
  });

  it("counts the VRAM Cascade's loaded model holds as available (a new model replaces it), never above the total", () => {
    // Mistral Nemo loaded on a 12 GB card leaves 3 GB free; probed now, the same card is still a 12 GB card.
    const busy = { ...withGpu(12, 32, 3), heldByCascade: { vramBytes: 9 * GB, ramBytes: 0 } };
    expect(pick(busy)).toMatchObject({ model: { id: "mistral-nemo-instruct-2407-q4_k_m" }, runsOn: "gpu" });
    expect(id(busy)).toBe(id(withGpu(12, 32)));
    expect(usableVramBytes(busy)).toBe(usableVramBytes(withGpu(12, 32)));
    // What another program holds is not Cascade's to give back.
    expect(id(withGpu(12, 32, 3))).not.toBe("mistral-nemo-instruct-2407-q4_k_m");
    // An overstated hold cannot make the card bigger than it is; a full card with a held model is known, not "unknown".
    expect(usableVramBytes({ ...busy, heldByCascade: { vramBytes: 40 * GB, ramBytes: 0 } })).toBe(usableVramBytes(withGpu(12, 32)));
    const full = { ...withGpu(12, 32, 0), heldByCascade: { vramBytes: 4 * GB, ramBytes: 0 } };
    expect(usableVramBytes(full)).toBeLessThan(usableVramBytes(withGpu(12, 32, 5)));
    expect(freeWithHeld(3 * GB, 12 * GB, 9 * GB)).toBe(12 * GB);
    expect(freeWithHeld(3 * GB, 12 * GB, 20 * GB)).toBe(12 * GB);
    expect(freeWithHeld(3 * GB, 12 * GB)).toBe(3 * GB);
  });

  it("a GPU too small to matter: the CPU runs a bigger model instead", () => {
    const r = pick(withGpu(2, 32))!;
    expect(r.model.id).toBe("llama-3.1-8b-instruct-q4_k_m");
    expect(r.runsOn).toBe("cpu");
    expect(r.reason).toMatch(/too small to help/);
  });

  it("a machine too small for every model gets no recommendation (null), never one that will not load", () => {
    expect(pick(cpuOnly(4))).toBeNull();
    expect(pick(withGpu(1, 4))).toBeNull();
    expect(recommendModel([], withGpu(80, 128))).toBeNull();
  });

  it("every recommendation fits where it says it runs", () => {
    for (const hw of [cpuOnly(8), cpuOnly(16), withGpu(6, 16), withGpu(8, 16), withGpu(12, 32), withGpu(16, 32), withGpu(48, 64)]) {
      const r = pick(hw)!;
      const need = estimatedNeedBytes(r.model);
      const vram = hw.vram?.freeBytes ?? 0;
      if (r.runsOn === "gpu") expect(need).toBeLessThan(vram);
      else expect(need).toBeLessThan(vram + hw.ram.totalBytes);
      expect(r.reason.split("\n")).toHaveLength(1);
    }
  });
});

describe("helpers", () => {
  it("read parameter counts and format sizes", () => {
    expect(parameterBillions("1.5B")).toBe(1.5);
    expect(parameterBillions("350M")).toBeCloseTo(0.35);
    expect(parameterBillions("big")).toBeNaN();
    expect(formatGb(8 * GB)).toBe("8 GB");
    expect(formatGb(5.76 * GB)).toBe("5.8 GB");
    expect(formatGb(512 * 1024 ** 2)).toBe("512 MB");
  });
});
