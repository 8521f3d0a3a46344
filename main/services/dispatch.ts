/**
 * The single entry point for calls from any binding: validates the input against the contract,
 * runs the handler, and turns thrown errors into typed error values a writer can act on.
 */
import { validateCall, type ContractError, type MethodName, type Result } from "../../shared/ipc/contract";
import type { Services } from "./services";
import { toContractError } from "./errors";

/** Validates and runs one call. Never throws. */
export async function dispatch(services: Services, method: unknown, input: unknown): Promise<Result<unknown>> {
  const checked = validateCall(method, input);
  if (!checked.ok) return { ok: false, error: checked.error };
  try {
    const handler = services.handlers[checked.method as MethodName] as (i: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(checked.input) };
  } catch (err) {
    const error: ContractError = toContractError(err);
    return { ok: false, error };
  }
}
