import { afterEach, describe, expect, it } from "vitest";
import { appDataDir, modelsDir, projectsDir, setAppDataDir, settingsPath, type PathContext } from "./paths";

afterEach(() => setAppDataDir(null));

const linux = (env: Record<string, string> = {}, hasDocuments = true): PathContext => ({
  env,
  platform: "linux",
  home: "/home/ann",
  exists: (d) => hasDocuments && d === "/home/ann/Documents",
});

describe("paths", () => {
  it("uses the OS config folder per platform", () => {
    expect(appDataDir(linux())).toBe("/home/ann/.config/Cascade");
    expect(appDataDir(linux({ XDG_CONFIG_HOME: "/xdg" }))).toBe("/xdg/Cascade");
    expect(appDataDir({ env: {}, platform: "darwin", home: "/Users/ann" })).toBe("/Users/ann/Library/Application Support/Cascade");
    expect(appDataDir({ env: { APPDATA: "C:\\Users\\ann\\AppData\\Roaming" }, platform: "win32", home: "C:\\Users\\ann" })).toBe(
      "C:\\Users\\ann\\AppData\\Roaming\\Cascade",
    );
    expect(appDataDir({ env: {}, platform: "win32", home: "C:\\Users\\ann" })).toBe("C:\\Users\\ann\\AppData\\Roaming\\Cascade");
  });

  it("CASCADE_HOME wins over setAppDataDir, which wins over the OS default", () => {
    setAppDataDir("/electron/userData");
    expect(appDataDir(linux())).toBe("/electron/userData");
    expect(appDataDir(linux({ CASCADE_HOME: "/tmp/ch" }))).toBe("/tmp/ch");
    setAppDataDir(null);
    expect(appDataDir(linux())).toBe("/home/ann/.config/Cascade");
  });

  it("projects go to CASCADE_PROJECTS_DIR, else <home>/projects under CASCADE_HOME, else Documents/Cascade or ~/Cascade", () => {
    expect(projectsDir(linux({ CASCADE_PROJECTS_DIR: "/p", CASCADE_HOME: "/h" }))).toBe("/p");
    expect(projectsDir(linux({ CASCADE_HOME: "/h" }))).toBe("/h/projects");
    expect(projectsDir(linux())).toBe("/home/ann/Documents/Cascade");
    expect(projectsDir(linux({}, false))).toBe("/home/ann/Cascade");
    setAppDataDir("/electron/userData"); // not CASCADE_HOME: projects stay in Documents
    expect(projectsDir(linux())).toBe("/home/ann/Documents/Cascade");
  });

  it("models and settings live in the app data folder", () => {
    expect(modelsDir(linux({ CASCADE_HOME: "/h" }))).toBe("/h/models");
    expect(settingsPath(linux({ CASCADE_HOME: "/h" }))).toBe("/h/settings.json");
  });
});
