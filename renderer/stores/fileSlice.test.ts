import { beforeEach, describe, expect, it } from "vitest";
import type { ExportedFile, ProjectState } from "../../shared/ipc/contract";
import type { ImportReport } from "../../shared/export/types";
import { storyFixture } from "../testing/storyFixture";
import { fakeApi } from "../testing/fakeApi";
import { useAppStore } from "./useAppStore";

const initial = useAppStore.getState();
const state = (revision: number, path = "/p/a.cascade"): ProjectState => ({ path, revision, project: storyFixture([2]), save: { state: "saved", at: null } });
const file: ExportedFile = { format: "fountain", fileName: "fixture.fountain", mime: "text/plain", encoding: "utf8", content: "INT. HOUSE - DAY\n" };
const report: ImportReport = { format: "fountain", beats: 1, scenes: 2, lines: 5, skipped: [{ line: 3, text: "???", reason: "not a screenplay element" }], notes: [] };


describe("the file slice", () => {
  beforeEach(() => {
    useAppStore.setState(initial, true);
    useAppStore.getState().receiveProject(state(1));
  });

  it("exports through the services and hands the file to be saved", async () => {
    const calls = fakeApi({ "export:file": () => ({ ok: true, value: file }) });
    const saved: ExportedFile[] = [];
    const got = await useAppStore.getState().exportFile({ format: "fountain", nodeId: "b1", markGenerated: true }, (f) => saved.push(f));
    expect(got).toEqual(file);
    expect(saved).toEqual([file]);
    expect(calls).toEqual([["export:file", { format: "fountain", nodeId: "b1", markGenerated: true }]]);
    expect(useAppStore.getState()).toMatchObject({ lastExportFormat: "fountain", exportBusy: false });
  });

  it("says Downloaded only where the browser saves it, and Saved only when the shell reports the file written", async () => {
    fakeApi({ "export:file": () => ({ ok: true, value: file }) });
    const toasts = () => useAppStore.getState().toasts.map((t) => t.message);
    await useAppStore.getState().exportFile({ format: "fountain" }, () => undefined, false);
    expect(toasts()).toEqual(["Downloaded “fixture.fountain”."]);
    useAppStore.setState({ toasts: [] });
    // Electron: the save dialog is still to come; nothing is claimed yet.
    await useAppStore.getState().exportFile({ format: "fountain" }, () => undefined, true);
    expect(toasts()).toEqual([]);
    useAppStore.getState().receiveFileSaved({ fileName: "draft.fountain", state: "cancelled" });
    useAppStore.getState().receiveFileSaved({ fileName: "draft.fountain", state: "completed" });
    useAppStore.getState().receiveFileSaved({ fileName: "draft.fountain", state: "interrupted" });
    expect(toasts()).toEqual(["Not saved: cancelled.", "Saved “draft.fountain”.", "Could not save “draft.fountain”."]);
  });

  it("saves nothing and says why when an export fails", async () => {
    fakeApi({ "export:file": () => ({ ok: false, error: { code: "no-project", message: "No project is open." } }) });
    const saved: ExportedFile[] = [];
    expect(await useAppStore.getState().exportFile({ format: "fdx" }, (f) => saved.push(f))).toBeUndefined();
    expect(saved).toEqual([]);
    expect(useAppStore.getState().toasts.map((t) => t.message)).toEqual(["No project is open."]);
    expect(useAppStore.getState().lastExportFormat).toBeNull();
  });

  it("opens an imported project and keeps its report", async () => {
    const imported = state(1, "/p/imported.cascade");
    const calls = fakeApi({ "project:import": () => ({ ok: true, value: { state: imported, report } }) });
    useAppStore.getState().openExport("md");
    expect(await useAppStore.getState().importFile({ fileName: "pilot.fountain", text: "INT. HOUSE - DAY", format: "fountain" })).toBe(true);
    expect(calls).toEqual([["project:import", { fileName: "pilot.fountain", text: "INT. HOUSE - DAY", format: "fountain" }]]);
    const s = useAppStore.getState();
    expect(s.projectState?.path).toBe("/p/imported.cascade");
    expect(s.importReport).toEqual({ fileName: "pilot.fountain", title: "Fixture", report });
    expect(s.fileDialog).toBeNull();
    expect(s.projectBusy).toBe(false);
    s.dismissImportReport();
    expect(useAppStore.getState().importReport).toBeNull();
  });

  it("leaves the open project alone when an import fails", async () => {
    const calls = fakeApi({ "project:import": () => ({ ok: false, error: { code: "invalid-input", message: "The file is too large." } }) });
    expect(await useAppStore.getState().importFile({ fileName: "notes.txt", text: "x" })).toBe(false);
    expect(calls[0]?.[1]).toEqual({ fileName: "notes.txt", text: "x" });
    const s = useAppStore.getState();
    expect(s.projectState?.path).toBe("/p/a.cascade");
    expect(s.importReport).toBeNull();
    expect(s.toasts.map((t) => t.message)).toEqual(["The file is too large."]);
  });
});
