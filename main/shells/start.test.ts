import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { electronPackageDir, findElectronBinary, passThroughArgs } from "./start";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "cascade-electron-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("findElectronBinary", () => {
  it("is null when the package was installed without its binary (no path.txt)", () => {
    expect(findElectronBinary(dir, {})).toBeNull();
  });

  it("is null when path.txt names a binary that is not there", () => {
    writeFileSync(path.join(dir, "path.txt"), "electron");
    expect(findElectronBinary(dir, {})).toBeNull();
  });

  it("finds dist/<path.txt> when present", () => {
    writeFileSync(path.join(dir, "path.txt"), "Electron.app/Contents/MacOS/Electron");
    const binary = path.join(dir, "dist", "Electron.app", "Contents", "MacOS", "Electron");
    mkdirSync(path.dirname(binary), { recursive: true });
    writeFileSync(binary, "");
    expect(findElectronBinary(dir, {})).toBe(binary);
  });

  it("does not take a directory for the binary", () => {
    writeFileSync(path.join(dir, "path.txt"), "electron");
    mkdirSync(path.join(dir, "dist", "electron"), { recursive: true });
    expect(findElectronBinary(dir, {})).toBeNull();
  });

  it("honours ELECTRON_OVERRIDE_DIST_PATH, with or without path.txt", () => {
    const override = path.join(dir, "override");
    mkdirSync(override);
    const env = { ELECTRON_OVERRIDE_DIST_PATH: override };
    expect(findElectronBinary(null, env)).toBeNull();
    writeFileSync(path.join(override, "electron"), "");
    expect(findElectronBinary(null, env)).toBe(path.join(override, "electron"));
    writeFileSync(path.join(dir, "path.txt"), "custom-electron\n");
    writeFileSync(path.join(override, "custom-electron"), "");
    expect(findElectronBinary(dir, env)).toBe(path.join(override, "custom-electron"));
  });

  it("locates the electron package without running its index.js", () => {
    expect(electronPackageDir(dir)).toBeNull();
    const pkg = path.join(dir, "node_modules", "electron");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "electron", main: "index.js" }));
    // index.js would throw "Electron failed to install correctly" if it were ever loaded.
    writeFileSync(path.join(pkg, "index.js"), "throw new Error('must not run');");
    expect(electronPackageDir(dir)).toBe(pkg);
    expect(findElectronBinary(electronPackageDir(dir), {})).toBeNull();
  });
});

describe("passThroughArgs", () => {
  it("keeps --model and --port in both spellings and drops the rest", () => {
    expect(passThroughArgs(["--model", "/m.gguf", "--verbose", "--port=8080", "x"])).toEqual(["--model", "/m.gguf", "--port=8080"]);
    expect(passThroughArgs(["--port", "9000", "--model=/a b.gguf"])).toEqual(["--port", "9000", "--model=/a b.gguf"]);
  });
});
