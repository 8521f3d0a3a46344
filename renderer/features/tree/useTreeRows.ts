/**
 * The outline's rows for the current project, collapsed state and live jobs. Recomputed only when
 * one of those changes (the project object is replaced on every revision).
 */
import { useMemo } from "react";
import type { JobsSnapshot } from "../../../shared/ipc/contract";
import { streamsByParent } from "../../stores/jobsTracking";
import { statusesOf } from "../../stores/statuses";
import { useAppStore } from "../../stores/useAppStore";
import { flattenTree, type Activity, type TreeRow } from "./flattenTree";

export function useTreeRows(): TreeRow[] {
  const project = useAppStore((s) => s.projectState?.project);
  const collapsed = useAppStore((s) => s.collapsed);
  const streams = useAppStore((s) => s.streams);
  const jobs = useAppStore((s) => s.jobs);
  const activity = useMemo(() => activityByParent(jobs), [jobs]);
  const byParent = useMemo(() => streamsByParent(streams), [streams]);
  return useMemo(
    () => (project ? flattenTree(project, { collapsed, statuses: statusesOf(project), streams: byParent, activity }) : []),
    [project, collapsed, byParent, activity],
  );
}

/** Which parents have a job writing their children; running wins over queued. */
function activityByParent(snapshot: JobsSnapshot): Map<string, Activity> {
  const out = new Map<string, Activity>();
  for (const j of snapshot.jobs) {
    if (j.state === "running") out.set(j.parentId, "running");
    else if (j.state === "queued" && !out.has(j.parentId)) out.set(j.parentId, "queued");
  }
  return out;
}
