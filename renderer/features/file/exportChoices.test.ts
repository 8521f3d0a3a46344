import { describe, expect, it } from "vitest";
import { applyOperation } from "../../../shared/story/operations";
import { storyFixture } from "../../testing/storyFixture";
import { defaultExportFormat, exportableSubtree, exportMenuChoices, exportRequest } from "./exportChoices";

describe("export choices", () => {
  it("offers the screenplay formats first in a screenplay, and every format in both forms", () => {
    const screenplay = exportMenuChoices("screenplay").map((c) => c.format);
    const prose = exportMenuChoices("prose").map((c) => c.format);
    expect(screenplay.slice(0, 2)).toEqual(["fountain", "fdx"]);
    expect(prose.slice(0, 2)).toEqual(["md", "fountain"]);
    expect(new Set(screenplay)).toEqual(new Set(prose));
    expect(prose).toHaveLength(7);
    expect(prose.slice(-3)).toEqual(["binder", "provenance-md", "provenance-csv"]);
  });
  it("defaults to the form's own format", () => {
    expect(defaultExportFormat("screenplay")).toBe("fountain");
    expect(defaultExportFormat("prose")).toBe("md");
  });
  it("narrows only to a selected beat or scene", () => {
    const fixture = storyFixture([2]);
    const project = applyOperation(fixture, { type: "insertNode", parentId: "b1s1", index: 0, id: "b1s1l1", text: "A line." }).project;
    const beat = "b1";
    const scene = "b1s1";
    expect(exportableSubtree(project, beat)).toBe(beat);
    expect(exportableSubtree(project, scene)).toBe(scene);
    expect(exportableSubtree(project, project.rootId)).toBeNull();
    expect(exportableSubtree(project, null)).toBeNull();
    expect(exportableSubtree(project, "gone")).toBeNull();
    expect(project.nodes.b1s1l1?.level).toBe("line");
    expect(exportableSubtree(project, "b1s1l1")).toBeNull();
  });
  it("sends only the options that apply to the format", () => {
    expect(exportRequest("fountain", "b1", true)).toEqual({ format: "fountain", nodeId: "b1", markGenerated: true });
    expect(exportRequest("md", null, false)).toEqual({ format: "md", markGenerated: false });
    expect(exportRequest("binder", "b1", true)).toEqual({ format: "binder" });
    expect(exportRequest("provenance-csv", "b1", true)).toEqual({ format: "provenance-csv", nodeId: "b1" });
  });
});
