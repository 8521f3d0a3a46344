import { describe, expect, it } from "vitest";
import { relativeTime } from "./relativeTime";

describe("relativeTime", () => {
  const now = Date.parse("2026-03-10T12:00:00Z");
  it("speaks in plain words for recent times", () => {
    expect(relativeTime("2026-03-10T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2026-03-10T11:55:00Z", now)).toBe("5 minutes ago");
    expect(relativeTime("2026-03-10T11:00:00Z", now)).toBe("1 hour ago");
    expect(relativeTime("2026-03-09T11:00:00Z", now)).toBe("yesterday");
    expect(relativeTime("2026-03-07T12:00:00Z", now)).toBe("3 days ago");
  });
  it("falls back to a date, and to nothing for garbage", () => {
    expect(relativeTime("2026-01-01T00:00:00Z", now)).toMatch(/2026/);
    expect(relativeTime("not a date", now)).toBe("");
  });
});
