/**
 * Section 1 of the benchmark: the pure story core (and the save path) on a long novel.
 *
 * The trees are built through the real generation path (planChildrenJob + applyGeneration, via the
 * test helper buildStory and its deterministic fake generator), so every node carries a real basis
 * and the whole tree starts fresh, like a novel the model wrote and nobody has touched yet.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { saveProject, serializeProject } from "../main/storage/projectStore";
import { assembleChildrenPrompt, PROMPT_TOKEN_CEILING } from "../shared/prompts/assemble";
import { planCascade } from "../shared/story/cascadePlan";
import type { Project, StoryNode } from "../shared/story/model";
import { applyOperation } from "../shared/story/operations";
import { computeStatuses, type NodeStatus } from "../shared/story/staleness";
import { buildStory, nodesAt, type StoryShape } from "../shared/story/testStory";
import { keep, timeAsync, timeSync, type Timing } from "./measure";
import { fmtBytes, fmtInt, fmtMs, fmtRatio, fmtTiming, labelled, type Log, type SummaryRow } from "./report";

/** Every generated text is padded to this many characters (about 20 words: a short paragraph). */
const TEXT_LENGTH = 120;
export const NOVEL: StoryShape = { beats: 30, scenesPerBeat: 10, linesPerScene: 50, textLength: TEXT_LENGTH };
export const SMALL: StoryShape = { beats: 3, scenesPerBeat: 3, linesPerScene: 3, textLength: TEXT_LENGTH };
/** One frame at 60 Hz: a drag on the board must restyle the whole tree within it. */
const FRAME_MS = 1000 / 60;
/** Lines asked for in the prompt-assembly comparison (the app's default child count for lines). */
const PROMPT_LINE_COUNT = 6;

export interface CoreResults {
  novel: { beats: number; scenes: number; lines: number; nodes: number; textLength: number; buildMs: number };
  small: { beats: number; scenes: number; lines: number; nodes: number };
  computeStatuses: Timing;
  editBeatAndRecompute: Timing & { staleAfterEdit: number; inputsChangedAfterEdit: number; applyOperationOnly: Timing };
  /** Moving one scene to another beat (a drag on the board), then every status: the budget is one frame. */
  moveSceneAndRecompute: Timing & { staleAfterMove: number; frameBudgetMs: number };
  planCascadeAfterPremiseEdit: Timing & { steps: number; expectedNodes: number };
  assemblePrompt: {
    lineCount: number;
    small: Timing & { estimatedTokens: number };
    novel: Timing & { estimatedTokens: number };
    /** novel ÷ small. */
    tokenRatio: number;
    /** novel ÷ small (medians). */
    timeRatio: number;
    ceilingTokens: number;
  };
  serializeProject: Timing & { bytes: number };
  saveProject: Timing & { bytesOnDisk: number };
}

function countStatuses(statuses: Map<string, NodeStatus>): { stale: number; inputsChanged: number } {
  let stale = 0;
  let inputsChanged = 0;
  for (const s of statuses.values()) {
    if (s.freshness === "stale") stale++;
    else if (s.freshness === "inputs-changed") inputsChanged++;
  }
  return { stale, inputsChanged };
}

/** The beat in the middle of the story, in reading order. */
function middleBeat(project: Project): StoryNode {
  const beats = nodesAt(project, "beat");
  const beat = beats[Math.floor(beats.length / 2)];
  if (!beat) throw new Error("bench: the story has no beats");
  return beat;
}

/**
 * The middle scene of the middle beat: it has a scene before and after it in the same beat, so its
 * prompt has the same parts (bible, three ancestors, two neighbours) in a small story and in the novel.
 */
function middleScene(project: Project): StoryNode {
  const ids = middleBeat(project).childIds;
  const scene = project.nodes[ids[Math.floor(ids.length / 2)] ?? ""];
  if (!scene || ids.length < 3) throw new Error("bench: the middle beat needs at least 3 scenes");
  return scene;
}

