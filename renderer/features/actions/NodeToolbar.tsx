/**
 * The selected node's actions above its editor: generation first (labelled in full), then the
 * alts tools, then the writer's own tools as compact icon buttons with tooltips.
 */
import { ActionButton } from "../../ui/ActionButton";
import { AltsToolbar } from "../alts/AltsToolbar";
import { actionIcon } from "./actionIcons";
import { ACTION_TEST_IDS, type NodeActionId, type NodeActionView } from "./nodeActions";
import { runNodeAction } from "./runNodeAction";
import { useNodeActions } from "./useNodeActions";

const PROMINENT: NodeActionId[] = ["generate", "regenerateBelow", "keep", "lock"];

export function NodeToolbar({ nodeId, locked }: { nodeId: string; locked: boolean }) {
  const actions = useNodeActions(nodeId);
  const prominent = actions.filter((a) => PROMINENT.includes(a.id));
  const tools = actions.filter((a) => !PROMINENT.includes(a.id));
  const button = (a: NodeActionView, iconOnly: boolean) => (
    <ActionButton
      key={a.id}
      label={a.label}
      title={a.title}
      icon={actionIcon(a.id, locked)}
      iconOnly={iconOnly}
      disabled={!a.enabled}
      reason={a.reason}
      variant={a.id === "generate" ? "primary" : a.id === "delete" ? "danger" : "default"}
      pressed={a.id === "lock" ? locked : undefined}
      testId={ACTION_TEST_IDS[a.id]}
      onClick={() => void runNodeAction(a.id, nodeId)}
    />
  );
  return (
    <div className="node-toolbar" role="toolbar" aria-label="Node actions">
      <div className="toolbar-group">{prominent.map((a) => button(a, false))}</div>
      <AltsToolbar nodeId={nodeId} />
      <div className="toolbar-group quiet">{tools.map((a) => button(a, true))}</div>
    </div>
  );
}
