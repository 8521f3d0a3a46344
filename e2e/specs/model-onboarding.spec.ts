/**
 * The model manager's writer journey: a first start with no model shows the onboarding with a model
 * recommended for this machine; the writer uses a GGUF file they already have (typed: the web shell
 * has no file dialog), it loads, they generate; the Models screen then shows the machine (CPU only
 * here), how the model runs, and the file's own metadata as the CLI reads it. Started again, a
 * configured model means no onboarding.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import type { LocalModelInfo } from "../../shared/models/types";
import { formatBytes, formatContext } from "../../renderer/features/models/format";
import { CascadePage } from "../support/CascadePage";
import { launchCascade, type RunningApp } from "../support/launch";
import { ModelsPage } from "../support/ModelsPage";
import { ARTIFACTS, REPO_ROOT, testModelPath } from "../support/paths";

let app: RunningApp | null = null;
test.afterEach(async () => {
  await app?.close();
  app = null;
});

/** The test model as the CLI describes it from its GGUF metadata (`models --dir … --json`). */
function describedByCli(modelPath: string): LocalModelInfo {
  const out = execFileSync(process.execPath, ["--import", "tsx", "main/cli/cli.ts", "models", "--dir", dirname(modelPath), "--json"], { cwd: REPO_ROOT, encoding: "utf8" });
  const listed = (JSON.parse(out) as { models: LocalModelInfo[] }).models.find((m) => m.path === modelPath);
  if (!listed) throw new Error(`The CLI did not list ${modelPath}:\n${out}`);
  return listed;
}

test("first start: onboarding, use a GGUF file, generate, and see its metadata under Models", async () => {
  const modelPath = testModelPath();
  const expected = describedByCli(modelPath);
  // What the test model's header says (see ../shared/models/README): the UI must show these.
  expect(expected).toMatchObject({ architecture: "llama", quantization: "F32", contextLength: 2048, problem: null });
  mkdirSync(ARTIFACTS, { recursive: true });

  app = await launchCascade({ model: null });
  const ui = new CascadePage(app.page);
  const models = new ModelsPage(app.page);

  // The onboarding: a recommendation for this machine from the catalog, or a file of one's own.
  await expect(models.onboarding()).toBeVisible();
  const recommended = models.recommendation().getByTestId("models.catalog-item");
  await expect(recommended).toHaveAttribute("data-recommended", "true");
  await expect(recommended).toContainText(/\d(\.\d)? GB/);
  await expect(recommended).toContainText("Licence");
  await expect(recommended).toContainText(/[\d,]+ tokens/);
  await expect(models.recommendation().getByTestId("models.download")).toBeEnabled();
  await expect(ui.id("model.banner")).toHaveCount(0);
  await app.page.screenshot({ path: join(ARTIFACTS, "onboarding.png") });

  await models.useFileFromOnboarding(modelPath);
  // Once the model is ready the onboarding has done its job and goes.
  await expect(models.onboarding()).toHaveCount(0, { timeout: 120_000 });
  await expect(ui.id("toast.info").filter({ hasText: "is ready" })).toBeVisible();

  await ui.createProject({ title: "First light", form: "prose", premise: "A lighthouse keeper's cat learns to read the weather." });
  await models.waitModelReady();
  await ui.selectPremise();
  await ui.generateChildrenOfSelected();
  expect(await ui.countRows({ level: "beat" })).toBeGreaterThan(0);

  // The Models screen: this machine, the current model, and the file's metadata.
  await models.open();
  await expect(models.gpu()).toHaveAttribute("data-gpu", "none");
  await expect(models.gpu()).toContainText("CPU only");
  await expect(models.hardware()).toContainText("RAM");
  await expect(models.current()).toHaveAttribute("data-state", "ready");
  await expect(models.id("models.loaded")).toContainText("On the CPU");
  expect(await models.localModel(expected.fileName)).toEqual({
    file: expected.fileName,
    size: formatBytes(expected.sizeBytes),
    quantization: expected.quantization ?? "—",
    context: formatContext(expected.contextLength),
    chatTemplate: expected.chatTemplate ?? "none",
    license: expected.license ?? "—",
  });
  await expect(models.localRow(expected.fileName)).toContainText("In use");
  const fit = await models.checkFit(expected.fileName);
  await expect(fit).toHaveAttribute("data-fits", "true");
  await expect(fit).toHaveAttribute("data-runs-on", "cpu");
  await expect(fit).toContainText(/None of the \d+ layers on the GPU/);
  await expect(models.recommendedItem()).toHaveCount(1);
  await app.page.screenshot({ path: join(ARTIFACTS, "models-screen.png"), fullPage: true });
  await models.close();

  // The shortcut opens it too; Escape closes it.
  await models.openWithShortcut();
  await models.close();

  // Started again with the model configured: no onboarding.
  const home = app.home;
  await app.close();
  app = await launchCascade({ home, model: null });
  const again = new CascadePage(app.page);
  await expect(again.id("start.project")).toHaveCount(1);
  await expect(new ModelsPage(app.page).onboarding()).toHaveCount(0);
});
