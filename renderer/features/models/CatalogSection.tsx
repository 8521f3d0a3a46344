/** "Recommended models": the catalog, the one picked for this machine first and marked, with why. */
import { useId, type RefObject } from "react";
import { useAppStore } from "../../stores/useAppStore";
import { CatalogCard } from "./CatalogCard";
import { catalogInOrder } from "./modelChoices";

export function CatalogSection({ headingRef }: { headingRef?: RefObject<HTMLHeadingElement | null> }) {
  const catalog = useAppStore((s) => s.catalog);
  const id = useId();
  const recommended = catalog?.recommended ?? null;
  return (
    <section className="models-section" aria-labelledby={id} data-testid="models.catalog">
      <div className="models-section-head">
        <h3 id={id} ref={headingRef} tabIndex={-1} className="models-section-title">
          Recommended models
        </h3>
        <span className="muted small">Downloaded into the models folder; large files can be paused and resumed.</span>
      </div>
      {!catalog ? (
        <p className="muted small">Reading the catalog…</p>
      ) : (
        <div className="catalog-grid">
          {catalogInOrder(catalog.models, recommended?.model.id ?? null).map((entry) => (
            <CatalogCard key={entry.id} entry={entry} recommendation={entry.id === recommended?.model.id ? recommended : null} />
          ))}
        </div>
      )}
    </section>
  );
}
