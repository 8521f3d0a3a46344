/** "This computer": the GPU node-llama-cpp found (or CPU only), its free memory, RAM and CPUs. */
import { useId } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { formatMemory, gpuLine } from "./format";

export function HardwareSection() {
  const hw = useAppStore((s) => s.hardware);
  const id = useId();
  return (
    <section className="models-section" aria-labelledby={id} data-testid="models.hardware">
      <h3 id={id} className="models-section-title">
        This computer
      </h3>
      {hw ? (
        <>
          <dl className="facts">
            <div>
              <dt>GPU</dt>
              <dd data-testid="models.gpu" data-gpu={hw.gpu === false ? "none" : hw.gpu}>
                {gpuLine(hw)}
              </dd>
            </div>
            <div>
              <dt>GPU memory</dt>
              <dd>{hw.vram ? formatMemory(hw.vram) : "—"}</dd>
            </div>
            <div>
              <dt>Memory (RAM)</dt>
              <dd>{formatMemory(hw.ram)}</dd>
            </div>
            <div>
              <dt>CPUs</dt>
              <dd>
                {hw.cpus} (Auto uses {hw.recommendedThreads} thread{hw.recommendedThreads === 1 ? "" : "s"})
              </dd>
            </div>
          </dl>
          {hw.problem ? <p className="models-warning small">{hw.problem}</p> : null}
        </>
      ) : (
        <p className="muted small">Checking this computer…</p>
      )}
    </section>
  );
}
