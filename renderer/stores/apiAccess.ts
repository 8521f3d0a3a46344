/**
 * The one API instance, injected at start-up by boot.ts. Slices reach the services only through
 * `request`, so components never hold the API and every failed call is reported, never swallowed.
 */
import type { ContractError, MethodInput, MethodName, MethodOutputs } from "../../shared/ipc/contract";
import type { ApiClient } from "../api/client";

let api: ApiClient | null = null;

/** Called once by boot after `connectApi()` succeeds. */
export function initApi(client: ApiClient): void {
  api = client;
}

/** WARNING: only for boot and slices; components go through store actions. */
export function getApi(): ApiClient {
  if (!api) throw new Error("Cascade is not connected to its services yet.");
  return api;
}

export type ReportError = (error: ContractError) => void;

/**
 * Calls one contract method. On failure the error goes to `report` (a toast) and the result is
 * `undefined`, so callers branch on success without re-implementing error display.
 */
export async function request<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  report: ReportError,
): Promise<MethodOutputs[M] | undefined> {
  let result;
  try {
    result = await getApi().call(method, input);
  } catch (err) {
    // The transport itself failed (socket gone mid-call): still a message the writer can read.
    report({ code: "internal", message: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
  if (result.ok) return result.value;
  report(result.error);
  return undefined;
}
