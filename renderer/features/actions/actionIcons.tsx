/** The icon that goes with each node action, shared by the toolbar and the context menu. */
import type { JSX } from "react";
import { ArrowDownIcon, ArrowUpIcon, CascadeIcon, CheckIcon, DuplicateIcon, LockIcon, MergeIcon, PlusBelowIcon, PlusIcon, SnapshotIcon, SparkIcon, SplitIcon, TrashIcon, UnlockIcon } from "../../ui/icons";
import type { NodeActionId } from "./nodeActions";

export function actionIcon(id: NodeActionId, locked: boolean): JSX.Element {
  switch (id) {
    case "generate":
      return <SparkIcon />;
    case "regenerateBelow":
      return <CascadeIcon />;
    case "lock":
      return locked ? <UnlockIcon /> : <LockIcon />;
    case "keep":
      return <CheckIcon />;
    case "addChild":
      return <PlusBelowIcon />;
    case "addSibling":
      return <PlusIcon />;
    case "moveUp":
      return <ArrowUpIcon />;
    case "moveDown":
      return <ArrowDownIcon />;
    case "duplicate":
      return <DuplicateIcon />;
    case "snapshot":
      return <SnapshotIcon />;
    case "mergeNext":
      return <MergeIcon />;
    case "splitHere":
      return <SplitIcon />;
    case "delete":
      return <TrashIcon />;
  }
}
