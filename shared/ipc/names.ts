/**
 * The contract's method and event names, with no dependencies, so the Electron preload can expose
 * exactly these and nothing else. contract.ts checks at compile time that the lists match its schemas.
 */
export const METHOD_NAMES = [
  "app:info",
  "model:status",
  "model:set-path",
  "model:pick-file",
  "settings:get",
  "settings:update",
  "models:list",
  "models:hardware",
  "models:catalog",
  "models:estimate",
  "models:download",
  "models:download-control",
  "models:downloads",
  "models:levels",
  "export:file",
  "project:import",
  "model:reload",
  "project:list",
  "project:create",
  "project:open",
  "project:get",
  "project:close",
  "project:apply",
  "project:undo",
  "project:redo",
  "generate:children",
  "generate:level",
  "cascade:run",
  "alts:generate",
  "jobs:list",
  "jobs:cancel",
  "filter:check",
  "filter:preview",
  "filter:audit",
  "snapshot:take",
  "snapshot:list",
  "snapshot:diff",
  "snapshot:restore",
] as const;

export const EVENT_NAMES = [
  "project:did-change",
  "project:did-save",
  "project:did-close",
  "jobs:did-change",
  "job:did-stream",
  "model:did-change",
  "models:level-did-change",
  "models:download-progress",
  "file:did-save",
] as const;

/** The IPC channel that carries push events in Electron. */
export const EVENT_CHANNEL = "cascade:event";
