/**
 * Test-only: a fake API for store tests. Each method is answered from `answers` (a function of the
 * input); an unanswered method fails with "no answer for <method>". Installs itself as the store's
 * API and returns the calls it received, in order.
 */
import type { Result } from "../../shared/ipc/contract";
import type { ApiClient } from "../api/client";
import { initApi } from "../stores/useAppStore";

export function fakeApi(answers: Record<string, (input: unknown) => Result<unknown>>): Array<[string, unknown]> {
  const calls: Array<[string, unknown]> = [];
  initApi({
    call: async (method: string, input: unknown) => {
      calls.push([method, input]);
      return answers[method]?.(input) ?? { ok: false, error: { code: "internal", message: `no answer for ${method}` } };
    },
    on: () => () => undefined,
    onConnectionChange: () => () => undefined,
  } as unknown as ApiClient);
  return calls;
}
