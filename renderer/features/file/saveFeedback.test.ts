import { describe, expect, it } from "vitest";
import { handedOverMessage, saveResultFeedback } from "./saveFeedback";

describe("save feedback", () => {
  it("says nothing at the hand-over where the shell reports back, and 'Downloaded' where the browser saves it", () => {
    expect(handedOverMessage("story.fdx", true)).toBeNull();
    expect(handedOverMessage("story.fdx", false)).toBe("Downloaded “story.fdx”.");
  });
  it("says Saved only for a completed save; a cancelled or failed one says so", () => {
    expect(saveResultFeedback({ fileName: "my story.fdx", state: "completed" })).toEqual({ message: "Saved “my story.fdx”.", error: false });
    expect(saveResultFeedback({ fileName: "story.docx", state: "cancelled" })).toEqual({ message: "Not saved: cancelled.", error: false });
    expect(saveResultFeedback({ fileName: "story.md", state: "interrupted" })).toEqual({ message: "Could not save “story.md”.", error: true });
  });
});
