/**
 * Locates the tiny test model for the engine's tests. Test-only; never imported by app code.
 * stories260K writes children's stories and follows no instructions: use it to test machinery only.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const TEST_MODEL_PATH =
  process.env.CASCADE_TEST_MODEL ?? path.resolve(repoRoot, "../shared/models/stories260K.gguf");

export const HAS_TEST_MODEL = fs.existsSync(TEST_MODEL_PATH);

export const NO_MODEL_REASON = `test model not found at ${TEST_MODEL_PATH} (set CASCADE_TEST_MODEL)`;

/** Sampling that keeps the tiny model talking; tests pass their own maxTokens. */
export function testSampling(maxTokens: number) {
  return { temperature: 0.8, topP: 0.95, minP: 0.05, maxTokens };
}
