/**
 * The Electron main process, without Electron: `electron` is a recording fake and the services are a
 * fake with one handler per contract method, so no model, disk or binary is touched. Checks the
 * security baseline main.ts promises: isolated, sandboxed, Node-free window; strict CSP; navigation,
 * new windows and webviews denied; external links only to allow-listed https hosts; permissions
 * denied; contract calls accepted only from our own top-level page, validated before any handler.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EVENT_CHANNEL, METHOD_NAMES } from "../../../shared/ipc/names";

type Fn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;

  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(name: string, fn: Listener): this {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Listener): this {
      return this.on(name, fn);
    }
    emit(name: string, ...args: unknown[]): void {
      for (const fn of this.listeners.get(name) ?? []) fn(...args);
    }
    count(name: string): number {
      return this.listeners.get(name)?.length ?? 0;
    }
  }

  const state = {
    /** Every call on the fake Electron, in order ("app.enableSandbox", "BrowserWindow", …). */
    log: [] as string[],
    app: new Emitter(),
    gotLock: true,
    isPackaged: false,
    ready: false,
    resolveReady: (() => undefined) as () => void,
    readyPromise: Promise.resolve(),
    handlers: new Map<string, Listener>(),
    windows: [] as FakeWindow[],
    contents: [] as FakeWebContents[],
    menuTemplates: [] as unknown[],
    openedExternal: [] as string[],
    errorBoxes: [] as Array<[string, string]>,
    exits: [] as number[],
    quits: 0,
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    headersReceived: [] as Listener[],
    forks: [] as Array<{ modulePath: string; options: unknown; child: FakeUtilityProcess }>,
    openDialogs: [] as unknown[][],
    openDialogResult: { canceled: false, filePaths: [] as string[] },
    /** The session's own events ("will-download"). */
    session: new Emitter(),
  };

  /** A utilityProcess child: records what main posts; the test plays the engine process. */
  class FakeUtilityProcess extends Emitter {
    readonly posted: unknown[] = [];
    pid: number | undefined = 4242;
    killed = 0;
    postMessage(msg: unknown): void {
      this.posted.push(msg);
    }
    kill(): boolean {
      this.killed++;
      return true;
    }
  }

  class FakeWebContents extends Emitter {
    windowOpenHandler: Listener | null = null;
    readonly sent: unknown[][] = [];
    setWindowOpenHandler(fn: Listener): void {
      state.log.push("webContents.setWindowOpenHandler");
      this.windowOpenHandler = fn;
    }
    send(...args: unknown[]): void {
      this.sent.push(args);
    }
  }

  class FakeWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    destroyed = false;
    minimized = false;
    shown = 0;
    focused = 0;
    restored = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      if (!state.ready) throw new Error("Cannot create BrowserWindow before app is ready");
      state.log.push("BrowserWindow");
      state.windows.push(this);
      state.contents.push(this.webContents);
      // Like Electron: every new webContents is announced on the app.
      state.app.emit("web-contents-created", { preventDefault: () => undefined }, this.webContents);
    }
    static getAllWindows(): FakeWindow[] {
      return state.windows.filter((w) => !w.destroyed);
    }
    loadFile(file: string): Promise<void> {
      state.log.push("win.loadFile");
      this.loaded.push(file);
      return Promise.resolve();
    }
    loadURL(url: string): Promise<void> {
      state.log.push("win.loadURL");
      this.loaded.push(url);
      return Promise.resolve();
    }
    show(): void {
      this.shown++;
    }
    focus(): void {
      this.focused++;
    }
    restore(): void {
      this.restored++;
      this.minimized = false;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
  }

  const app = {
    get isPackaged() {
      return state.isPackaged;
    },
    requestSingleInstanceLock: () => {
      state.log.push("app.requestSingleInstanceLock");
      return state.gotLock;
    },
    enableSandbox: () => {
      state.log.push("app.enableSandbox");
      if (state.ready) throw new Error("app.enableSandbox() can only be called before app is ready");
    },
    on: (name: string, fn: Listener) => {
      state.log.push(`app.on ${name}`);
      state.app.on(name, fn);
      return app;
    },
    once: (name: string, fn: Listener) => {
      state.log.push(`app.once ${name}`);
      state.app.on(name, fn);
      return app;
    },
    whenReady: () => state.readyPromise,
    isReady: () => state.ready,
    getPath: (name: string) => `/fake/${name}`,
    getVersion: () => "0.0.0-test",
    quit: () => {
      state.log.push("app.quit");
      state.quits++;
    },
    exit: (code: number) => {
      state.log.push("app.exit");
      state.exits.push(code);
    },
  };

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: (title: string, message: string) => state.errorBoxes.push([title, message]),
      showOpenDialog: async (...args: unknown[]) => {
        state.openDialogs.push(args);
        return state.openDialogResult;
      },
    },
    utilityProcess: {
      fork: (modulePath: string, _args: unknown, options: unknown) => {
        if (!state.ready) throw new Error("utilityProcess.fork can only be called after app is ready");
        const child = new FakeUtilityProcess();
        state.forks.push({ modulePath, options, child });
        return child;
      },
    },
    ipcMain: {
      handle: (name: string, fn: Listener) => {
        state.log.push("ipcMain.handle");
        if (state.handlers.has(name)) throw new Error(`Attempted to register a second handler for '${name}'`);
        state.handlers.set(name, fn);
      },
      on: (name: string) => state.log.push(`ipcMain.on ${name}`),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => {
        state.log.push("Menu.buildFromTemplate");
        state.menuTemplates.push(template);
        return { template };
      },
      setApplicationMenu: () => state.log.push("Menu.setApplicationMenu"),
    },
    session: {
      defaultSession: {
        on: (name: string, fn: Listener) => {
          state.log.push(`session.on ${name}`);
          state.session.on(name, fn);
        },
        setPermissionRequestHandler: (fn: Listener) => {
          state.log.push("session.setPermissionRequestHandler");
          state.permissionRequestHandler = fn;
        },
        setPermissionCheckHandler: (fn: Listener) => {
          state.log.push("session.setPermissionCheckHandler");
          state.permissionCheckHandler = fn;
        },
        webRequest: {
          onHeadersReceived: (...args: unknown[]) => {
            state.log.push("webRequest.onHeadersReceived");
            state.headersReceived.push(args[args.length - 1] as Listener);
          },
        },
      },
    },
    shell: {
      openExternal: (url: string) => {
        state.openedExternal.push(url);
        return Promise.resolve();
      },
    },
  };

  /** Fresh state for one test; app.whenReady stays pending until resolveReady(). */
  function reset(): void {
    state.log.length = 0;
    state.app.listeners.clear();
    state.gotLock = true;
    state.isPackaged = false;
    state.handlers.clear();
    state.windows.length = 0;
    state.contents.length = 0;
    state.menuTemplates.length = 0;
    state.openedExternal.length = 0;
    state.errorBoxes.length = 0;
    state.exits.length = 0;
    state.quits = 0;
    state.permissionRequestHandler = null;
    state.permissionCheckHandler = null;
    state.headersReceived.length = 0;
    state.forks.length = 0;
    state.openDialogs.length = 0;
    state.openDialogResult = { canceled: false, filePaths: [] };
    state.session.listeners.clear();
    state.ready = false;
    state.readyPromise = new Promise<void>((resolve) => {
      state.resolveReady = () => {
        state.ready = true;
        resolve();
      };
    });
  }

  // The services: one recording handler per contract method.
  const svc = {
    calls: [] as Array<{ method: string; input: unknown }>,
    options: [] as unknown[],
    listeners: [] as Listener[],
    flushed: 0,
    disposed: 0,
    fail: null as Error | null,
    handlerError: null as Error | null,
  };
  async function createServices(opts: unknown) {
    svc.options.push(opts);
    if (svc.fail) throw svc.fail;
    const { METHOD_NAMES: names } = await import("../../../shared/ipc/names");
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const method of names) {
      handlers[method] = async (input: unknown) => {
        svc.calls.push({ method, input });
        if (svc.handlerError) throw svc.handlerError;
        return { handledBy: method };
      };
    }
    return {
      handlers,
      subscribe: (fn: Listener) => {
        svc.listeners.push(fn);
        return () => undefined;
      },
      whenIdle: async () => undefined,
      flush: async () => {
        svc.flushed++;
      },
      dispose: async () => {
        svc.disposed++;
      },
    };
  }
  function resetServices(): void {
    svc.calls.length = 0;
    svc.options.length = 0;
    svc.listeners.length = 0;
    svc.flushed = 0;
    svc.disposed = 0;
    svc.fail = null;
    svc.handlerError = null;
  }

  /** A DownloadItem: the suggested name, where the writer saved it (empty until chosen), its "done" event. */
  class FakeDownloadItem extends Emitter {
    constructor(
      readonly suggested: string,
      public savePath = "",
    ) {
      super();
    }
    getFilename(): string {
      return this.suggested;
    }
    getSavePath(): string {
      return this.savePath;
    }
  }

  return { state, electron, reset, svc, createServices, resetServices, FakeWebContents, FakeDownloadItem };
});

