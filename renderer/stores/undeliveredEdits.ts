/**
 * Field edits the writer typed that main has not confirmed, in the form kept in sessionStorage so a
 * reload (or the connection banner's Reload) does not lose them. Pure: the storage is passed in
 * (tests use a Map), no DOM, no store. What to do with them after a reload: restorePlan.ts.
 */
import type { MethodInput, ProjectState } from "../../shared/ipc/contract";

type Op = MethodInput<"project:apply">["op"];

/** The operations a debounced field sends: each sets a field to a whole value, so re-sending is safe. */
export type FieldEdit = Extract<Op, { type: "editNode" | "setAngle" | "setTitle" | "setBible" }>;

export interface StoredEdit {
  /** The project file the edit was typed into. */
  path: string;
  /** The revision the writer was looking at. Informational only: revisions restart with main. */
  revision: number;
  /** The node edited, or null for project-wide fields (title, story bible). */
  nodeId: string | null;
  op: FieldEdit;
}

/** The part of Web Storage used here, so tests can pass a fake. */
export type EditStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export const STORAGE_KEY = "cascade.undeliveredEdits";
const FORMAT = 1;
export const BIBLE_KEYS = ["characters", "setting", "tone"] as const;
export const NODE_FIELDS = ["title", "text", "speaker"] as const;

/** Builds the stored form of an edit typed into the project `state` shows. */
export function storedEdit(state: Pick<ProjectState, "path" | "revision">, op: FieldEdit): StoredEdit {
  return { path: state.path, revision: state.revision, nodeId: "nodeId" in op ? op.nodeId : null, op };
}

/** Which field an edit sets: a later edit with the same key supersedes an earlier one. */
export function fieldKey(edit: StoredEdit): string {
  const { op } = edit;
  const fields =
    op.type === "editNode" ? NODE_FIELDS.filter((f) => op[f] !== undefined) : op.type === "setBible" ? BIBLE_KEYS.filter((k) => op.bible[k] !== undefined) : [];
  return JSON.stringify([edit.path, op.type, edit.nodeId, fields]);
}

export function serializeEdits(edits: readonly StoredEdit[]): string {
  return JSON.stringify({ v: FORMAT, edits });
}

/** Reads what serializeEdits wrote; anything unreadable is left out (it could not be applied anyway). */
export function parseEdits(text: string | null): StoredEdit[] {
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isRecord(data) || data.v !== FORMAT || !Array.isArray(data.edits)) return [];
  return data.edits.filter(isStoredEdit);
}

/** The stored edits, or none when storage is missing or unreadable (disabled, private mode). */
export function loadEdits(storage: EditStorage | null): StoredEdit[] {
  if (!storage) return [];
  try {
    return parseEdits(storage.getItem(STORAGE_KEY));
  } catch {
    return [];
  }
}

/** Replaces the stored edits (removes the key when there are none); false if storage refused. */
export function saveEdits(storage: EditStorage | null, edits: readonly StoredEdit[]): boolean {
  if (!storage) return false;
  try {
    if (edits.length === 0) storage.removeItem(STORAGE_KEY);
    else storage.setItem(STORAGE_KEY, serializeEdits(edits));
    return true;
  } catch {
    return false; // Quota or disabled storage: the edits still live in memory.
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const isStr = (v: unknown): v is string => typeof v === "string";
const optStr = (v: unknown) => v === undefined || isStr(v);

function isStoredEdit(v: unknown): v is StoredEdit {
  if (!isRecord(v) || !isStr(v.path) || typeof v.revision !== "number" || !(v.nodeId === null || isStr(v.nodeId))) return false;
  const op = v.op;
  if (!isRecord(op)) return false;
  const nodeOk = isStr(op.nodeId) && op.nodeId === v.nodeId;
  switch (op.type) {
    case "editNode":
      return nodeOk && optStr(op.title) && optStr(op.text) && optStr(op.speaker) && NODE_FIELDS.some((f) => op[f] !== undefined);
    case "setAngle":
      return nodeOk && isStr(op.angle);
    case "setTitle":
      return v.nodeId === null && isStr(op.title);
    case "setBible": {
      const bible = op.bible;
      return v.nodeId === null && isRecord(bible) && BIBLE_KEYS.some((k) => bible[k] !== undefined) && BIBLE_KEYS.every((k) => optStr(bible[k]));
    }
    default:
      return false;
  }
}
