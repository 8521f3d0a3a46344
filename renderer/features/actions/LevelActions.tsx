/**
 * Whole-level generation above the outline: "Scenes for all beats", "Lines for all scenes". Each
 * starts one job per parent; parents whose children are all written, edited or locked are skipped
 * by main.
 */
import { useAppStore } from "../../stores/useAppStore";
import { ActionButton } from "../../ui/ActionButton";
import { useGenerationBlockedReason } from "../model/useGenerationGate";

export function LevelActions() {
  const blocked = useGenerationBlockedReason();
  const hasBeats = useAppStore((s) => hasLevel(s.projectState?.project.nodes, "beat"));
  const hasScenes = useAppStore((s) => hasLevel(s.projectState?.project.nodes, "scene"));
  const generateLevel = useAppStore((s) => s.generateLevel);
  return (
    <div className="level-actions" role="group" aria-label="Generate a whole level">
      <ActionButton
        label="Scenes for all beats"
        title="Generate the scenes of every beat"
        disabled={Boolean(blocked) || !hasBeats}
        reason={blocked ?? "There are no beats yet: generate or add beats first."}
        variant="quiet"
        testId="level.generate-scenes"
        onClick={() => void generateLevel("scene")}
      />
      <ActionButton
        label="Lines for all scenes"
        title="Generate the lines of every scene"
        disabled={Boolean(blocked) || !hasScenes}
        reason={blocked ?? "There are no scenes yet: generate or add scenes first."}
        variant="quiet"
        testId="level.generate-lines"
        onClick={() => void generateLevel("line")}
      />
    </div>
  );
}

function hasLevel(nodes: Record<string, { level: string }> | undefined, level: string): boolean {
  if (!nodes) return false;
  for (const id in nodes) if (nodes[id]!.level === level) return true;
  return false;
}
