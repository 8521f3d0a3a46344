/** Layout only: which screen the window shows, plus the layers that sit over every screen (settings, models, an import's report, toasts). */
import { lazy, Suspense } from "react";
import { ConnectionBanner } from "../features/connection/ConnectionBanner";
import { UnplacedEditsNotice } from "../features/connection/UnplacedEditsNotice";
import { ImportReportDialog } from "../features/file/ImportReportDialog";
import { ModelsScreen } from "../features/models/ModelsScreen";
import { SettingsDialog } from "../features/settings/SettingsDialog";
import { StartScreen } from "../features/start/StartScreen";
import { Toasts } from "../features/toasts/Toasts";
import { useAppStore } from "../stores/useAppStore";
import { BootScreen } from "./BootScreen";

// The workspace (and Lexical with it) loads on first use, so the start screen comes up quickly.
const Workspace = lazy(() => import("./Workspace").then((m) => ({ default: m.Workspace })));

export function App() {
  const bootError = useAppStore((s) => s.bootError);
  const ready = useAppStore((s) => s.ready);
  const hasProject = useAppStore((s) => s.projectState !== null);

  if (bootError || !ready) return <BootScreen error={bootError} />;
  return (
    <div className="app">
      <ConnectionBanner />
      <UnplacedEditsNotice />
      {hasProject ? (
        <Suspense fallback={<BootScreen error={null} />}>
          <Workspace />
        </Suspense>
      ) : (
        <StartScreen />
      )}
      <SettingsDialog />
      <ModelsScreen />
      <ImportReportDialog />
      <Toasts />
    </div>
  );
}
