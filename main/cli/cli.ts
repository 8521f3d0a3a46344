/**
 * `cascade` on the command line (`npm run -s cli -- <args>`). Thin on purpose: the work is in
 * run.ts (runCli) so tests can drive it in-process.
 *
 * Ctrl+C: a running `generate` cancels its jobs, saves what finished and exits 130.
 * Ctrl+C again, later: stop at once.
 */
import { runCli } from "./run";

/**
 * One Ctrl+C can arrive twice: the terminal signals the whole process group, and a wrapper (tsx,
 * npm) may relay it to us as well. Repeats within this window are the same keypress.
 */
const SAME_INTERRUPT_MS = 1_500;

const interrupt = new AbortController();
let firstInterruptAt = 0;
process.on("SIGINT", () => {
  const now = Date.now();
  if (!interrupt.signal.aborted) {
    firstInterruptAt = now;
    interrupt.abort();
    return;
  }
  if (now - firstInterruptAt < SAME_INTERRUPT_MS) return;
  process.stderr.write("cascade: stopped at once; changes not yet saved may be lost.\n");
  process.exit(130);
});

// `cascade status story.cascade | head`: a reader that stops early is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
});

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: interrupt.signal });
