/**
 * The style filter as the writer meets it: before a generation runs, the prompt it would send is
 * previewed (one round trip); allow and warn run at once, rewrite, ask and block open the filter
 * dialog and nothing runs until the writer acts there. Main enforces the same decision whatever the
 * UI does; this slice's job is to show it first. Also the verbs of the filter's settings section.
 *
 * Must hold: the pending generation is run at most once, and only from the writer's choice (or from
 * a re-preview after the writer changed the settings in the dialog). `filterBusy` is set in the same
 * tick as the click that asked for a generation and cleared only once the generation has started
 * (or waits in the dialog), so "nothing is running" is never read in the gap between the two.
 */
import type { FilterSettings } from "../../shared/filter/types";
import type { FilterAuditEntry, MethodOutputs } from "../../shared/ipc/contract";
import { preflightStep, type PreviewInput } from "../features/filter/preflight";
import { getApi, request, type ReportError } from "./apiAccess";
import { flushPendingEdits } from "./pendingEdits";
import type { SliceCreator } from "./storeTypes";

export type FilterPreview = MethodOutputs["filter:preview"];
export type FilterCheck = MethodOutputs["filter:check"];

export interface Preflight {
  /** The prompt to preview: the node and purpose the generation would send; null when there is none to check (main answers). */
  preview: PreviewInput | null;
  /** Starts the generation exactly as the writer asked (main applies any rewrite itself). */
  run: () => Promise<void>;
}

export interface FilterPrompt extends Preflight {
  preview: PreviewInput;
  decision: FilterPreview;
  /** Changes with every re-preview, so the dialog resets its local state (undone, editing). */
  revision: number;
}

export interface FilterSlice {
  /** The generation waiting in the filter dialog; null when the dialog is closed. */
  filterPrompt: FilterPrompt | null;
  /** A generation is being checked or started, or a choice made in the dialog is being saved and checked. */
  filterBusy: boolean;
  /** How many generations the writer has asked for (the jobs panel shows it, so a test can tell "asked" from "idle"). */
  generationsRequested: number;

  /** Sends pending typing, checks the prompt a generation would send, then runs it or opens the filter dialog. */
  preflight(p: Preflight): Promise<void>;
  /** The writer chose to go ahead (with the rewrite, when there is one). */
  runFilterPrompt(): Promise<void>;
  closeFilterPrompt(): void;
  /** Saves a settings change made in the dialog (alias, allow list, rewrite words) and previews again; runs when now allowed. */
  resolveFilterPrompt(change: Partial<FilterSettings>): Promise<void>;
  /** Saves the settings section's change as one undoable operation. */
  saveFilterSettings(change: Partial<FilterSettings>): Promise<boolean>;
  checkFilterText(text: string): Promise<FilterCheck | undefined>;
  loadFilterAudit(): Promise<{ entries: FilterAuditEntry[]; path: string } | undefined>;
}

let revisions = 0;

export const createFilterSlice: SliceCreator<FilterSlice> = (set, get) => {
  const report: ReportError = (e) => get().reportError(e);

  /** The preview's answer; "nothing-to-do" is not the filter's business: the generation itself says so (or a cascade goes deeper). */
  const previewOf = async (input: PreviewInput): Promise<FilterPreview | "run" | undefined> => {
    let result;
    try {
      result = await getApi().call("filter:preview", input);
    } catch (err) {
      report({ code: "internal", message: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
    if (result.ok) return result.value;
    if (result.error.code === "nothing-to-do") return "run";
    report(result.error);
    return undefined;
  };

  /** Runs `p` when the decision lets it through (with its note), else shows the dialog. */
  const decide = async (p: Preflight & { preview: PreviewInput }, decision: FilterPreview | "run"): Promise<void> => {
    if (decision !== "run") {
      const step = preflightStep(decision);
      if (!step.run) {
        set({ filterPrompt: { ...p, decision, revision: ++revisions } });
        return;
      }
      if (step.note) get().notify(step.note);
    }
    set({ filterPrompt: null });
    await startAndShow(p.run);
  };

  /**
   * Starts the generation, then reads the job list once: main answers the start before its pushed
   * job list may arrive, and "nothing is running" must not be read in between.
   */
  const startAndShow = async (run: () => Promise<void>): Promise<void> => {
    await run();
    await get().loadJobs();
  };

  /** Runs `work` with filterBusy set; refuses (false) while something else holds it. */
  const busy = async (work: () => Promise<void>): Promise<boolean> => {
    if (get().filterBusy) return false;
    set({ filterBusy: true });
    try {
      await work();
    } finally {
      set({ filterBusy: false });
    }
    return true;
  };

  return {
    filterPrompt: null,
    filterBusy: false,
    generationsRequested: 0,

    async preflight(p) {
      // A second click while the first is being checked, or while the dialog waits, is the same request.
      if (get().filterPrompt) return;
      set((s) => ({ generationsRequested: s.generationsRequested + 1 }));
      await busy(async () => {
        // The prompt is assembled in main from the saved text: send what was just typed first.
        await flushPendingEdits();
        if (!p.preview) return startAndShow(p.run);
        const decision = await previewOf(p.preview);
        if (decision) await decide({ ...p, preview: p.preview }, decision);
      });
    },
    async runFilterPrompt() {
      const pending = get().filterPrompt;
      if (!pending) return;
      await busy(async () => {
        set({ filterPrompt: null });
        await startAndShow(pending.run);
      });
    },
    closeFilterPrompt() {
      set({ filterPrompt: null });
    },
    async resolveFilterPrompt(change) {
      const pending = get().filterPrompt;
      if (!pending) return;
      await busy(async () => {
        if (!(await get().saveFilterSettings(change))) return;
        const decision = await previewOf(pending.preview);
        // The writer may have closed the dialog meanwhile: then nothing runs.
        if (decision && get().filterPrompt === pending) await decide(pending, decision);
      });
    },
    async saveFilterSettings(filter) {
      return Boolean(await get().apply({ type: "setFilterSettings", filter }));
    },
    checkFilterText(text) {
      return request("filter:check", { text }, report);
    },
    loadFilterAudit() {
      return request("filter:audit", {}, report);
    },
  };
};
