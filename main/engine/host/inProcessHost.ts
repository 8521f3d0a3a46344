/**
 * The engine in this process: what the CLI and most tests use. A native crash here takes the process
 * with it, so `onCrash` never fires. node-llama-cpp is imported on first use, so commands that need no
 * model start at once.
 */
import type { EngineHandle, EngineHost } from "./engineHost";

export function createInProcessHost(): EngineHost {
  const live = new Set<EngineHandle>();
  return {
    kind: "in-process",
    async load(opts, hooks) {
      const { Engine } = await import("../engine");
      const engine = await Engine.load(opts, hooks);
      live.add(engine);
      const dispose = engine.dispose.bind(engine);
      engine.dispose = async () => {
        live.delete(engine);
        await dispose();
      };
      return engine;
    },
    async hardware() {
      const { hardwareInfo } = await import("./runtimeInfo");
      return hardwareInfo();
    },
    async estimate(path, settings) {
      const { fitEstimate } = await import("./runtimeInfo");
      return fitEstimate(path, settings);
    },
    onCrash: () => () => undefined,
    async dispose() {
      const engines = [...live];
      live.clear();
      await Promise.all(engines.map((e) => e.dispose().catch(() => undefined)));
    },
  };
}
