import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelLoadError, type ModelLoadErrorKind } from "./engineTypes";
import { resolveThreads, validateModelFile } from "./modelFile";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH } from "./testModel";

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-modelfile-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function expectLoadError(p: string, kind: ModelLoadErrorKind, messagePart: RegExp): Promise<ModelLoadError> {
  const err = await validateModelFile(p).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelLoadError);
  const e = err as ModelLoadError;
  expect(e.kind).toBe(kind);
  expect(e.path).toBe(path.resolve(p));
  expect(e.message).toContain(path.resolve(p));
  expect(e.message).toMatch(messagePart);
  expect(e.message).not.toContain("\n");
  expect(e.hint.length).toBeGreaterThan(10);
  expect(e.hint).not.toContain("\n");
  return e;
}

describe("validateModelFile", () => {
  it("reports a missing file", async () => {
    const p = path.join(dir, "nope.gguf");
    const e = await expectLoadError(p, "missing", /^Model file not found: /);
    expect(e.hint).toMatch(/Models screen/);
  });

  it("reports a directory", async () => {
    await expectLoadError(dir, "not-gguf", /is a folder, not a GGUF model file/);
  });

  it("reports a text file that is not GGUF, quoting its start", async () => {
    const p = path.join(dir, "notes.gguf");
    fs.writeFileSync(p, "hello, this is not a model\n");
    await expectLoadError(p, "not-gguf", /is not a GGUF model file \(it starts with "hello, this is not a mod…"\)/);
  });

  it("reports an empty file", async () => {
    const p = path.join(dir, "empty.gguf");
    fs.writeFileSync(p, "");
    await expectLoadError(p, "not-gguf", /the file is empty/);
  });

  it("recognises a Git LFS pointer", async () => {
    const p = path.join(dir, "lfs.gguf");
    fs.writeFileSync(p, "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n");
    const e = await expectLoadError(p, "not-gguf", /is not a GGUF model file/);
    expect(e.hint).toMatch(/Git LFS pointer/);
  });

  describe.skipIf(!HAS_TEST_MODEL)(`with the test model${HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`}`, () => {
    it("reports a GGUF truncated inside its header", async () => {
      const p = path.join(dir, "head-only.gguf");
      fs.writeFileSync(p, fs.readFileSync(TEST_MODEL_PATH).subarray(0, 200));
      await expectLoadError(p, "unreadable", /is an incomplete or corrupt GGUF file \(its header needs \d+ bytes/);
    });

    it("reports a GGUF truncated inside its tensor data", async () => {
      const p = path.join(dir, "half.gguf");
      const full = fs.readFileSync(TEST_MODEL_PATH);
      fs.writeFileSync(p, full.subarray(0, Math.floor(full.length / 2)));
      await expectLoadError(p, "unreadable", /incomplete or corrupt GGUF file \(its tensors need \d+ bytes/);
    });

    it("accepts the intact model and returns its metadata", async () => {
      const check = await validateModelFile(TEST_MODEL_PATH);
      expect(check.path).toBe(path.resolve(TEST_MODEL_PATH));
      expect(check.architecture).toBe("llama");
      expect(check.trainContextSize).toBe(2048);
      expect(check.hasChatTemplate).toBe(false);
      expect(check.sizeBytes).toBe(fs.statSync(TEST_MODEL_PATH).size);
    });
  });
});

describe("resolveThreads", () => {
  it("leaves a core free and caps auto at 8", () => {
    expect(resolveThreads("auto", 1)).toBe(1);
    expect(resolveThreads("auto", 2)).toBe(1);
    expect(resolveThreads("auto", 4)).toBe(3);
    expect(resolveThreads("auto", 6)).toBe(5);
    expect(resolveThreads("auto", 16)).toBe(7); // SMT assumed: 8 physical - 1
    expect(resolveThreads("auto", 64)).toBe(8);
  });

  it("survives nonsense CPU counts", () => {
    expect(resolveThreads("auto", 0)).toBe(1);
    expect(resolveThreads("auto", Number.NaN)).toBe(1);
  });

  it("clamps explicit numbers to whole counts of at least 1", () => {
    expect(resolveThreads(6, 2)).toBe(6);
    expect(resolveThreads(3.7, 8)).toBe(3);
    expect(resolveThreads(0, 8)).toBe(1);
    expect(resolveThreads(-4, 8)).toBe(1);
  });
});
