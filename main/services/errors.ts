/**
 * Errors are values at the boundary: every failure reaching a binding becomes a ContractError with a
 * code and one line a writer can act on. Unknown errors keep their message; nothing is swallowed.
 */
import type { ContractError, ErrorCode } from "../../shared/ipc/contract";
import { OperationError } from "../../shared/story/operations";

/** An error a service raises on purpose, with the code the UI and CLI branch on. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

const BY_NAME: Record<string, ErrorCode> = {
  ModelLoadError: "model-error",
  ProjectFileError: "project-file",
  FilterRefusal: "filter",
  EngineCrashedError: "model-error",
};

export function toContractError(err: unknown): ContractError {
  if (err instanceof ServiceError) return { code: err.code, message: err.message };
  if (err instanceof OperationError) return { code: "operation", message: err.message };
  if (err instanceof Error) {
    // A model error carries a one-line hint (what to do); keep it with the message.
    const hint = (err as { hint?: unknown }).hint;
    if (err.name === "ModelLoadError" && typeof hint === "string" && hint) {
      return { code: "model-error", message: `${err.message} ${hint}` };
    }
    const code = BY_NAME[err.name] ?? BY_NAME[err.constructor.name] ?? "internal";
    return { code, message: err.message || String(err) };
  }
  return { code: "internal", message: String(err) };
}
