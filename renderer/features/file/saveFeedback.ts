/**
 * What the writer is told after an export is handed over to be saved. Pure; tested in
 * saveFeedback.test.ts.
 *
 * Must hold: "Saved" is only said once the file is on disk. In Electron the save dialog follows the
 * hand-over and may be cancelled, so nothing is said until its main process reports how the save
 * ended (`file:did-save`). The web shell's browser saves the download itself and reports nothing back:
 * "Downloaded" is said at once.
 */
import type { FileSaveResult } from "../../../shared/ipc/contract";

export interface SaveFeedback {
  message: string;
  /** An error toast rather than a notice. */
  error: boolean;
}

/** Whether this shell reports how a save ended (Electron, through its bridge). */
export function shellReportsSaves(): boolean {
  return typeof window !== "undefined" && window.cascadeBridge !== undefined;
}

/** Said right after the hand-over: "Downloaded “x”." in a browser; nothing yet where the shell reports back. */
export function handedOverMessage(fileName: string, reportsSaves: boolean): string | null {
  return reportsSaves ? null : `Downloaded “${fileName}”.`;
}

/** Said when the shell reports how a save ended. */
export function saveResultFeedback({ fileName, state }: FileSaveResult): SaveFeedback {
  switch (state) {
    case "completed":
      return { message: `Saved “${fileName}”.`, error: false };
    case "cancelled":
      return { message: "Not saved: cancelled.", error: false };
    case "interrupted":
      return { message: `Could not save “${fileName}”.`, error: true };
  }
}
