/**
 * The model manager's small decisions, kept out of the components: when the first-run onboarding
 * shows, what each remedy is called, how many GPU layers "fewer" means, which catalog entries are
 * already on disk or downloading, and the choices of the per-level model menus. Pure; tested in
 * modelChoices.test.ts.
 */
import type { AppSettingsView, ModelRemedy, ModelStatus } from "../../../shared/ipc/contract";
import type { CatalogModel, DownloadView, FitEstimate, LocalModelInfo } from "../../../shared/models/types";
import { fileName } from "../model/modelGate";

export interface OnboardingInputs {
  model: ModelStatus | null;
  hasProject: boolean;
  dismissed: boolean;
  /** The writer chose a model from the onboarding in this session (it stays to show the load). */
  engaged: boolean;
}

/**
 * The onboarding shows on the start screen while no model is configured, until the writer says
 * "Not now". Once the writer picks a model there, it stays through the load (to show progress or
 * what went wrong) and goes when the model is ready. A configured model never brings it back.
 */
export function showOnboarding({ model, hasProject, dismissed, engaged }: OnboardingInputs): boolean {
  if (!model || hasProject || dismissed) return false;
  // A model being configured is never "none": that is only a switch in progress.
  if (model.state === "none" && !model.modelPath) return true;
  return engaged && model.state !== "ready";
}

export const REMEDY_LABELS: Readonly<Record<ModelRemedy, string>> = {
  "fewer-gpu-layers": "Use fewer GPU layers",
  "cpu-only": "Run on the CPU only",
  "smaller-model": "Choose a smaller model",
  "pick-file": "Choose another file",
  retry: "Try again",
};

/** What a remedy does, as the button's tooltip. */
export const REMEDY_HINTS: Readonly<Record<ModelRemedy, string>> = {
  "fewer-gpu-layers": "Put about half as many layers on the GPU and load again: slower, needs less GPU memory.",
  "cpu-only": "Load the model without the GPU: slower, but needs no GPU memory.",
  "smaller-model": "Open Models at the recommended models for this computer.",
  "pick-file": "Use another .gguf file.",
  retry: "Load the same file again.",
};

/** Where "fewer" starts when nothing says how many layers the model had on the GPU. */
const FALLBACK_GPU_LAYERS = 16;

/**
 * GPU layers for "Use fewer GPU layers": about half of what the failed load tried (the loaded
 * model's layers, else the estimate's, else the number set), never below 1: zero is "CPU only",
 * which has its own remedy.
 */
export function fewerGpuLayers(setting: AppSettingsView["gpuLayers"] | null, estimate: Pick<FitEstimate, "gpuLayers" | "totalLayers"> | null, loadedLayers: number | null = null): number {
  const tried = loadedLayers ?? (estimate && estimate.gpuLayers > 0 ? estimate.gpuLayers : null) ?? (typeof setting === "number" && setting > 0 ? setting : null) ?? estimate?.totalLayers ?? FALLBACK_GPU_LAYERS * 2;
  return Math.max(1, Math.floor(tried / 2));
}

/** The file on disk for a catalog entry, when it has been downloaded into the models folder. */
export function localCopy(entry: Pick<CatalogModel, "fileName">, local: readonly LocalModelInfo[]): LocalModelInfo | undefined {
  return local.find((m) => m.fileName === entry.fileName && !m.problem);
}

/** The download of a catalog entry that is still going (or paused, or just finished), newest first. */
export function downloadFor(catalogId: string, downloads: readonly DownloadView[]): DownloadView | undefined {
  const mine = downloads.filter((d) => d.catalogId === catalogId && d.state !== "cancelled");
  return mine[mine.length - 1];
}

/** Downloads worth listing: everything but the cancelled ones, newest last. */
export function visibleDownloads(downloads: readonly DownloadView[]): DownloadView[] {
  return downloads.filter((d) => d.state !== "cancelled");
}

/** Puts a download view in the list, replacing the one with its id (events and replies both land here). */
export function mergeDownload(downloads: readonly DownloadView[], next: DownloadView): DownloadView[] {
  const i = downloads.findIndex((d) => d.id === next.id);
  if (i < 0) return [...downloads, next];
  const out = downloads.slice();
  out[i] = next;
  return out;
}

export interface ModelOption {
  /** The file's path; "" for "Same as main model". */
  value: string;
  label: string;
}

/**
 * The choices of one level's model menu: the main model, every readable local model, and the
 * level's current choice even when the list does not have it (a file that was moved away).
 */
export function levelModelOptions(local: readonly LocalModelInfo[], current: string | undefined, mainPath: string | null): ModelOption[] {
  const main = fileName(mainPath);
  const options: ModelOption[] = [{ value: "", label: main ? `Same as main model (${main})` : "Same as main model" }];
  for (const m of local) {
    if (m.problem) continue;
    options.push({ value: m.path, label: modelLabel(m) });
  }
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: `${fileName(current) ?? current} (not in the models list)` });
  return options;
}

/** The model's own name from its metadata, unless it only repeats the architecture ("llama"). */
export function displayName(m: Pick<LocalModelInfo, "name" | "architecture">): string | null {
  const name = m.name?.trim();
  if (!name || name.toLowerCase() === m.architecture?.toLowerCase()) return null;
  return name;
}

/** "Llama 3.2 3B — Llama-3.2-3B-Q4_K_M.gguf (Q4_K_M)", or the file name with what is known. */
export function modelLabel(m: Pick<LocalModelInfo, "name" | "architecture" | "fileName" | "quantization">): string {
  const name = displayName(m);
  const base = name ? `${name} — ${m.fileName}` : m.fileName;
  return m.quantization ? `${base} (${m.quantization})` : base;
}

/** The catalog with the recommended model first. */
export function catalogInOrder(models: readonly CatalogModel[], recommendedId: string | null): CatalogModel[] {
  const rec = models.find((m) => m.id === recommendedId);
  return rec ? [rec, ...models.filter((m) => m !== rec)] : [...models];
}
