/**
 * The writer's operations on a project: pure functions project → (project, patch). The patch applied
 * backwards is the exact inverse (see patch.ts), which is what undo uses.
 *
 * Must hold: no operation here destroys text except `deleteNode`, whose patch keeps the deleted records
 * so undo restores them; edits change a generated node's origin to "edited" so cascades leave it alone.
 */
import { filterSettingsOf, mergeFilterSettings, type FilterSettingsChange } from "../filter/filterSettings";
import { altOperationLabel, applyAltOperation, isAltOperation, type AltOperation } from "./altOperations";
import { applyStructureOperation, isStructureOperation, structureOperationLabel, type StructureOperation } from "./structureOperations";
import { inputFingerprintForChildOf } from "./fingerprint";
import { placementForChildOf } from "./placement";
import { CHILD_COUNT_RANGE, CHILD_LEVELS, SAMPLING_FIELD_LABELS, SAMPLING_FIELDS, SAMPLING_RANGES, rangeProblem, type NumberRange, type ProjectSettingsChange } from "./generationSettings";
import { newId } from "./ids";
import { childLevel, getNode, LEVELS, type Bible, type Patch, type Project, type ProjectSettings, type StoryNode } from "./model";
import { OperationError } from "./operationError";
import { Draft } from "./patch";

export { OperationError };
export { normalizeTags, type AltOperation } from "./altOperations";

/** Operations a writer can ask for (through the UI or CLI). Every one is validated in main. */
export type Operation =
  | { type: "editNode"; nodeId: string; title?: string; text?: string; speaker?: string }
  | { type: "setBible"; bible: Partial<Bible> }
  | { type: "setTitle"; title: string }
  | { type: "setAngle"; nodeId: string; angle: string }
  | { type: "setLocked"; nodeId: string; locked: boolean }
  | { type: "insertNode"; parentId: string; index: number; title?: string; text?: string; speaker?: string; id?: string }
  | { type: "deleteNode"; nodeId: string }
  | { type: "moveNode"; nodeId: string; parentId: string; index: number }
  | { type: "acknowledgeInputs"; nodeId: string }
  /** Merges into the project's generation settings (not staleness inputs: nothing goes stale). */
  | ({ type: "setProjectSettings" } & ProjectSettingsChange)
  /** Merges into the project's style-filter settings (mode, jurisdiction, allow/deny lists, aliases, rewrites). */
  | { type: "setFilterSettings"; filter: FilterSettingsChange }
  /** markAlt, swapAlt: see altOperations.ts. */
  | AltOperation
  /** splitNode, mergeNodes, duplicateNode: see structureOperations.ts. */
  | StructureOperation;

/**
 * Applies one operation. Throws OperationError for an operation that does not fit the project.
 * `at` is the time stamped on anything the operation creates (the alt a swap makes); now by default.
 */
export function applyOperation(project: Project, op: Operation, at: string = new Date().toISOString()): { project: Project; patch: Patch } {
  const d = new Draft(project);
  if (isAltOperation(op)) {
    applyAltOperation(d, op, at);
    return d.commit();
  }
  if (isStructureOperation(op)) {
    applyStructureOperation(d, op);
    return d.commit();
  }
  switch (op.type) {
    case "editNode": {
      const n = need(project, op.nodeId);
      const next = {
        title: op.title ?? n.title,
        text: op.text ?? n.text,
        speaker: op.speaker ?? n.speaker,
      };
      const changed = next.title !== n.title || next.text !== n.text || (next.speaker ?? "") !== (n.speaker ?? "");
      if (!changed) break;
      const changes: Partial<StoryNode> = { title: next.title, text: next.text };
      if (next.speaker !== undefined) changes.speaker = next.speaker;
      if (n.origin === "generated") changes.origin = "edited";
      d.update(n.id, changes);
      break;
    }
    case "setBible":
      d.setBible({ ...project.bible, ...op.bible });
      break;
    case "setTitle":
      d.setTitle(op.title);
      break;
    case "setAngle":
      need(project, op.nodeId);
      d.update(op.nodeId, { angle: op.angle });
      break;
    case "setLocked":
      need(project, op.nodeId);
      d.update(op.nodeId, { locked: op.locked });
      break;
    case "insertNode": {
      const parent = need(project, op.parentId);
      const level = childLevel(parent.level);
      if (!level) throw new OperationError("Lines cannot have children");
      const id = op.id ?? newId(level);
      if (project.nodes[id]) throw new OperationError(`A node with id ${id} already exists`);
      const node: StoryNode = {
        id,
        level,
        parentId: parent.id,
        childIds: [],
        title: op.title ?? "",
        text: op.text ?? "",
        origin: "written",
        locked: false,
        basis: inputFingerprintForChildOf(project, parent.id),
        placement: placementForChildOf(project, parent.id),
        alts: [],
      };
      if (op.speaker !== undefined) node.speaker = op.speaker;
      d.put(node);
      d.update(parent.id, { childIds: insertAt(parent.childIds, clampIndex(op.index, parent.childIds.length), id) });
      break;
    }
    case "deleteNode": {
      const n = need(project, op.nodeId);
      if (!n.parentId) throw new OperationError("The premise cannot be deleted");
      const parent = getNode(project, n.parentId);
      d.update(parent.id, { childIds: parent.childIds.filter((c) => c !== n.id) });
      const drop = (id: string) => {
        for (const c of getNode(project, id).childIds) drop(c);
        d.remove(id);
      };
      drop(n.id);
      break;
    }
    case "moveNode": {
      const n = need(project, op.nodeId);
      const target = need(project, op.parentId);
      if (!n.parentId) throw new OperationError("The premise cannot be moved");
      if (childLevel(target.level) !== n.level) {
        throw new OperationError(`A ${n.level} can only be placed under a ${parentLevelName(n.level)}`);
      }
      const source = getNode(project, n.parentId);
      d.update(source.id, { childIds: source.childIds.filter((c) => c !== n.id) });
      const targetIds = d.get(target.id).childIds;
      d.update(target.id, { childIds: insertAt(targetIds, clampIndex(op.index, targetIds.length), n.id) });
      if (source.id !== target.id) d.update(n.id, { parentId: target.id });
      break;
    }
    case "acknowledgeInputs": {
      const n = need(project, op.nodeId);
      if (!n.parentId) break;
      d.update(n.id, { basis: inputFingerprintForChildOf(project, n.parentId), placement: placementForChildOf(project, n.parentId) });
      break;
    }
    case "setProjectSettings":
      d.setSettings(mergeSettings(project.settings, op));
      break;
    case "setFilterSettings":
      d.setSettings({ ...project.settings, filter: mergeFilterSettings(filterSettingsOf(project), op.filter) });
      break;
  }
  return d.commit();
}

