/**
 * The engine in this process: what the CLI and most tests use. A native crash here takes the process
 * with it, so `onCrash` never fires. node-llama-cpp is imported on first use, so commands that need no
 * model start at once. Hardware and fit answers count what the loaded engines hold as available
 * (see runtimeInfo.ts).
 */
import { HeldEngines } from "../footprint";
import type { EngineHandle, EngineHost } from "./engineHost";

export function createInProcessHost(): EngineHost {
  const live = new Set<EngineHandle>();
  const held = new HeldEngines<EngineHandle>();
  return {
    kind: "in-process",
    async load(opts, hooks) {
      const { Engine } = await import("../engine");
      const engine = await Engine.load(opts, hooks);
      live.add(engine);
      held.add(engine, engine.memory());
      const dispose = engine.dispose.bind(engine);
      engine.dispose = async () => {
        live.delete(engine);
        held.delete(engine);
        await dispose();
      };
      return engine;
    },
    async hardware() {
      const { hardwareInfo } = await import("./runtimeInfo");
      return hardwareInfo(held.total());
    },
    async estimate(path, settings) {
      const { fitEstimate } = await import("./runtimeInfo");
      return fitEstimate(path, settings, held.total());
    },
    onCrash: () => () => undefined,
    async dispose() {
      const engines = [...live];
      live.clear();
      held.clear();
      await Promise.all(engines.map((e) => e.dispose().catch(() => undefined)));
    },
  };
}
