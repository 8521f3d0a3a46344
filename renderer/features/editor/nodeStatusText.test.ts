import { describe, expect, it } from "vitest";
import { nodeStatusText } from "./nodeStatusText";

describe("nodeStatusText", () => {
  it("explains staleness with the reason and who wrote it", () => {
    const s = nodeStatusText({ freshness: "stale", reason: "Generated before the beat above changed" }, "generated", false, false, false);
    expect(s).toEqual({ freshness: "stale", headline: "Stale", detail: "Generated before the beat above changed", facts: "Generated" });
  });
  it("lists locked and edited facts", () => {
    const s = nodeStatusText({ freshness: "inputs-changed", reason: "r" }, "edited", true, false, false);
    expect(s.headline).toBe("Inputs changed");
    expect(s.facts).toBe("Generated, then edited by you · Locked");
  });
  it("says when the model is rewriting it", () => {
    expect(nodeStatusText({ freshness: "fresh", reason: "" }, "generated", false, false, true).headline).toBe("Being rewritten");
  });
  it("calls the premise the writer's", () => {
    expect(nodeStatusText({ freshness: "fresh", reason: "" }, "written", false, true, false)).toMatchObject({ headline: "Up to date", facts: "Written by you" });
  });
});