vi.mock("electron", () => fake.electron);
vi.mock("../../services/api", () => ({ createServices: fake.createServices }));

const { state, svc } = fake;

/** Lets main's promise chains (whenReady → services → window) run. */
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Imports a fresh main.ts, as Electron runs it: before the app is ready. With `ready`, app.whenReady
 * then resolves at once (as soon as main's synchronous start-up is done) and main's chains settle.
 */
async function boot({ ready = true, before = () => {} } = {}): Promise<void> {
  fake.reset();
  before();
  vi.resetModules();
  await import("./main");
  if (ready) state.resolveReady();
  await settle();
}

function onlyWindow() {
  expect(state.windows).toHaveLength(1);
  return state.windows[0]!;
}

/** The file URL of the index.html the window loaded: the only page allowed to call main. */
function appUrl(): string {
  const win = onlyWindow();
  expect(win.loaded).toHaveLength(1);
  return pathToFileURL(win.loaded[0]!).href;
}

function handler(name: string): Fn {
  const h = state.handlers.get(name);
  if (!h) throw new Error(`no handler for ${name}`);
  return h;
}

/** An IpcMainInvokeEvent as Electron would pass it, from a frame at `url`. */
function ipcEvent(url: string, parent: unknown = null) {
  return { senderFrame: { url, parent, routingId: 1 }, sender: {}, frameId: 1, processId: 1 };
}

/** A navigation event as Electron passes it: cancellable, carrying the url (the newer `details.url`) too. */
function cancellable(url = "") {
  return { preventDefault: vi.fn(), defaultPrevented: false, url, isMainFrame: true, isSameDocument: false, frame: null };
}

beforeEach(() => {
  fake.resetServices();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("main: start-up order", () => {
  it("enables the sandbox, hardens new webContents and registers every handler before the app is ready", async () => {
    await boot({ ready: false });
    expect(state.log).toContain("app.enableSandbox");
    expect(state.app.count("web-contents-created")).toBe(1);
    expect([...state.handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    expect(state.windows).toHaveLength(0);
    expect(svc.options).toHaveLength(0);

    state.resolveReady();
    await settle();
    expect(state.windows).toHaveLength(1);
    // The session is locked down before the page starts loading.
    const log = state.log;
    for (const step of ["session.setPermissionRequestHandler", "session.setPermissionCheckHandler", "webRequest.onHeadersReceived"]) {
      expect(log.indexOf(step), step).toBeGreaterThanOrEqual(0);
      expect(log.indexOf(step), step).toBeLessThan(log.indexOf("win.loadFile"));
    }
    expect(log.indexOf("app.enableSandbox")).toBeLessThan(log.indexOf("BrowserWindow"));
    expect(log).toContain("Menu.setApplicationMenu");
  });

  it("a second instance quits at once: no handlers, no window, no services", async () => {
    await boot({ before: () => (state.gotLock = false) });
    expect(state.quits).toBe(1);
    expect(state.handlers.size).toBe(0);
    expect(state.windows).toHaveLength(0);
    expect(svc.options).toHaveLength(0);
  });

  it("starts the services for the Electron shell in the user-data folder", async () => {
    await boot();
    expect(svc.options).toEqual([expect.objectContaining({ shell: "electron", appDataDir: "/fake/userData", preloadModel: true })]);
  });

  it("takes --model from argv", async () => {
    const argv = process.argv;
    process.argv = ["/electron", "/app", "--model", "models/a.gguf"];
    try {
      await boot();
    } finally {
      process.argv = argv;
    }
    expect(svc.options).toEqual([expect.objectContaining({ modelPath: path.resolve("models/a.gguf") })]);
  });

  it("when the services cannot start, tells the writer and exits", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    svc.fail = new Error("settings folder is read-only");
    await boot();
    expect(state.errorBoxes).toEqual([["Cascade could not start", "settings folder is read-only"]]);
    expect(state.exits).toEqual([1]);
    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe("main: the window", () => {
  it("is isolated, sandboxed and Node-free, with the bundled preload", async () => {
    await boot();
    const win = onlyWindow();
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toBeDefined();
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).not.toBe(true);
    expect(prefs.nodeIntegrationInSubFrames).not.toBe(true);
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.webviewTag).not.toBe(true);
    expect(prefs.experimentalFeatures).not.toBe(true);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.enableRemoteModule).toBeUndefined();
    expect(typeof prefs.preload).toBe("string");
    const preload = prefs.preload as string;
    expect(path.isAbsolute(preload)).toBe(true);
    expect(path.basename(preload)).toBe("preload.cjs");
  });

  it("loads renderer/index.html from beside the preload's folder (dist/electron → dist/renderer)", async () => {
    await boot();
    const win = onlyWindow();
    const preload = (win.options.webPreferences as { preload: string }).preload;
    expect(win.loaded).toEqual([path.join(path.dirname(preload), "..", "renderer", "index.html")]);
    expect(state.log).not.toContain("win.loadURL");
  });

  it("shows once ready, and forwards service events on EVENT_CHANNEL while it lives", async () => {
    await boot();
    const win = onlyWindow();
    expect(win.shown).toBe(0);
    win.emit("ready-to-show");
    expect(win.shown).toBe(1);

    expect(svc.listeners).toHaveLength(1);
    svc.listeners[0]!("jobs:did-change", { jobs: [], cascades: [] });
    expect(win.webContents.sent).toEqual([[EVENT_CHANNEL, "jobs:did-change", { jobs: [], cascades: [] }]]);

    win.destroyed = true;
    svc.listeners[0]!("model:did-change", {});
    expect(win.webContents.sent).toHaveLength(1);
  });

  it("a second launch focuses the existing window (restoring it if minimized)", async () => {
    await boot();
    const win = onlyWindow();
    win.minimized = true;
    state.app.emit("second-instance", {}, ["/electron"], "/");
    expect(win.restored).toBe(1);
    expect(win.focused).toBe(1);
    expect(state.windows).toHaveLength(1);
  });

  it("the packaged app's menu has no DevTools", async () => {
    await boot({ before: () => (state.isPackaged = true) });
    expect(state.menuTemplates).toHaveLength(1);
    expect(JSON.stringify(state.menuTemplates[0])).not.toMatch(/toggleDevTools/i);

    await boot(); // unpackaged (development) keeps them
    expect(JSON.stringify(state.menuTemplates[0])).toMatch(/toggleDevTools/);
  });
});

describe("main: contract calls over ipcMain", () => {
  it("registers exactly one handler per contract method", async () => {
    await boot();
    expect(state.handlers.size).toBe(METHOD_NAMES.length);
    expect([...state.handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    expect(state.log.filter((l) => l.startsWith("ipcMain.on"))).toEqual([]);
  });

  it("dispatches a call from our page to the services and returns a Result", async () => {
    await boot();
    const url = appUrl();
    await expect(handler("project:get")(ipcEvent(url), {})).resolves.toEqual({ ok: true, value: { handledBy: "project:get" } });
    await expect(handler("jobs:cancel")(ipcEvent(`${url}#/project`), { all: true })).resolves.toEqual({
      ok: true,
      value: { handledBy: "jobs:cancel" },
    });
    expect(svc.calls).toEqual([
      { method: "project:get", input: {} },
      { method: "jobs:cancel", input: { all: true } },
    ]);
  });

  it("every method answers our page", async () => {
    await boot();
    const url = appUrl();
    const inputs: Record<string, unknown> = {
      "model:set-path": { path: "/m.gguf" },
      "project:create": { title: "T", form: "prose", premise: "P" },
      "project:open": { path: "/p.cascade" },
      "project:apply": { op: { type: "setTitle", title: "T" } },
      "generate:children": { nodeId: "n1" },
      "generate:level": { level: "beat" },
      "alts:generate": { nodeId: "n1", count: 8 },
      "cascade:run": { nodeId: "n1" },
      "filter:check": { text: "a joke in the style of Jerry Seinfeld" },
      "filter:preview": { nodeId: "n1", purpose: "alts" },
      "snapshot:diff": { snapshotId: "snap_1" },
      "snapshot:restore": { snapshotId: "snap_1" },
      "models:estimate": { path: "/m.gguf" },
      "models:download": { catalogId: "some-model" },
      "models:download-control": { id: "dl_1", action: "pause" },
      "export:file": { format: "fountain" },
      "project:import": { fileName: "draft.fountain", text: "INT. ROOM - DAY" },
    };
    for (const name of METHOD_NAMES) {
      await expect(handler(name)(ipcEvent(url), inputs[name] ?? {}), name).resolves.toEqual({ ok: true, value: { handledBy: name } });
    }
    expect(svc.calls.map((c) => c.method)).toEqual([...METHOD_NAMES]);
  });

  it("validates input before the handler sees it", async () => {
    await boot();
    const url = appUrl();
    await expect(handler("project:open")(ipcEvent(url), { path: 42 })).resolves.toMatchObject({
      ok: false,
      error: { code: "invalid-input" },
    });
    await expect(handler("generate:level")(ipcEvent(url), { level: "premise" })).resolves.toMatchObject({
      ok: false,
      error: { code: "invalid-input" },
    });
    expect(svc.calls).toEqual([]);
    // Unknown keys are stripped, not passed through.
    await handler("app:info")(ipcEvent(url), { extra: "x" });
    expect(svc.calls).toEqual([{ method: "app:info", input: {} }]);
  });

  it("a failing handler comes back as an error value, not a rejection", async () => {
    await boot();
    svc.handlerError = new Error("boom");
    await expect(handler("project:undo")(ipcEvent(appUrl()), {})).resolves.toEqual({
      ok: false,
      error: { code: "internal", message: "boom" },
    });
  });

  it("refuses calls from any other page, sub-frame or a gone frame, without reaching the services", async () => {
    await boot();
    const url = appUrl();
    const indexPath = onlyWindow().loaded[0]!;
    const refused: Array<[string, unknown]> = [
      ["https://evil.example/", ipcEvent("https://evil.example/")],
      ["evil page, app path in query", ipcEvent(`https://evil.example/?u=${encodeURIComponent(url)}`)],
      ["http app-looking path", ipcEvent(`http://localhost${new URL(url).pathname}`)],
      ["another local file", ipcEvent(pathToFileURL(path.join(path.dirname(indexPath), "other.html")).href)],
      ["a file on another host", ipcEvent(`file://evil.example${new URL(url).pathname}`)],
      ["same path, another scheme", ipcEvent(`app-evil://${new URL(url).pathname}`)],
      ["a sub-frame of our page", ipcEvent(url, { url })],
      ["a sub-frame elsewhere", ipcEvent("https://evil.example/", { url })],
      ["no frame", { senderFrame: null, sender: {} }],
      ["about:blank", ipcEvent("about:blank")],
      ["garbage url", ipcEvent("not a url")],
    ];
    for (const [label, event] of refused) {
      await expect(Promise.resolve().then(() => handler("project:get")(event, {})), label).rejects.toThrow(/Refused/);
    }
    expect(svc.calls).toEqual([]);
  });

  it("a call from our page before the services are ready waits for them", async () => {
    await boot({ ready: false });
    // Before the window exists the test can't read the page's path off loadFile; main.ts puts it at
    // ../renderer/index.html from its own folder (dist/electron → dist/renderer once bundled).
    const early = pathToFileURL(fileURLToPath(new URL("../renderer/index.html", import.meta.url))).href;
    const pending = handler("app:info")(ipcEvent(early), {});
    await settle();
    expect(svc.options).toEqual([]);
    expect(svc.calls).toEqual([]);
    state.resolveReady();
    await expect(pending).resolves.toEqual({ ok: true, value: { handledBy: "app:info" } });
    expect(appUrl()).toBe(early);
  });
});

describe("main: navigation, new windows, webviews", () => {
  /** The window's webContents handler for `name` (registered through web-contents-created). */
  function on(name: string): Fn {
    const contents = onlyWindow().webContents;
    expect(contents.count(name), name).toBe(1);
    return contents.listeners.get(name)![0]!;
  }

  it("will-navigate: stays on our page; anywhere else is prevented", async () => {
    await boot();
    const url = appUrl();
    for (const ok of [url, `${url}#/project/x`, `${url}?a=1`]) {
      const e = cancellable(ok);
      on("will-navigate")(e, ok);
      expect(e.preventDefault, ok).not.toHaveBeenCalled();
    }
    const indexPath = onlyWindow().loaded[0]!;
    for (const bad of [
      "https://evil.example",
      "https://evil.example/",
      "http://huggingface.co/",
      "file:///etc/passwd",
      pathToFileURL(path.join(path.dirname(indexPath), "other.html")).href,
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "chrome://settings",
    ]) {
      const e = cancellable(bad);
      on("will-navigate")(e, bad);
      expect(e.preventDefault, bad).toHaveBeenCalled();
    }
    expect(state.openedExternal).toEqual([]);
  });

  it("will-navigate to an allow-listed https page opens it in the browser instead", async () => {
    await boot();
    const e = cancellable("https://huggingface.co/some/model");
    on("will-navigate")(e, "https://huggingface.co/some/model");
    expect(e.preventDefault).toHaveBeenCalled();
    expect(state.openedExternal).toEqual(["https://huggingface.co/some/model"]);
  });

  it("will-redirect away from our page is prevented", async () => {
    await boot();
    const url = appUrl();
    const away = cancellable("https://evil.example/");
    on("will-redirect")(away, "https://evil.example/");
    expect(away.preventDefault).toHaveBeenCalled();
    const home = cancellable(url);
    on("will-redirect")(home, url);
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(state.openedExternal).toEqual([]);
  });

  it("webviews are never attached", async () => {
    await boot();
    const e = cancellable();
    on("will-attach-webview")(e, {}, { src: "https://evil.example/" });
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it("new windows are always denied; only allow-listed https hosts open in the browser", async () => {
    await boot();
    const open = onlyWindow().webContents.windowOpenHandler!;
    expect(open).toBeTypeOf("function");
    const allowed = ["https://huggingface.co/x/y", "https://github.com/owner/repo", "https://node-llama-cpp.withcat.ai/guide/"];
    const denied = [
      "https://evil.example/",
      "http://github.com/owner/repo",
      "https://github.com.evil.example/",
      "https://evil.example/https://github.com/",
      "https://user:pw@github.com/",
      "https://user@github.com/",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "not a url",
      appUrl(),
    ];
    for (const url of [...allowed, ...denied]) {
      expect(open({ url, frameName: "", features: "", disposition: "new-window", referrer: { url: "", policy: "default" } }), url).toEqual({
        action: "deny",
      });
    }
    expect(state.openedExternal).toEqual(allowed);
  });

  it("every other webContents (DevTools, popups) is hardened too", async () => {
    await boot();
    const other = new fake.FakeWebContents();
    state.app.emit("web-contents-created", {}, other);
    expect(other.count("will-navigate")).toBe(1);
    expect(other.count("will-redirect")).toBe(1);
    expect(other.count("will-attach-webview")).toBe(1);
    expect(other.windowOpenHandler).toBeTypeOf("function");
    expect(other.windowOpenHandler!({ url: "https://evil.example/" })).toEqual({ action: "deny" });
  });
});

describe("main: the session", () => {
  it("tells the renderer how each save it started ended: saved (under the chosen name), cancelled, or failed", async () => {
    await boot();
    const win = onlyWindow();
    expect(state.session.count("will-download")).toBe(1);
    const download = (suggested: string, savePath: string, end: string) => {
      const item = new fake.FakeDownloadItem(suggested);
      state.session.emit("will-download", { preventDefault: vi.fn() }, item, win.webContents);
      // Nothing is said until the save dialog and the write are over.
      expect(win.webContents.sent).toEqual([]);
      item.savePath = savePath;
      item.emit("done", {}, end);
      return win.webContents.sent.splice(0);
    };
    expect(download("story.fdx", "/home/w/Scripts/my story.fdx", "completed")).toEqual([[EVENT_CHANNEL, "file:did-save", { fileName: "my story.fdx", state: "completed" }]]);
    expect(download("story.docx", "", "cancelled")).toEqual([[EVENT_CHANNEL, "file:did-save", { fileName: "story.docx", state: "cancelled" }]]);
    expect(download("story.md", "/full/disk/story.md", "interrupted")).toEqual([[EVENT_CHANNEL, "file:did-save", { fileName: "story.md", state: "interrupted" }]]);
    // A closed window hears nothing, and nothing throws.
    win.destroyed = true;
    expect(download("late.md", "/x/late.md", "completed")).toEqual([]);
  });

  it("denies every permission request and check", async () => {
    await boot();
    const request = state.permissionRequestHandler!;
    expect(request).toBeTypeOf("function");
    for (const permission of ["media", "geolocation", "notifications", "clipboard-read", "openExternal", "fileSystem", "hid", "serial", "usb"]) {
      const callback = vi.fn();
      request(onlyWindow().webContents, permission, callback, { requestingUrl: appUrl() });
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
    const check = state.permissionCheckHandler!;
    expect(check).toBeTypeOf("function");
    expect(check(onlyWindow().webContents, "clipboard-sanitized-write", appUrl(), {})).toBe(false);
    expect(check(null, "media", "https://evil.example", {})).toBe(false);
  });

  it("sends a strict Content-Security-Policy on every response, keeping the other headers", async () => {
    await boot();
    expect(state.headersReceived).toHaveLength(1);
    const callback = vi.fn();
    state.headersReceived[0]!({ url: appUrl(), responseHeaders: { "X-Other": ["kept"] } }, callback);
    expect(callback).toHaveBeenCalledOnce();
    const { responseHeaders } = callback.mock.calls[0]![0] as { responseHeaders: Record<string, string[]> };
    expect(responseHeaders["X-Other"]).toEqual(["kept"]);
    const values = responseHeaders["Content-Security-Policy"];
    expect(values).toHaveLength(1);
    const csp = values![0]!;
    const directives = new Map(
      csp
        .split(";")
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name, ...sources] = d.split(/\s+/);
          return [name!, sources] as const;
        }),
    );
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic/);
    for (const [name, sources] of directives) {
      expect(sources, name).not.toContain("*");
      expect(sources, name).not.toContain("http:");
      expect(sources, name).not.toContain("https:");
      if (name !== "style-src") expect(sources, name).not.toContain("'unsafe-inline'");
    }
  });

  it("a response without headers still gets the policy", async () => {
    await boot();
    const callback = vi.fn();
    state.headersReceived[0]!({ url: appUrl() }, callback);
    expect(callback.mock.calls[0]![0]).toMatchObject({ responseHeaders: { "Content-Security-Policy": [expect.stringContaining("default-src 'self'")] } });
  });
});

describe("main: quitting", () => {
  it("waits once for the services to flush and dispose, then quits for real", async () => {
    await boot();
    const first = cancellable();
    state.app.emit("before-quit", first);
    expect(first.preventDefault).toHaveBeenCalled();
    await settle();
    expect(svc.flushed).toBe(1);
    expect(svc.disposed).toBe(1);
    expect(state.quits).toBe(1);
    const second = cancellable();
    state.app.emit("before-quit", second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});

describe("main: the model", () => {
  interface ModelOptions {
    engineHost: { kind: string; hardware(): Promise<unknown>; onCrash(l: (reason: string) => void): () => void; dispose(): Promise<void> };
    pickModelFile: () => Promise<string | null>;
  }
  const modelOptions = () => svc.options[0] as ModelOptions;

  it("runs in a utilityProcess started from the bundled worker on first use; its death is reported, not fatal", async () => {
    await boot();
    const host = modelOptions().engineHost;
    expect(host.kind).toBe("process");
    expect(state.forks).toHaveLength(0); // nothing starts until the model is needed

    const crashes: string[] = [];
    host.onCrash((reason) => crashes.push(reason));
    const answer = host.hardware();
    expect(state.forks).toHaveLength(1);
    const { modulePath, child } = state.forks[0]!;
    const mainDir = path.dirname(fileURLToPath(new URL("./main.ts", import.meta.url)));
    expect(modulePath).toBe(path.join(mainDir, "engineWorker.mjs")); // beside main.mjs in dist/electron
    expect(child.posted).toEqual([]); // requests wait for the worker to say it is ready
    child.emit("message", { type: "ready", pid: 4242 });
    expect(child.posted).toEqual([{ type: "hardware", id: 1 }]);
    child.emit("message", { type: "result", id: 1, value: { gpu: false } });
    expect(await answer).toEqual({ gpu: false });

    const pending = host.hardware();
    child.emit("exit", 9);
    await expect(pending).rejects.toMatchObject({ name: "EngineCrashedError", message: expect.stringMatching(/exit code 9/) });
    expect(crashes).toHaveLength(1);
    expect(state.exits).toEqual([]);
    void host.hardware().catch(() => undefined);
    expect(state.forks).toHaveLength(2); // the next request starts a fresh one
  });

  it("picks a model file with the system dialog, GGUF only, attached to the window", async () => {
    await boot();
    const pick = modelOptions().pickModelFile;
    state.openDialogResult = { canceled: false, filePaths: ["/models/llama.gguf"] };
    expect(await pick()).toBe("/models/llama.gguf");
    expect(state.openDialogs).toHaveLength(1);
    const [parent, options] = state.openDialogs[0]! as [unknown, { properties: string[]; filters: Array<{ extensions: string[] }> }];
    expect(parent).toBe(onlyWindow());
    expect(options.properties).toEqual(["openFile"]);
    expect(options.filters).toEqual([expect.objectContaining({ extensions: ["gguf"] })]);

    state.openDialogResult = { canceled: true, filePaths: [] };
    expect(await pick()).toBeNull();
  });
});
