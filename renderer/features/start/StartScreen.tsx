/**
 * The first screen when no project is open: the model onboarding on a first start, then the
 * writer's projects on one side, a new story on the other. The form is always there; "New project" takes the writer straight into it;
 * "Import…" makes a project of a Markdown outline or a Fountain screenplay.
 */
import { useRef } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { PlusIcon } from "../../ui/icons";
import { ImportFileInput } from "../file/ImportFileInput";
import { ModelBanner } from "../model/ModelBanner";
import { ModelsButton } from "../models/ModelsButton";
import { OnboardingPanel } from "../models/OnboardingPanel";
import { showOnboarding } from "../models/modelChoices";
import { SettingsButton } from "../settings/SettingsButton";
import { NewProjectForm } from "./NewProjectForm";
import { ProjectList } from "./ProjectList";
import "./start.css";

export function StartScreen() {
  const hasProjects = useAppStore((s) => (s.listing?.projects.length ?? 0) > 0);
  const version = useAppStore((s) => s.appInfo?.version ?? null);
  const formRef = useRef<HTMLElement>(null);
  const importRef = useRef<HTMLInputElement>(null);
  const busy = useAppStore((s) => s.projectBusy);
  const onboarding = useAppStore((s) => showOnboarding({ model: s.model, hasProject: false, dismissed: s.onboardingDismissed, engaged: s.onboardingEngaged }));

  const startNew = () => {
    formRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    formRef.current?.querySelector<HTMLInputElement>("input")?.focus();
  };

  return (
    <main className="start">
      <div className="start-inner">
        <header className="start-header">
          <div className="start-title-row">
            <h1 className="wordmark">Cascade</h1>
            <div className="start-tools">
              <ModelsButton />
              <SettingsButton />
            </div>
          </div>
          <p className="tagline">From a premise to beats, scenes and lines — with a model on your own machine.</p>
        </header>
        {onboarding ? <OnboardingPanel /> : <ModelBanner />}
        <div className="start-columns">
          <section className="start-section" aria-labelledby="start-projects">
            <div className="section-head">
              <h2 id="start-projects" className="section-title">
                Projects
              </h2>
              <div className="start-tools">
                <button
                  type="button"
                  className="btn btn-quiet"
                  disabled={busy}
                  onClick={() => importRef.current?.click()}
                  title="Make a project of a Markdown outline or a Fountain screenplay"
                  data-testid="start.import"
                >
                  Import…
                </button>
                <button type="button" className="btn btn-quiet" onClick={startNew} data-testid="start.new-project">
                  <PlusIcon />
                  <span>New project</span>
                </button>
              </div>
              <ImportFileInput inputRef={importRef} testId="start.import-input" />
            </div>
            <ProjectList />
          </section>
          <section ref={formRef} className="start-section card" aria-labelledby="start-new">
            <h2 id="start-new" className="section-title">
              New project
            </h2>
            <NewProjectForm autoFocus={!hasProjects} />
          </section>
        </div>
        {version ? <p className="start-footer muted small">Cascade {version}</p> : null}
      </div>
    </main>
  );
}
