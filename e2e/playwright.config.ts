import { defineConfig } from "@playwright/test";

// One worker: every spec starts its own Cascade (web shell or Electron) with the real model, and
// this machine has two cores.
export default defineConfig({
  testDir: "./specs",
  outputDir: "./artifacts/test-results",
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