export async function runCoreBench(log: Log): Promise<{ results: CoreResults; rows: SummaryRow[] }> {
  const S = "1 core";
  const rows: SummaryRow[] = [];

  const t0 = performance.now();
  const novel = buildStory(NOVEL).project;
  const buildMs = performance.now() - t0;
  const small = buildStory(SMALL).project;
  const novelNodes = Object.keys(novel.nodes).length;
  const smallNodes = Object.keys(small.nodes).length;
  const lines = NOVEL.beats * NOVEL.scenesPerBeat * NOVEL.linesPerScene;

  log(
    `== 1. Pure core on a long novel: ${NOVEL.beats} beats × ${NOVEL.scenesPerBeat} scenes × ${NOVEL.linesPerScene} lines ` +
      `= ${fmtInt(lines)} lines, ${fmtInt(novelNodes)} nodes, ${TEXT_LENGTH}-char texts (built in ${fmtMs(buildMs)}) ==`,
  );

  // --- computeStatuses on the whole tree.
  const statusesBefore = countStatuses(computeStatuses(novel));
  if (statusesBefore.stale || statusesBefore.inputsChanged) throw new Error("bench: a freshly built story should be all fresh");
  const computeStatusesT = timeSync(() => computeStatuses(novel), { warmup: 5, samples: 40 });

  // --- Editing one beat (the writer types in it), then recomputing every status: each call makes a real,
  // different edit of the same beat of the same untouched novel.
  const beat = middleBeat(novel);
  const editOp = (i: number) => ({ type: "editNode" as const, nodeId: beat.id, text: `${beat.text} (edit ${i})` });
  // The edit alone (copy-on-write of the node map + patch), to split the figure below.
  const applyT = timeSync((i) => applyOperation(novel, editOp(i)), { warmup: 5, samples: 40 });
  let afterEdit = novel;
  const editT = timeSync(
    (i) => {
      afterEdit = applyOperation(novel, editOp(i)).project;
      return computeStatuses(afterEdit);
    },
    { warmup: 5, samples: 40 },
  );
  const afterEditCounts = countStatuses(computeStatuses(afterEdit));

  // --- Moving a scene of the middle beat to another beat (a different target each call), then every status.
  const beatIds = novel.nodes[novel.rootId]!.childIds;
  const movedScene = beat.childIds[Math.floor(beat.childIds.length / 2)]!;
  const moveOp = (i: number) => {
    const target = beatIds[(i * 7) % beatIds.length] === beat.id ? beatIds[0]! : beatIds[(i * 7) % beatIds.length]!;
    return { type: "moveNode" as const, nodeId: movedScene, parentId: target, index: i % 5 };
  };
  let afterMove = novel;
  const moveT = timeSync(
    (i) => {
      afterMove = applyOperation(novel, moveOp(i)).project;
      return computeStatuses(afterMove);
    },
    { warmup: 5, samples: 40 },
  );
  const afterMoveCounts = countStatuses(computeStatuses(afterMove));

  // --- planCascade from the premise after the premise was edited: everything below must be replanned.
  const premiseEdited = applyOperation(novel, {
    type: "editNode",
    nodeId: novel.rootId,
    text: `${novel.nodes[novel.rootId]!.text} Now it rains.`,
  }).project;
  let plan = planCascade(premiseEdited, premiseEdited.rootId);
  const planT = timeSync(
    () => {
      plan = planCascade(premiseEdited, premiseEdited.rootId);
      return plan;
    },
    { warmup: 3, samples: 30 },
  );
  const expectedNodes = plan.reduce((n, s) => n + s.expected.length, 0);

  // --- Prompt assembly for the lines of one scene: same bible, premise and text lengths, small story vs novel.
  const smallScene = middleScene(small);
  const novelScene = middleScene(novel);
  const smallPrompt = assembleChildrenPrompt(small, smallScene.id, PROMPT_LINE_COUNT, []);
  const novelPrompt = assembleChildrenPrompt(novel, novelScene.id, PROMPT_LINE_COUNT, []);
  // A call takes microseconds: each sample is the mean of 200 calls.
  const assembleOpts = { warmup: 20, samples: 50, inner: 200 };
  const smallAssembleT = timeSync(() => assembleChildrenPrompt(small, smallScene.id, PROMPT_LINE_COUNT, []), assembleOpts);
  const novelAssembleT = timeSync(() => assembleChildrenPrompt(novel, novelScene.id, PROMPT_LINE_COUNT, []), assembleOpts);

  // --- Serializing the novel as the project file's JSON text.
  let text = serializeProject(novel);
  const serializeT = timeSync(
    () => {
      text = serializeProject(novel);
      return text;
    },
    { warmup: 3, samples: 15 },
  );
  const bytes = Buffer.byteLength(text, "utf8");

  // --- saveProject into a temp folder: validate (zod), serialize, backup check, atomic write with fsync.
  const dir = await mkdtemp(path.join(os.tmpdir(), "cascade-bench-"));
  const file = path.join(dir, "novel.cascade");
  let saveT: Timing;
  let bytesOnDisk: number;
  try {
    // Warm-up saves: the first creates the file, the second takes the one backup the 5-minute policy allows,
    // so the timed saves are the steady state of autosave (backup not due).
    saveT = await timeAsync(() => saveProject(file, novel), { warmup: 2, samples: 10 });
    bytesOnDisk = (await stat(file)).size;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const tokenRatio = novelPrompt.estimatedTokens / smallPrompt.estimatedTokens;
  const timeRatio = novelAssembleT.medianMs / smallAssembleT.medianMs;

  log(
    labelled([
      ["computeStatuses, whole novel", fmtTiming(computeStatusesT)],
      [
        "edit 1 beat + computeStatuses",
        `${fmtTiming(editT)}; after the edit: ${fmtInt(afterEditCounts.stale)} stale, ${fmtInt(afterEditCounts.inputsChanged)} inputs-changed`,
      ],
      ["  of which applyOperation (the edit)", fmtTiming(applyT)],
      [
        "move 1 scene to another beat + computeStatuses",
        `${fmtTiming(moveT)}; ${fmtInt(afterMoveCounts.stale)} stale after (the scene, its lines, the lines beside both places); ` +
          `one frame is ${fmtMs(FRAME_MS)}: ${moveT.p95Ms < FRAME_MS ? "within it" : "OVER it"} at p95`,
      ],
      [
        "planCascade(premise) after premise edit",
        `${fmtTiming(planT)} (incl. its statuses pass); ${fmtInt(plan.length)} steps, ${fmtInt(expectedNodes)} nodes to regenerate`,
      ],
      [
        `assembleChildrenPrompt, ${PROMPT_LINE_COUNT} lines (per call)`,
        `small ${SMALL.beats}×${SMALL.scenesPerBeat}×${SMALL.linesPerScene} (${smallNodes} nodes): ${fmtTiming(smallAssembleT)}, ${smallPrompt.estimatedTokens} est. tokens`,
      ],
      [
        "",
        `novel (${fmtInt(novelNodes)} nodes): ${fmtTiming(novelAssembleT)}, ${novelPrompt.estimatedTokens} est. tokens`,
      ],
      [
        "",
        `novel ÷ small: tokens ${fmtRatio(tokenRatio)}, time ${fmtRatio(timeRatio)} (ceiling ${PROMPT_TOKEN_CEILING} tokens)`,
      ],
      ["serializeProject (JSON text)", `${fmtTiming(serializeT)}; ${fmtBytes(bytes)}`],
      ["saveProject (validate+write+fsync)", `${fmtTiming(saveT)}; ${fmtBytes(bytesOnDisk)} on disk`],
    ]),
  );
  log();

  rows.push(
    { section: S, measure: `computeStatuses, ${fmtInt(novelNodes)} nodes`, value: fmtMs(computeStatusesT.medianMs), detail: `p95 ${fmtMs(computeStatusesT.p95Ms)}` },
    {
      section: S,
      measure: "edit 1 beat + computeStatuses",
      value: fmtMs(editT.medianMs),
      detail: `p95 ${fmtMs(editT.p95Ms)}; edit alone ${fmtMs(applyT.medianMs)}; ${fmtInt(afterEditCounts.stale)} stale after`,
    },
    {
      section: S,
      measure: "move 1 scene + computeStatuses",
      value: fmtMs(moveT.medianMs),
      detail: `p95 ${fmtMs(moveT.p95Ms)} (frame ${fmtMs(FRAME_MS)}); ${fmtInt(afterMoveCounts.stale)} stale after`,
    },
    {
      section: S,
      measure: "planCascade(premise) after premise edit",
      value: fmtMs(planT.medianMs),
      detail: `p95 ${fmtMs(planT.p95Ms)}; ${fmtInt(plan.length)} steps`,
    },
    {
      section: S,
      measure: `assemble prompt, small (${smallNodes} nodes)`,
      value: fmtMs(smallAssembleT.medianMs),
      detail: `p95 ${fmtMs(smallAssembleT.p95Ms)}; ${smallPrompt.estimatedTokens} est. tokens`,
    },
    {
      section: S,
      measure: `assemble prompt, novel (${fmtInt(novelNodes)} nodes)`,
      value: fmtMs(novelAssembleT.medianMs),
      detail: `p95 ${fmtMs(novelAssembleT.p95Ms)}; ${novelPrompt.estimatedTokens} est. tokens`,
    },
    {
      section: S,
      measure: "  prompt tokens novel ÷ small",
      value: fmtRatio(tokenRatio),
      detail: `time ratio ${fmtRatio(timeRatio)}; ceiling ${PROMPT_TOKEN_CEILING}`,
    },
    { section: S, measure: "serializeProject, novel", value: fmtMs(serializeT.medianMs), detail: `p95 ${fmtMs(serializeT.p95Ms)}; ${fmtBytes(bytes)}` },
    { section: S, measure: "saveProject, novel (atomic, fsync)", value: fmtMs(saveT.medianMs), detail: `p95 ${fmtMs(saveT.p95Ms)}` },
  );
  keep(text.length);

  return {
    results: {
      novel: { beats: NOVEL.beats, scenes: NOVEL.beats * NOVEL.scenesPerBeat, lines, nodes: novelNodes, textLength: TEXT_LENGTH, buildMs },
      small: { beats: SMALL.beats, scenes: SMALL.beats * SMALL.scenesPerBeat, lines: SMALL.beats * SMALL.scenesPerBeat * SMALL.linesPerScene, nodes: smallNodes },
      computeStatuses: computeStatusesT,
      editBeatAndRecompute: {
        ...editT,
        staleAfterEdit: afterEditCounts.stale,
        inputsChangedAfterEdit: afterEditCounts.inputsChanged,
        applyOperationOnly: applyT,
      },
      moveSceneAndRecompute: { ...moveT, staleAfterMove: afterMoveCounts.stale, frameBudgetMs: FRAME_MS },
      planCascadeAfterPremiseEdit: { ...planT, steps: plan.length, expectedNodes },
      assemblePrompt: {
        lineCount: PROMPT_LINE_COUNT,
        small: { ...smallAssembleT, estimatedTokens: smallPrompt.estimatedTokens },
        novel: { ...novelAssembleT, estimatedTokens: novelPrompt.estimatedTokens },
        tokenRatio,
        timeRatio,
        ceilingTokens: PROMPT_TOKEN_CEILING,
      },
      serializeProject: { ...serializeT, bytes },
      saveProject: { ...saveT, bytesOnDisk },
    },
    rows,
  };
}
