/**
 * The model manager's side of the contract: models on disk, the machine, the catalog and its
 * recommendation, fit estimates, downloads, and the shell's file picker.
 *
 * Must hold: a download only ever writes into the models folder and only fetches what the catalog
 * names (the renderer is untrusted: it passes a catalog id, never a URL or a path to write to).
 */
import { basename, extname, isAbsolute } from "node:path";
import type { EventPayloads, Handlers } from "../../shared/ipc/contract";
import { recommendModel } from "../../shared/models/catalog";
import type { CatalogModel, HardwareInfo } from "../../shared/models/types";
import type { EngineHost } from "../engine/host/engineHost";
import { loadCatalog } from "../models/catalogFile";
import { DownloadManager } from "../models/downloads/downloadManager";
import { listLocalModels } from "../models/modelLibrary";
import { ServiceError } from "./errors";
import type { ModelConfig } from "./modelService";

type ModelsMethods =
  | "model:pick-file"
  | "models:list"
  | "models:hardware"
  | "models:catalog"
  | "models:estimate"
  | "models:download"
  | "models:download-control"
  | "models:downloads";

export interface ModelsDeps {
  host: EngineHost;
  /** The models folder (downloads land here; the list reads it). */
  dir: () => string;
  /** The main model's current configuration (its path and engine settings). */
  config: () => ModelConfig;
  /** Model files the settings name outside the folder (main model, level models), to list them too. */
  namedPaths: () => string[];
  emitDownload: (d: EventPayloads["models:download-progress"]) => void;
  pickModelFile?: () => Promise<string | null>;
}

export interface ModelsService {
  handlers: Pick<Handlers, ModelsMethods>;
  /** Pauses running downloads (their partial files are kept for later). */
  dispose(): Promise<void>;
}

/** How long a hardware probe stays fresh: free memory changes as models load and unload. */
const HARDWARE_TTL_MS = 2_000;

export function createModelsService(deps: ModelsDeps): ModelsService {
  let downloads: Promise<DownloadManager> | null = null;
  // Created on first use, not at start-up: restoring it also tidies the folder (orphan partials),
  // which the CLI and a session that never opens the model manager have no reason to do.
  const downloadManager = (): Promise<DownloadManager> => {
    if (!downloads) {
      const pending = (async () => {
        const manager = new DownloadManager({ dir: deps.dir(), onChange: deps.emitDownload });
        await manager.restore();
        return manager;
      })();
      // A folder that could not be prepared (permissions, a full disk) is tried again next time.
      pending.catch(() => (downloads = null));
      downloads = pending;
    }
    return downloads;
  };

  let catalog: Promise<CatalogModel[]> | null = null;
  const loadedCatalog = (): Promise<CatalogModel[]> => {
    if (!catalog) {
      const pending = loadCatalog();
      pending.catch(() => (catalog = null));
      catalog = pending;
    }
    return catalog;
  };

  let hardware: { at: number; value: Promise<HardwareInfo> } | null = null;
  const probe = () => {
    if (!hardware || Date.now() - hardware.at > HARDWARE_TTL_MS) {
      const value = deps.host.hardware();
      hardware = { at: Date.now(), value };
      value.catch(() => (hardware = null));
    }
    return hardware.value;
  };

  const handlers: Pick<Handlers, ModelsMethods> = {
    "model:pick-file": async () => {
      if (!deps.pickModelFile) return { supported: false, path: null };
      return { supported: true, path: await deps.pickModelFile() };
    },
    "models:list": async () => {
      const dir = deps.dir();
      return { dir, models: await listLocalModels(dir, deps.namedPaths()) };
    },
    "models:hardware": () => probe(),
    "models:catalog": async () => {
      const [models, hw] = await Promise.all([loadedCatalog(), probe()]);
      return { models, recommended: recommendModel(models, hw) };
    },
    "models:estimate": async ({ path, gpuLayers, contextSize }) => {
      if (!isAbsolute(path) || extname(path).toLowerCase() !== ".gguf") {
        throw new ServiceError("invalid-input", `Cascade estimates GGUF model files (*.gguf) named by their full path; “${basename(path)}” is not one.`);
      }
      const c = deps.config();
      return deps.host.estimate(path, {
        gpuLayers: gpuLayers ?? c.gpuLayers,
        contextSize: contextSize ?? c.contextSize,
        sequences: c.sequences ?? 4,
      });
    },
    "models:download": async ({ catalogId }) => {
      const entry = (await loadedCatalog()).find((m) => m.id === catalogId);
      if (!entry) throw new ServiceError("invalid-input", `There is no model “${catalogId}” in Cascade's catalog.`);
      const manager = await downloadManager();
      return manager.start({ uri: entry.uri, fileName: entry.fileName, catalogId: entry.id, ...(entry.sha256 ? { sha256: entry.sha256 } : {}) });
    },
    "models:download-control": async ({ id, action }) => {
      const manager = await downloadManager();
      if (!manager.list().some((d) => d.id === id)) throw new ServiceError("invalid-input", `No download with id ${id}.`);
      if (action === "pause") return manager.pause(id);
      if (action === "resume") return manager.resume(id);
      return manager.cancel(id);
    },
    "models:downloads": async () => ({ downloads: (await downloadManager()).list() }),
  };

  return {
    handlers,
    async dispose() {
      if (downloads) await (await downloads.catch(() => null))?.dispose();
    },
  };
}
