/**
 * The CLI as a function, so tests can run it in-process: parse, run one command, print one line
 * `cascade: <message>` on failure. Exit codes: 0 ok, 1 failure, 2 usage error, 130 cancelled (Ctrl+C).
 */
import { parseCommandLine, UsageError } from "./args";
import { USAGE } from "./usage";
import { CliError, runCommand } from "./commands";
import type { CliIo } from "./output";

export type { CliIo } from "./output";

export const EXIT_USAGE = 2;

/** Runs one command. `argv` is the arguments after the program name (process.argv.slice(2)). Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const cmd = parseCommandLine(argv);
    if (cmd.name === "help") {
      io.stdout.write(USAGE);
      return 0;
    }
    return await runCommand(cmd, io);
  } catch (err) {
    io.stderr.write(`cascade: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    if (err instanceof UsageError) return EXIT_USAGE;
    if (err instanceof CliError) return err.exitCode;
    return 1;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim() || "failed";
}
