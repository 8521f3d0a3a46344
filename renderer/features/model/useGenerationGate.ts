/** The reason generation is unavailable right now, or null when the model can take work. */
import { useAppStore } from "../../stores/useAppStore";
import { generationBlockedReason } from "./modelGate";

export function useGenerationBlockedReason(): string | null {
  const model = useAppStore((s) => s.model);
  const connected = useAppStore((s) => s.connection === "connected");
  return generationBlockedReason(model, connected);
}
