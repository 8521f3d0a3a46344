/**
 * The Electron main process: one window on the built renderer, the contract over ipcMain, push events
 * over EVENT_CHANNEL. Bundled by scripts/buildElectron.ts to dist/electron/main.mjs.
 *
 * Must hold (the Electron security baseline): context isolation, sandbox, no Node in the renderer, a
 * strict CSP, navigation and new windows denied, external links only to an allow-list of https hosts,
 * every permission request denied, and calls accepted only from our own page.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type MenuItemConstructorOptions, type OpenDialogOptions, type WebContents } from "electron";
import type { EventName, EventPayloads, FileSaveResult } from "../../../shared/ipc/contract";
import { EVENT_CHANNEL, METHOD_NAMES } from "../../../shared/ipc/names";
import { electronLauncher } from "../../engine/host/electronLauncher";
import { createProcessHost } from "../../engine/host/processHost";
import { createServices } from "../../services/api";
import { dispatch } from "../../services/dispatch";
import type { Services } from "../../services/services";

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/electron/main.mjs sits beside preload.cjs; the renderer is built to dist/renderer. */
const PRELOAD_PATH = path.join(here, "preload.cjs");
const INDEX_HTML = path.join(here, "..", "renderer", "index.html");
const INDEX_URL = pathToFileURL(INDEX_HTML);
/** The engine process's entry, bundled beside main.mjs; it runs in a utilityProcess. */
const ENGINE_WORKER_PATH = path.join(here, "engineWorker.mjs");

/** Hosts the renderer may open in the writer's browser (model downloads, docs). */
const EXTERNAL_HOSTS = new Set(["huggingface.co", "github.com", "node-llama-cpp.withcat.ai"]);

/** Same policy as the web shell's, with no WebSocket: Electron talks over IPC. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join("; ");

/** True for our own index.html (any hash or query); the renderer routes with the hash. */
function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "file:" && u.host === INDEX_URL.host && u.pathname === INDEX_URL.pathname;
  } catch {
    return false;
  }
}

function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" && u.username === "" && u.password === "" && EXTERNAL_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

function openExternalIfAllowed(url: string): void {
  if (isAllowedExternal(url)) void shell.openExternal(url);
}

/** `--model <path>` / `--model=<path>` from Electron's argv (start.ts passes it through). */
function modelArg(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--model" && argv[i + 1]) return path.resolve(argv[i + 1]!);
    if (arg.startsWith("--model=")) return path.resolve(arg.slice("--model=".length));
  }
  return null;
}

function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === "darwin" ? [{ role: "appMenu" } as MenuItemConstructorOptions] : []),
    { role: "fileMenu" },
    {
      label: "Edit",
      submenu: [
        { role: "undo" },
        { role: "redo" },
        { type: "separator" },
        { role: "cut" },
        { role: "copy" },
        { role: "paste" },
        { role: "pasteAndMatchStyle" },
        { role: "delete" },
        { type: "separator" },
        { role: "selectAll" },
      ],
    },
    {
      label: "View",
      submenu: [
        { role: "reload" },
        ...(app.isPackaged ? [] : [{ role: "toggleDevTools" } as MenuItemConstructorOptions]),
        { type: "separator" },
        { role: "resetZoom" },
        { role: "zoomIn" },
        { role: "zoomOut" },
        { type: "separator" },
        { role: "togglefullscreen" },
      ],
    },
    { role: "windowMenu" },
  ];
  return Menu.buildFromTemplate(template);
}

/** Locks down every webContents: no navigation away, no new windows, no webviews. */
function hardenWebContents(contents: WebContents): void {
  contents.on("will-navigate", (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternalIfAllowed(url);
  });
  contents.on("will-redirect", (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: "deny" };
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [CSP] } });
  });
}

/**
 * Tells the renderer how each save it started (an export, through a hidden download link) ended:
 * saved, cancelled in the save dialog, or failed. Only the renderer knows what it meant to save, so
 * the event goes to it as `file:did-save`.
 */
function reportDownloads(send: <E extends EventName>(event: E, payload: EventPayloads[E]) => void): void {
  session.defaultSession.on("will-download", (_event, item) => {
    item.once("done", (_done, state) => {
      const fileName = (state === "completed" && item.getSavePath() ? path.basename(item.getSavePath()) : "") || item.getFilename();
      const result: FileSaveResult = { fileName, state };
      send("file:did-save", result);
    });
  });
}

/** Registers one handler per contract method; each waits for the services and checks the caller. */
function registerHandlers(servicesReady: Promise<Services>): void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(name, async (event, input: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
        throw new Error(`Refused ${name} from an unexpected page.`);
      }
      return dispatch(await servicesReady, name, input);
    });
  }
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: "Cascade",
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      preload: PRELOAD_PATH,
    },
  });
  win.once("ready-to-show", () => win.show());
  void win.loadFile(INDEX_HTML);
  return win;
}

const MODEL_DIALOG: OpenDialogOptions = {
  title: "Choose a model",
  buttonLabel: "Use this model",
  properties: ["openFile"],
  filters: [{ name: "GGUF models", extensions: ["gguf"] }],
};

/** The system's open-file dialog for a .gguf model (attached to the window when there is one); null when cancelled. */
async function pickModelFile(win: BrowserWindow | null): Promise<string | null> {
  const result = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, MODEL_DIALOG) : await dialog.showOpenDialog(MODEL_DIALOG);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

function fail(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`Cascade could not start: ${message}`);
  dialog.showErrorBox("Cascade could not start", message);
  app.exit(1);
  process.exit(1);
}

function main(): void {
  // Two instances would autosave over each other's projects.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  app.on("web-contents-created", (_event, contents) => hardenWebContents(contents));

  let win: BrowserWindow | null = null;
  let services: Services | null = null;
  // The model runs in a utilityProcess, started on the first request: a native crash or an
  // out-of-memory kill there leaves the window and the project alone.
  const engineHost = createProcessHost(electronLauncher(ENGINE_WORKER_PATH));

  const servicesReady = app.whenReady().then(() =>
    createServices({
      shell: "electron",
      modelPath: modelArg(process.argv),
      appDataDir: app.getPath("userData"),
      preloadModel: true,
      engineHost,
      pickModelFile: () => pickModelFile(win),
    }),
  );
  const sendEvent = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
  };
  servicesReady.then((s) => {
    services = s;
    s.subscribe(sendEvent);
  }, fail);
  registerHandlers(servicesReady);

  const openWindow = (): void => {
    win = createWindow();
    win.on("closed", () => {
      win = null;
    });
  };

  app.on("second-instance", () => {
    if (!win) return openWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  app.on("activate", () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // Quit waits once for unsaved work to reach disk and the model to unload, then quits for real.
  let shutDown = false;
  app.on("before-quit", (event) => {
    if (shutDown || !services) return;
    event.preventDefault();
    shutDown = true;
    const s = services;
    void (async () => {
      try {
        await s.flush();
        await s.dispose();
        await engineHost.dispose();
      } catch (err) {
        console.error(`Cascade could not shut down cleanly: ${err instanceof Error ? err.message : String(err)}`);
      }
      app.quit();
    })();
  });

  void app.whenReady().then(() => {
    hardenSession();
    reportDownloads(sendEvent);
    Menu.setApplicationMenu(buildMenu());
    openWindow();
  });
}

main();
