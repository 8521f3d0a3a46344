import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "main/**/*.test.ts", "renderer/**/*.test.ts"],
    // Engine tests load a real model; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each engine test file loads its own model; don't run several at once on 2 cores.
    fileParallelism: false,
  },
});
