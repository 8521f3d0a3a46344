/**
 * The Alts panel's window state (open or not, sort, rejected shown) and the verbs that mine a node's
 * alts: generate a batch, mark, swap in, cycle in place. Alts themselves live in the project (main
 * owns them); marks and swaps are `project:apply` operations, so each is one undo step.
 */
import type { AltSortKey } from "../../shared/alts/sortAlts";
import type { AltsKind } from "../features/alts/altKinds";
import { cycleStep, START_POSITION } from "../features/alts/cycleAlts";
import { generationBlockedReason } from "../features/model/modelGate";
import { request, type ReportError } from "./apiAccess";
import { flushPendingEdits } from "./pendingEdits";
import type { SliceCreator } from "./storeTypes";

export interface AltsRequest {
  count: number;
  angle: string;
  unusual: boolean;
  /** Premise only: each alt is a whole alternative list of beats (an outline). Overrides `unusual`. */
  outline?: boolean;
}

export interface AltMarks {
  starred?: boolean;
  rejected?: boolean;
  tags?: string[];
  note?: string;
}

export interface AltsSlice {
  altsOpen: boolean;
  altsSort: AltSortKey;
  showRejected: boolean;
  /** On the premise, which kind of alts the panel shows: other premises, or whole outlines. */
  altsKind: AltsKind;
  /** Batch ids asked for in outline mode (window memory), so their streaming cards show beat lists. */
  outlineBatches: string[];
  /** Where each node's text sits in its ring of kept alts (see cycleAlts.ts); window memory only. */
  cyclePositions: Record<string, number>;
  /**
   * The tags and note of the alt a cycle last swapped in, per node. A swap moves an alt's marks onto
   * the node, which has no place for them; cycling puts them back on the text when it leaves again.
   */
  cycleCarry: Record<string, Pick<AltMarks, "tags" | "note">>;

  setAltsOpen(open: boolean): void;
  setAltsSort(sort: AltSortKey): void;
  setShowRejected(show: boolean): void;
  setAltsKind(kind: AltsKind): void;
  generateAlts(nodeId: string, req: AltsRequest): Promise<void>;
  markAlt(nodeId: string, altId: string, marks: AltMarks): Promise<void>;
  swapAlt(nodeId: string, altId: string): Promise<void>;
  /** Makes an outline alt the premise's beats (main refuses, with a reported error, when beats already have scenes). */
  swapOutline(nodeId: string, altId: string): Promise<void>;
  cycleAlt(nodeId: string, direction: "prev" | "next"): Promise<void>;
}

export const COUNT_RANGE = { min: 1, max: 64, default: 8 } as const;

export const createAltsSlice: SliceCreator<AltsSlice> = (set, get) => {
  const report: ReportError = (e) => get().reportError(e);
  return {
    altsOpen: false,
    altsSort: "stars",
    showRejected: false,
    altsKind: "premises",
    outlineBatches: [],
    cyclePositions: {},
    cycleCarry: {},

    setAltsOpen(altsOpen) {
      set({ altsOpen });
    },
    setAltsSort(altsSort) {
      set({ altsSort });
    },
    setShowRejected(showRejected) {
      set({ showRejected });
    },
    setAltsKind(altsKind) {
      set({ altsKind });
    },
    async generateAlts(nodeId, { count, angle, unusual, outline }) {
      const s = get();
      // The shortcut and Enter reach here even when the button is disabled: say why instead.
      const blocked = generationBlockedReason(s.model, s.connection === "connected");
      if (blocked) return s.notify(blocked);
      // Alts are written from the node's inputs as saved in main: preflight sends what was just typed first.
      const n = Math.min(COUNT_RANGE.max, Math.max(COUNT_RANGE.min, Math.round(count) || COUNT_RANGE.default));
      const steer = angle.trim();
      const mode = outline ? "outline" : unusual ? "unusual" : "standard";
      const angleOf = steer ? { angle: steer } : {};
      await get().preflight({
        preview: { nodeId, purpose: "alts", mode, ...angleOf },
        run: async () => {
          const started = await request("alts:generate", { nodeId, count: n, ...angleOf, mode }, report);
          if (started && outline) set((s) => ({ outlineBatches: [...s.outlineBatches.slice(-31), started.batchId] }));
        },
      });
    },
    async markAlt(nodeId, altId, marks) {
      await get().apply({ type: "markAlt", nodeId, altId, ...marks });
    },
    async swapAlt(nodeId, altId) {
      // The node's own text may have unsent typing: it must become the outgoing alt, not be lost.
      await flushPendingEdits();
      const index = get().projectState?.project.nodes[nodeId]?.alts.findIndex((a) => a.id === altId) ?? -1;
      const state = await get().apply({ type: "swapAlt", nodeId, altId });
      // A swap from the panel restarts the in-place cycle from this text.
      if (state && index >= 0) set((s) => ({ cyclePositions: { ...s.cyclePositions, [nodeId]: index + 0.5 }, cycleCarry: withoutKey(s.cycleCarry, nodeId) }));
    },
    async swapOutline(nodeId, altId) {
      await flushPendingEdits();
      await get().apply({ type: "swapOutline", nodeId, altId });
    },
    async cycleAlt(nodeId, direction) {
      await flushPendingEdits();
      const node = get().projectState?.project.nodes[nodeId];
      if (!node) return;
      const step = cycleStep(node.alts, get().cyclePositions[nodeId] ?? START_POSITION, direction);
      if (!step) return get().notify("Star some alts of this node to cycle through them in place.");
      const incoming = node.alts[step.index]!;
      const carried = get().cycleCarry[nodeId] ?? {};
      const state = await get().apply({ type: "swapAlt", nodeId, altId: step.altId });
      if (!state) return;
      set((s) => ({
        cyclePositions: { ...s.cyclePositions, [nodeId]: step.position },
        cycleCarry: { ...s.cycleCarry, [nodeId]: { tags: incoming.tags ?? [], note: incoming.note ?? "" } },
      }));
      // The text that left takes the alt's place; starring it keeps it in the ring (see cycleAlts.ts),
      // and it gets back the tags and note it had when a cycle brought it in.
      const outgoing = state.project.nodes[nodeId]?.alts[step.index];
      if (outgoing) await get().apply({ type: "markAlt", nodeId, altId: outgoing.id, starred: true, ...carried });
    },
  };
};

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _drop, ...rest } = record;
  return rest;
}
