/**
 * Section 4 of the benchmark: the style-name filter, which every prompt passes through.
 * - start-up: reading and validating the creators list (resources/creators), then building the index
 *   (first build in this process, i.e. cold, as at app start; and the median of warm rebuilds);
 * - scanning a 5 KB prompt (a real assembled prompt of the bench's story, cut to 5,000 characters)
 *   against the whole list: p50 / p99 / max over many checks, for three texts side by side — no
 *   names at all, three style requests (two rewritten, one public domain), and an adversarial text
 *   full of triggers followed by near-names (every one costs a misspelling lookup).
 */
import { createStyleFilter } from "../shared/filter/styleFilter";
import { DEFAULT_FILTER_SETTINGS } from "../shared/filter/types";
import { assembleChildrenPrompt } from "../shared/prompts/assemble";
import { buildStory, nodesAt } from "../shared/story/testStory";
import { loadCreators } from "../main/filter/creators";
import { keep, median, percentile } from "./measure";
import { fmtInt, fmtMs, labelled, type Log, type SummaryRow } from "./report";

const PROMPT_CHARS = 5_000;
const CHECKS = 2_000;
const SETTINGS = { settings: DEFAULT_FILTER_SETTINGS, today: "2026-11-23" };

export interface ScanTiming {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  checks: number;
  decision: string;
  matches: number;
}

export interface FilterResults {
  creators: number;
  loadMs: number;
  indexColdMs: number;
  indexWarmMedianMs: number;
  promptChars: number;
  scans: { clean: ScanTiming; requests: ScanTiming; adversarial: ScanTiming };
}

function cut(text: string): string {
  let t = text;
  while (t.length < PROMPT_CHARS) t += `\n${text}`;
  return t.slice(0, PROMPT_CHARS);
}

export async function runFilterBench(log: Log): Promise<{ results: FilterResults; rows: SummaryRow[] }> {
  const section = "4 filter";
  log("== 4. Style-name filter: start-up and scanning a 5 KB prompt against the whole creators list ==");
  let t = performance.now();
  const records = loadCreators();
  const loadMs = performance.now() - t;
  t = performance.now();
  const filter = createStyleFilter(records);
  const indexColdMs = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    keep(createStyleFilter(records));
    warm.push(performance.now() - t);
  }

  const { project } = buildStory({ beats: 6, scenesPerBeat: 4, linesPerScene: 8 });
  const scene = nodesAt(project, "scene")[0]!;
  const assembled = assembleChildrenPrompt(project, scene.id, 8, []);
  const base = cut(`${assembled.system}\n\n${assembled.user}`);
  const insert = (text: string, at: number, what: string) => text.slice(0, at) + what + text.slice(at + what.length);
  let requests = insert(base, 400, " Write it in the style of Quentin Tarantino. ");
  requests = insert(requests, 2_400, " a Lynchian dream, then jokes à la Seinfeld, ");
  requests = insert(requests, 4_200, " and in the style of Jane Austen. ");
  const near = ["Quentin Tarantnio", "Stephen Kng", "Jery Seinfeld", "Marget Atwood", "Wes Andersen", "Tayler Swfit", "Nora Ephrom"];
  let adversarial = "";
  for (let i = 0; adversarial.length < PROMPT_CHARS; i++) adversarial += `in the style of ${near[i % near.length]} and like a Smith joke, `;
  adversarial = adversarial.slice(0, PROMPT_CHARS);

  const scan = (text: string): ScanTiming => {
    for (let i = 0; i < 50; i++) keep(filter.check(text, SETTINGS));
    const times: number[] = [];
    let last = filter.check(text, SETTINGS);
    for (let i = 0; i < CHECKS; i++) {
      const s = performance.now();
      last = filter.check(text, SETTINGS);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    return { p50Ms: median(times), p99Ms: percentile(times, 99), maxMs: times.at(-1)!, checks: CHECKS, decision: last.decision, matches: last.matches.length };
  };
  const scans = { clean: scan(base), requests: scan(requests), adversarial: scan(adversarial) };
  const words = (s: ScanTiming) => `p50 ${fmtMs(s.p50Ms)}, p99 ${fmtMs(s.p99Ms)}, max ${fmtMs(s.maxMs)} (n=${fmtInt(s.checks)}); decision ${s.decision}, ${s.matches} matches`;
  log(
    labelled(
      [
        [`load + validate ${fmtInt(records.length)} creators`, fmtMs(loadMs)],
        ["build the index (cold, as at start-up)", `${fmtMs(indexColdMs)}; warm rebuilds median ${fmtMs(median(warm))}`],
        [`scan ${fmtInt(PROMPT_CHARS)} chars, no names`, words(scans.clean)],
        [`scan ${fmtInt(PROMPT_CHARS)} chars, 4 style requests`, words(scans.requests)],
        [`scan ${fmtInt(PROMPT_CHARS)} chars, adversarial`, words(scans.adversarial)],
      ],
      "      ",
    ),
  );
  log();
  const rows: SummaryRow[] = [
    { section, measure: "creators list: load + validate", value: fmtMs(loadMs), detail: `${fmtInt(records.length)} creators` },
    { section, measure: "filter index build (cold)", value: fmtMs(indexColdMs), detail: `goal < 200 ms; warm median ${fmtMs(median(warm))}` },
    { section, measure: "scan 5 KB prompt, p99", value: fmtMs(scans.requests.p99Ms), detail: `4 style requests; no names ${fmtMs(scans.clean.p99Ms)}; adversarial ${fmtMs(scans.adversarial.p99Ms)}; goal well under 10 ms` },
  ];
  return { results: { creators: records.length, loadMs, indexColdMs, indexWarmMedianMs: median(warm), promptChars: PROMPT_CHARS, scans }, rows };
}
