/**
 * The node's finished alts as cards: sorted, rejected ones behind a toggle, near-duplicates folded
 * under "+N similar". Every text the node ever had is here, so nothing is lost. Keyboard mining
 * (arrows, S, X, Enter; see altKeys.ts) works on the focused card.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { ALT_SORT_KEYS, type AltSortKey } from "../../../shared/alts/sortAlts";
import type { Alt } from "../../../shared/story/model";
import { useAppStore } from "../../stores/useAppStore";
import { AltCard } from "./AltCard";
import { altCards } from "./altCards";
import { altsOfKind, type AltsKind } from "./altKinds";
import { altKeyAction, movedIndex } from "./altKeys";

const SORT_WORDS: Record<AltSortKey, string> = { stars: "Stars first", score: "Likelihood", length: "Shortest first", recency: "Newest first" };
const NO_ALTS: Alt[] = [];
const CARD = '[data-testid="alts.card"]';

/** `kind` (premise only) shows just that kind of alt: other premises, or whole outlines. */
export function AltList({ nodeId, kind }: { nodeId: string; kind?: AltsKind }) {
  const allAlts = useAppStore((s) => s.projectState?.project.nodes[nodeId]?.alts ?? NO_ALTS);
  const alts = useMemo(() => (kind ? altsOfKind(allAlts, kind) : allAlts), [allAlts, kind]);
  const sort = useAppStore((s) => s.altsSort);
  const setSort = useAppStore((s) => s.setAltsSort);
  const showRejected = useAppStore((s) => s.showRejected);
  const setShowRejected = useAppStore((s) => s.setShowRejected);
  const markAlt = useAppStore((s) => s.markAlt);
  const swapAlt = useAppStore((s) => s.swapAlt);
  const swapOutline = useAppStore((s) => s.swapOutline);
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const gridRef = useRef<HTMLUListElement>(null);
  const view = useMemo(() => altCards(alts, sort, showRejected), [alts, sort, showRejected]);

  const cards = () => [...(gridRef.current?.querySelectorAll<HTMLElement>(CARD) ?? [])];
  // After a card leaves (rejected, swapped), focus the card now at its place so the keys keep working.
  const refocus = (index: number) => requestAnimationFrame(() => cards()[Math.min(index, cards().length - 1)]?.focus());

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const card = e.target as HTMLElement;
    // Keys typed into a card's tag or note field, or pressed on its buttons, belong to them.
    if (!card.matches(CARD)) return;
    const action = altKeyAction(e);
    const altId = card.dataset.altId;
    const alt = alts.find((a) => a.id === altId);
    if (!action || !alt) return;
    e.preventDefault();
    const list = cards();
    const index = list.indexOf(card);
    switch (action) {
      case "star":
        return void markAlt(nodeId, alt.id, { starred: !alt.starred });
      case "reject":
        void markAlt(nodeId, alt.id, { rejected: !alt.rejected }).then(() => refocus(index));
        return;
      case "swap":
        void (alt.outline ? swapOutline : swapAlt)(nodeId, alt.id).then(() => refocus(index));
        return;
      default:
        list[movedIndex(index, list.length, action)]?.focus();
    }
  };

  const outlines = kind === "outlines";
  if (alts.length === 0)
    return (
      <p className="muted alts-empty">
        {outlines
          ? "No outlines yet. Generate a batch: each is a whole alternative list of beats for this premise."
          : "No alts yet. Generate a batch, or edit or regenerate this text: what it replaces is kept here."}
      </p>
    );
  const shown = alts.length - view.rejectedCount;
  return (
    <section className="alts-section" aria-label="Alts">
      <div className="alts-list-head">
        <h3 className="alts-section-title">
          {shown} {outlines ? (shown === 1 ? "outline" : "outlines") : shown === 1 ? "alt" : "alts"}
        </h3>
        <label className="alts-sort">
          <span>Sort</span>
          <select className="input" value={sort} onChange={(e) => setSort(e.target.value as AltSortKey)} data-testid="alts.sort">
            {ALT_SORT_KEYS.map((k) => (
              <option key={k} value={k}>
                {SORT_WORDS[k]}
              </option>
            ))}
          </select>
        </label>
        {view.rejectedCount > 0 ? (
          <button type="button" className="btn btn-quiet btn-small" aria-pressed={showRejected} onClick={() => setShowRejected(!showRejected)} data-testid="alts.show-rejected">
            {showRejected ? "Hide rejected" : `Show ${view.rejectedCount} rejected`}
          </button>
        ) : null}
      </div>
      <ul className="alts-grid" ref={gridRef} onKeyDown={onKeyDown} aria-label="Alts: arrows move, S stars, X rejects, Enter swaps in">
        {view.groups.flatMap((g) => {
          const open = Boolean(expanded[g.alt.id]);
          const toggle = g.similar.length ? () => setExpanded((x) => ({ ...x, [g.alt.id]: !open })) : undefined;
          return [
            <AltCard key={g.alt.id} nodeId={nodeId} alt={g.alt} similar={g.similar.length} expanded={open} onToggleGroup={toggle} />,
            ...(open ? g.similar.map((a) => <AltCard key={a.id} nodeId={nodeId} alt={a} member />) : []),
          ];
        })}
      </ul>
    </section>
  );
}
