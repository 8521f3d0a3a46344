/** Models on disk: described from their metadata, bad files listed with a problem, downloads in progress skipped. */
import * as fsp from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GgufFileType, type GgufFileInfo } from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_TEST_MODEL, NO_MODEL_REASON, TEST_MODEL_PATH } from "../engine/testModel";
import { chatTemplateKind, describeModelFile, listLocalModels, quantizationName } from "./modelLibrary";

let dir = "";
let modelSize = 0;

beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(tmpdir(), "cascade-models-"));
  if (!HAS_TEST_MODEL) return;
  const bytes = await fsp.readFile(TEST_MODEL_PATH);
  modelSize = bytes.length;
  await fsp.writeFile(path.join(dir, "stories.gguf"), bytes);
  await fsp.writeFile(path.join(dir, "Truncated.gguf"), bytes.subarray(0, Math.floor(bytes.length / 2)));
  await fsp.writeFile(path.join(dir, "x.gguf"), "not a model, just text\n");
  await fsp.writeFile(path.join(dir, "downloading.gguf.ipull"), bytes.subarray(0, 100));
  await fsp.writeFile(path.join(dir, "other.partial"), bytes.subarray(0, 100));
  await fsp.writeFile(path.join(dir, ".hidden.gguf"), bytes);
  await fsp.writeFile(path.join(dir, "notes.txt"), "hello");
  await fsp.mkdir(path.join(dir, ".cache"));
  await fsp.writeFile(path.join(dir, ".cache", "cached.gguf"), bytes);
  await fsp.mkdir(path.join(dir, "library"));
  await fsp.writeFile(path.join(dir, "library", "nested.gguf"), bytes);
  await fsp.writeFile(path.join(dir, "big-00001-of-00002.gguf"), bytes);
  await fsp.writeFile(path.join(dir, "big-00002-of-00002.gguf"), bytes);
});

afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const skipped = HAS_TEST_MODEL ? "" : ` (skipped: ${NO_MODEL_REASON})`;

describe.skipIf(!HAS_TEST_MODEL)(`describeModelFile${skipped}`, () => {
  it("reads the test model's metadata", async () => {
    const m = await describeModelFile(TEST_MODEL_PATH);
    expect(m).toMatchObject({
      path: path.resolve(TEST_MODEL_PATH),
      fileName: path.basename(TEST_MODEL_PATH),
      name: "llama",
      architecture: "llama",
      contextLength: 2048,
      layers: 5,
      chatTemplate: null,
      license: null,
      problem: null,
      // No general.file_type in this file: the type most of its weights are stored as.
      quantization: "F32",
    });
    expect(m.sizeBytes).toBe(modelSize);
  });

  it("sets a problem, never throws, for truncated, non-GGUF and missing files", async () => {
    const truncated = await describeModelFile(path.join(dir, "Truncated.gguf"));
    expect(truncated.problem).toMatch(/incomplete or corrupt/);
    expect(truncated).toMatchObject({ name: null, architecture: null, layers: null, contextLength: null });
    expect(truncated.sizeBytes).toBe(Math.floor(modelSize / 2));
    expect((await describeModelFile(path.join(dir, "x.gguf"))).problem).toMatch(/not a GGUF model file/);
    const missing = await describeModelFile(path.join(dir, "gone.gguf"));
    expect(missing).toMatchObject({ sizeBytes: 0, fileName: "gone.gguf" });
    expect(missing.problem).toMatch(/not found/);
  });
});

describe.skipIf(!HAS_TEST_MODEL)(`listLocalModels${skipped}`, () => {
  it("lists every model once, sorted, skipping hidden files, hidden folders and partial downloads", async () => {
    const models = await listLocalModels(dir);
    expect(models.map((m) => path.relative(dir, m.path))).toEqual([
      "big-00001-of-00002.gguf",
      path.join("library", "nested.gguf"),
      "stories.gguf",
      "Truncated.gguf",
      "x.gguf",
    ]);
    const byName = new Map(models.map((m) => [m.fileName, m]));
    expect(byName.get("stories.gguf")).toMatchObject({ problem: null, layers: 5 });
    expect(byName.get("Truncated.gguf")!.problem).not.toBeNull();
    expect(byName.get("x.gguf")!.problem).not.toBeNull();
    // A split model counts all its parts.
    expect(byName.get("big-00001-of-00002.gguf")!.sizeBytes).toBe(2 * modelSize);
  });

  it("adds extra paths once, and lists a missing one with its problem", async () => {
    const outside = path.join(dir, "..", path.basename(dir), "stories.gguf");
    const models = await listLocalModels(dir, [TEST_MODEL_PATH, outside, path.join(dir, "nowhere.gguf"), TEST_MODEL_PATH]);
    const paths = models.map((m) => m.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain(path.resolve(TEST_MODEL_PATH));
    expect(paths.filter((p) => p === path.join(dir, "stories.gguf"))).toHaveLength(1);
    expect(models.find((m) => m.fileName === "nowhere.gguf")!.problem).toMatch(/not found/);
  });

  it("a missing folder lists nothing, or only the extra paths", async () => {
    expect(await listLocalModels(path.join(dir, "no-such-folder"))).toEqual([]);
    const only = await listLocalModels(path.join(dir, "no-such-folder"), [TEST_MODEL_PATH]);
    expect(only.map((m) => m.path)).toEqual([path.resolve(TEST_MODEL_PATH)]);
  });
});

describe("quantizationName", () => {
  it("maps general.file_type, else finds the name in the file name", () => {
    expect(quantizationName(GgufFileType.MOSTLY_Q4_K_M, "a.gguf")).toBe("Q4_K_M");
    expect(quantizationName(GgufFileType.MOSTLY_Q8_0, "a.gguf")).toBe("Q8_0");
    expect(quantizationName(GgufFileType.MOSTLY_F16, "a.gguf")).toBe("F16");
    expect(quantizationName(GgufFileType.ALL_F32, "a.gguf")).toBe("F32");
    expect(quantizationName(undefined, "Meta-Llama-3.1-8B-Instruct-Q5_K_M.gguf")).toBe("Q5_K_M");
    expect(quantizationName(undefined, "model-q4_k_s.gguf")).toBe("Q4_K_S");
    expect(quantizationName(undefined, "stories260K.gguf")).toBeNull();
  });
});

describe("chatTemplateKind", () => {
  const withTemplate = (template: string | undefined, name = "my model"): GgufFileInfo =>
    ({ metadata: { general: { architecture: "llama", name }, tokenizer: { ggml: { model: "llama" }, ...(template !== undefined ? { chat_template: template } : {}) } } }) as unknown as GgufFileInfo;

  it("names known templates from their text", () => {
    const chatml =
      "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    expect(chatTemplateKind(withTemplate(chatml))).toBe("chatml");
    const llama3 =
      "{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";
    expect(chatTemplateKind(withTemplate(llama3))).toBe("llama3");
    const gemma =
      "{% for message in messages %}{{ '<start_of_turn>' + message['role'] + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\\n'}}{% endif %}";
    expect(chatTemplateKind(withTemplate(gemma))).toBe("gemma");
  });

  it("says custom for an unknown template and null for none", () => {
    expect(chatTemplateKind(withTemplate("{% for m in messages %}### {{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"))).toBe("custom");
    expect(chatTemplateKind(withTemplate(undefined))).toBeNull();
    expect(chatTemplateKind(withTemplate("   "))).toBeNull();
  });
});
