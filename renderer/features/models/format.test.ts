import { describe, expect, it } from "vitest";
import type { DownloadView, HardwareInfo } from "../../../shared/models/types";
import { downloadFraction, downloadLine, formatBytes, formatContext, formatMemory, formatMemoryBytes, formatSpeed, formatTimeLeft, gpuLine, layersLine, loadedLine, memoryLine, percent } from "./format";

const download = (extra: Partial<DownloadView> = {}): DownloadView => ({
  id: "d1",
  catalogId: "m",
  uri: "hf:x/y",
  fileName: "y.gguf",
  path: null,
  state: "downloading",
  downloadedBytes: 1_234_000_000,
  totalBytes: 4_920_739_232,
  bytesPerSecond: 12_345_678,
  etaSeconds: 185,
  checksum: null,
  error: null,
  ...extra,
});

const hardware = (extra: Partial<HardwareInfo> = {}): HardwareInfo => ({
  gpu: false,
  gpuNames: [],
  vram: null,
  ram: { totalBytes: 16e9, freeBytes: 9.5e9 },
  cpus: 8,
  recommendedThreads: 7,
  problem: null,
  ...extra,
});

describe("sizes, speeds and time left", () => {
  it("writes sizes in decimal units with at most one decimal", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1_185_376)).toBe("1.2 MB");
    expect(formatBytes(986_048_768)).toBe("986 MB");
    expect(formatBytes(4_920_739_232)).toBe("4.9 GB");
    expect(formatBytes(999_990)).toBe("1.0 MB");
    expect(formatBytes(Number.NaN)).toBe("—");
  });
  it("writes speeds per second", () => {
    expect(formatSpeed(12_345_678)).toBe("12.3 MB/s");
  });
  it("rounds time left to what a writer needs", () => {
    expect(formatTimeLeft(0.2)).toBe("1 s left");
    expect(formatTimeLeft(42)).toBe("42 s left");
    expect(formatTimeLeft(185)).toBe("3 min left");
    expect(formatTimeLeft(3600)).toBe("1 h left");
    expect(formatTimeLeft(4800)).toBe("1 h 20 min left");
  });
  it("writes memory and context", () => {
    const GiB = 1024 ** 3;
    expect(formatMemory({ totalBytes: 8 * GiB, freeBytes: 6.1 * GiB })).toBe("6.1 GB free of 8.0 GB");
    expect(formatMemoryBytes(16 * GiB)).toBe("16.0 GB");
    expect(formatMemoryBytes(1000 * 1024)).toBe("1.0 MB");
    expect(formatContext(2048)).toBe("2,048 tokens");
    expect(formatContext(null)).toBe("—");
  });
});

describe("the machine and the fit", () => {
  it("names the GPU backend, or says CPU only", () => {
    expect(gpuLine(hardware())).toBe("CPU only — no GPU found");
    expect(gpuLine(hardware({ gpu: "cuda", gpuNames: ["NVIDIA GeForce RTX 4070"] }))).toBe("CUDA · NVIDIA GeForce RTX 4070");
    expect(gpuLine(hardware({ gpu: "metal" }))).toBe("Metal");
  });
  it("says how many layers go to the GPU and what memory it takes", () => {
    expect(layersLine({ gpuLayers: 20, totalLayers: 33 })).toBe("20 of 33 layers on the GPU");
    expect(layersLine({ gpuLayers: 0, totalLayers: 5 })).toBe("None of the 5 layers on the GPU");
    expect(memoryLine({ vramBytes: 0, ramBytes: 3 * 1024 ** 2 })).toBe("Needs 3.0 MB of RAM");
    expect(memoryLine({ vramBytes: 5 * 1024 ** 3, ramBytes: 300 * 1024 ** 2 })).toBe("Needs 5.0 GB of GPU memory and 300 MB of RAM");
  });
  it("says how the loaded model runs", () => {
    expect(loadedLine({ gpu: false, gpuLayers: 0, contextSize: 2048, threads: 1 })).toBe("On the CPU · context 2,048 tokens · 1 thread");
    expect(loadedLine({ gpu: "cuda", gpuLayers: 33, contextSize: 4096, threads: 6 })).toBe("33 GPU layers (CUDA) · context 4,096 tokens · 6 threads");
  });
});

describe("a download's progress", () => {
  it("shows bytes, speed and time left while downloading", () => {
    expect(downloadLine(download())).toBe("1.2 GB of 4.9 GB · 12.3 MB/s · 3 min left");
    expect(downloadFraction(download())).toBeCloseTo(0.2508, 3);
    expect(percent(downloadFraction(download())!)).toBe(25);
  });
  it("copes with an unknown size and speed", () => {
    const unknown = download({ totalBytes: null, bytesPerSecond: null, etaSeconds: null, downloadedBytes: 0 });
    expect(downloadFraction(unknown)).toBeNull();
    expect(downloadLine(unknown)).toBe("0 B · starting…");
  });
  it("says what happened once it stops", () => {
    expect(downloadLine(download({ state: "paused" }))).toBe("Paused at 1.2 GB of 4.9 GB");
    expect(downloadLine(download({ state: "failed", error: "Network unreachable" }))).toBe("Failed: Network unreachable");
    expect(downloadLine(download({ state: "done" }))).toBe("Downloaded 4.9 GB");
    expect(downloadFraction(download({ state: "done", totalBytes: null }))).toBe(1);
  });
});
