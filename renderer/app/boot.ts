/**
 * Start-up: connect to the services, inject the API into the store, subscribe to every push event,
 * and load the first state. A project may already be open (a reload, a second window): then the
 * app goes straight to it, with any edits the last page could not send put back. If the services
 * cannot be reached the app shows why, full-screen.
 */
import { connectApi, type ApiClient } from "../api/client";
import { flushPendingEdits } from "../stores/pendingEdits";
import { initApi, useAppStore } from "../stores/useAppStore";
import { installPageLifecycle } from "../features/connection/pageLifecycle";
import { restoreUndeliveredEdits } from "./restoreEdits";

const store = () => useAppStore.getState();

export async function boot(): Promise<void> {
  installPageLifecycle();
  let api: ApiClient;
  try {
    api = await connectApi();
  } catch (err) {
    store().setBootError(err instanceof Error ? err.message : String(err));
    return;
  }
  initApi(api);
  subscribe(api);
  store().setConnection("connected");
  await loadEverything(true);
  // Before the editor shows, so what was typed before a reload is there from the first frame.
  await restoreUndeliveredEdits();
  store().setReady();
}

function subscribe(api: ApiClient): void {
  api.on("project:did-change", (state) => store().receiveProject(state));
  api.on("project:did-save", (saved) => store().receiveSave(saved));
  api.on("project:did-close", () => store().receiveClose());
  api.on("jobs:did-change", (snapshot) => store().receiveJobs(snapshot));
  api.on("job:did-stream", (stream) => store().receiveStream(stream));
  api.on("model:did-change", (status) => store().receiveModel(status));
  api.on("models:download-progress", (view) => store().receiveDownload(view));
  api.on("models:level-did-change", (status) => store().receiveLevelModel(status));
  api.on("file:did-save", (result) => store().receiveFileSaved(result));
  api.onConnectionChange((next) => {
    const before = store().connection;
    store().setConnection(next);
    // Edits typed while the socket was down go first; events sent meanwhile are lost, so then
    // fetch the current truth again.
    if (next === "connected" && before !== "connected" && store().ready) void flushPendingEdits().then(() => loadEverything(false));
  });
}

/** `initial`: the window's first load (jobs that ended before it opened are not shown as news). */
async function loadEverything(initial: boolean): Promise<void> {
  const s = store();
  await Promise.all([s.loadAppInfo(), s.loadModelStatus(), s.loadCurrentProject(), s.loadJobs(initial), s.loadListing()]);
  // Download progress sent while the socket was down is lost: read it again where it shows.
  if (!initial && (s.modelsOpen || s.downloads.length > 0)) await s.loadModelsInfo();
}