/** A short name for the history panel ("Edit beat", "Lock scene"). */
export function operationLabel(project: Project, op: Operation): string {
  if (isAltOperation(op)) return altOperationLabel(op);
  const level = "nodeId" in op ? (project.nodes[op.nodeId]?.level ?? "node") : "";
  if (isStructureOperation(op)) return structureOperationLabel(op, level);
  switch (op.type) {
    case "editNode":
      return `Edit ${level}`;
    case "setBible":
      return "Edit story bible";
    case "setTitle":
      return "Rename project";
    case "setAngle":
      return `Set angle of ${level}`;
    case "setLocked":
      return `${op.locked ? "Lock" : "Unlock"} ${level}`;
    case "insertNode":
      return `Add ${childLevel(project.nodes[op.parentId]?.level ?? "line") ?? "node"}`;
    case "deleteNode":
      return `Delete ${level}`;
    case "moveNode":
      return `Move ${level}`;
    case "acknowledgeInputs":
      return `Keep ${level} as is`;
    case "setProjectSettings":
      return "Change generation settings";
    case "setFilterSettings":
      return "Change style-filter settings";
  }
}

/** The settings with `change` merged in. Throws OperationError for a value out of range. */
function mergeSettings(settings: ProjectSettings, change: ProjectSettingsChange): ProjectSettings {
  const childCount = { ...settings.childCount };
  for (const level of CHILD_LEVELS) {
    const value = change.childCount?.[level];
    if (value !== undefined) childCount[level] = checked(value, CHILD_COUNT_RANGE, `The number of ${level}s to write`);
  }
  const sampling = { ...settings.sampling };
  for (const level of LEVELS) {
    const fields = change.sampling?.[level];
    if (!fields) continue;
    const profile = { ...sampling[level] };
    for (const field of SAMPLING_FIELDS) {
      const value = fields[field];
      if (value !== undefined) profile[field] = checked(value, SAMPLING_RANGES[field], `The ${level} ${SAMPLING_FIELD_LABELS[field]}`);
    }
    sampling[level] = profile;
  }
  return { ...settings, childCount, sampling };
}

function checked(value: number, range: NumberRange, what: string): number {
  const problem = rangeProblem(value, range);
  if (problem) throw new OperationError(`${what} ${problem} (got ${value}).`);
  return value;
}

function need(project: Project, id: string): StoryNode {
  const n = project.nodes[id];
  if (!n) throw new OperationError(`No node with id ${id}`);
  return n;
}

function insertAt<T>(list: T[], index: number, item: T): T[] {
  return [...list.slice(0, index), item, ...list.slice(index)];
}

function clampIndex(i: number, length: number): number {
  return Math.max(0, Math.min(length, Math.floor(i)));
}

function parentLevelName(level: StoryNode["level"]): string {
  return level === "beat" ? "premise" : level === "scene" ? "beat" : "scene";
}
