/**
 * Deciding what to do with edits read back from storage after a reload, and the words the writer
 * sees about them. Pure; tested in undeliveredEdits.test.ts.
 *
 * Must hold: nothing typed is dropped without the writer seeing it. An edit that cannot go back
 * where it came from (no or another project open, its node gone, main refused it) is reported as
 * unplaced so its text is shown, never discarded here.
 */
import type { ProjectState } from "../../shared/ipc/contract";
import type { Project } from "../../shared/story/model";
import { BIBLE_KEYS, fieldKey, NODE_FIELDS, type FieldEdit, type StoredEdit } from "./undeliveredEdits";

export type UnplacedReason = "no-project" | "other-project" | "node-missing" | "refused";

export interface UnplacedEdit {
  edit: StoredEdit;
  reason: UnplacedReason;
}

export interface RestorePlan {
  /** Differ from what main has: send them again. */
  toApply: StoredEdit[];
  /** Main already has exactly this (the send made it after all): nothing to do. */
  alreadyApplied: StoredEdit[];
  /** Cannot go back where they came from: show their text to the writer. */
  unplaced: UnplacedEdit[];
  /** A later stored edit sets the same field: these add nothing. */
  superseded: StoredEdit[];
}

/**
 * Sorts stored edits against the project main has open now (null: none). Of several edits to the
 * same field only the last counts: each one sets the whole value.
 */
export function planRestore(edits: readonly StoredEdit[], state: ProjectState | null): RestorePlan {
  const latest = latestPerField(edits);
  const plan: RestorePlan = { toApply: [], alreadyApplied: [], unplaced: [], superseded: edits.filter((e) => !latest.includes(e)) };
  for (const edit of latest) {
    if (!state) plan.unplaced.push({ edit, reason: "no-project" });
    else if (edit.path !== state.path) plan.unplaced.push({ edit, reason: "other-project" });
    else if (edit.nodeId !== null && !state.project.nodes[edit.nodeId]) plan.unplaced.push({ edit, reason: "node-missing" });
    else if (isAlreadyApplied(edit.op, state.project)) plan.alreadyApplied.push(edit);
    else plan.toApply.push(edit);
  }
  return plan;
}

/** With no project open, the one to open so stored edits can go back (the first edit's). */
export function projectToReopen(edits: readonly StoredEdit[], state: ProjectState | null): string | null {
  return state === null && edits.length > 0 ? edits[0]!.path : null;
}

export function isAlreadyApplied(op: FieldEdit, project: Project): boolean {
  switch (op.type) {
    case "editNode": {
      const node = project.nodes[op.nodeId];
      if (!node) return false;
      const current = { title: node.title, text: node.text, speaker: node.speaker ?? "" };
      return NODE_FIELDS.every((f) => op[f] === undefined || op[f] === current[f]);
    }
    case "setAngle":
      return (project.nodes[op.nodeId]?.angle ?? "") === op.angle;
    case "setTitle":
      return project.title === op.title;
    case "setBible":
      return BIBLE_KEYS.every((k) => op.bible[k] === undefined || op.bible[k] === project.bible[k]);
  }
}

/** Whether leaving the page should ask first: edits are unconfirmed and there is no connection to send them. */
export function shouldConfirmLeave(unconfirmed: number, connection: string): boolean {
  return unconfirmed > 0 && connection !== "connected";
}

/** Plain text of edits for the clipboard: what the field was, which project, and the text itself. */
export function editsAsText(edits: readonly StoredEdit[]): string {
  return edits.map((e) => `${fieldLabel(e.op)} · ${projectName(e.path)}\n${fieldValues(e.op).join("\n")}`).join("\n\n");
}

/** "1 edit" / "3 edits"; with `adjective`, "1 unsaved edit". */
export function editCount(n: number, adjective?: string): string {
  return `${n} ${adjective ? `${adjective} ` : ""}${n === 1 ? "edit" : "edits"}`;
}

export function restoredMessage(n: number): string {
  return `Restored ${editCount(n, "unsaved")} from before the reload.`;
}

const REASONS: Record<UnplacedReason, string> = {
  "no-project": "the project could not be opened",
  "other-project": "another project is open",
  "node-missing": "that part of the story was deleted",
  refused: "Cascade did not accept the change",
};

/** Why restored edits are shown as text instead of being put back. */
export function unplacedMessage(unplaced: readonly UnplacedEdit[]): string {
  const reasons = [...new Set(unplaced.map((u) => REASONS[u.reason]))];
  return `${editCount(unplaced.length, "unsaved")} from before the reload could not be put back (${reasons.join("; ")}). The text is kept here until you dismiss it.`;
}

function fieldLabel(op: FieldEdit): string {
  switch (op.type) {
    case "editNode": {
      const names = { title: "Title", text: "Text", speaker: "Speaker" };
      return NODE_FIELDS.filter((f) => op[f] !== undefined)
        .map((f) => names[f])
        .join(", ");
    }
    case "setAngle":
      return "Angle";
    case "setTitle":
      return "Project title";
    case "setBible":
      return `Story bible: ${BIBLE_KEYS.filter((k) => op.bible[k] !== undefined).join(", ")}`;
  }
}

function fieldValues(op: FieldEdit): string[] {
  switch (op.type) {
    case "editNode":
      return NODE_FIELDS.flatMap((f) => (op[f] === undefined ? [] : [op[f]]));
    case "setAngle":
      return [op.angle];
    case "setTitle":
      return [op.title];
    case "setBible":
      return BIBLE_KEYS.flatMap((k) => (op.bible[k] === undefined ? [] : [op.bible[k]]));
  }
}

function projectName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/\.cascade$/, "");
}

function latestPerField(edits: readonly StoredEdit[]): StoredEdit[] {
  const byKey = new Map<string, StoredEdit>();
  for (const e of edits) {
    byKey.delete(fieldKey(e)); // Re-insert so the order is that of the latest edits.
    byKey.set(fieldKey(e), e);
  }
  return [...byKey.values()];
}
