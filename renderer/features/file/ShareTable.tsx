/** The shares of the final text by origin: a stacked bar (for the eye) and a table (the numbers). */
import type { ShareRow } from "./provenanceView";

export function ShareBar({ rows }: { rows: ShareRow[] }) {
  const label = rows.map((r) => `${r.name} ${r.wordPercent}%`).join(", ");
  return (
    <div className="share-bar" role="img" aria-label={`Share of the words: ${label}`} data-testid="provenance.bar">
      {rows
        .filter((r) => r.wordPercent > 0)
        .map((r) => (
          <span key={r.origin} className={`share-segment prov-${r.origin}`} style={{ width: `${r.wordPercent}%` }} title={`${r.name}: ${r.wordPercent}%`} />
        ))}
    </div>
  );
}

export function ShareTable({ rows, testId }: { rows: ShareRow[]; testId: string }) {
  return (
    <table className="share-table">
      <thead>
        <tr>
          <th scope="col">Who wrote it</th>
          <th scope="col">Words</th>
          <th scope="col">Share of words</th>
          <th scope="col">Nodes</th>
          <th scope="col">Share of nodes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.origin} data-testid={testId} data-origin={r.origin} data-word-percent={r.wordPercent} data-node-percent={r.nodePercent}>
            <th scope="row">
              <span className={`share-swatch prov-${r.origin}`} aria-hidden="true" />
              {r.name}
            </th>
            <td>{r.words}</td>
            <td>{r.wordPercent}%</td>
            <td>{r.nodes}</td>
            <td>{r.nodePercent}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
