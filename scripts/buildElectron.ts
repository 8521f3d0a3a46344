/**
 * Bundles the Electron entries with esbuild: main → dist/electron/main.mjs (ESM), preload →
 * dist/electron/preload.cjs (CommonJS: sandboxed preloads cannot be ES modules), and the engine
 * process → dist/electron/engineWorker.mjs (ESM, started by main in a utilityProcess).
 *
 * Only our own code is bundled; every runtime dependency stays external and loads from node_modules
 * (node-llama-cpp ships native binaries and must never be bundled).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The repository root (where package.json lives). */
export const APP_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Every runtime dependency: loaded from node_modules, never bundled. */
function externals(root: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  return [...new Set(["electron", "node-llama-cpp", ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})])];
}

const common = { bundle: true, platform: "node", sourcemap: true, logLevel: "warning", legalComments: "none" } as const;

/**
 * Bundles the engine process's entry to `outfile` (ESM). The file must sit inside the app (under
 * <root>) so node-llama-cpp resolves from its node_modules. The benchmark builds one too.
 */
export async function buildEngineWorker(outfile: string, root: string = APP_ROOT): Promise<void> {
  await build({
    ...common,
    absWorkingDir: root,
    entryPoints: [path.join(root, "main/engine/host/engineWorker.ts")],
    outfile,
    format: "esm",
    target: "node20",
    external: externals(root),
  });
}

/** Builds the Electron entries into <root>/dist/electron. */
export async function buildElectron(root: string = APP_ROOT): Promise<void> {
  const external = externals(root);
  const outdir = path.join(root, "dist", "electron");

  await Promise.all([
    build({
      ...common,
      absWorkingDir: root,
      entryPoints: [path.join(root, "main/shells/electron/main.ts")],
      outfile: path.join(outdir, "main.mjs"),
      format: "esm",
      target: "node20",
      external,
    }),
    build({
      ...common,
      absWorkingDir: root,
      entryPoints: [path.join(root, "main/shells/electron/preload.ts")],
      outfile: path.join(outdir, "preload.cjs"),
      format: "cjs",
      target: "node20",
      // The sandboxed preload may require only `electron`; anything else must be bundled in.
      external: ["electron"],
    }),
    buildEngineWorker(path.join(outdir, "engineWorker.mjs"), root),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildElectron();
  } catch (err) {
    console.error(`Electron build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
