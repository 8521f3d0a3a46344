/**
 * One editable list of the filter settings (allow, deny, aliases, rewrite words): rows of two text
 * fields with a remove button each, and Add. Collapsed when empty, so the settings stay short.
 */
import { useId } from "react";
import { CloseIcon } from "../../ui/icons";
import { withoutRow, withRow, type FilterListKey } from "./filterForm";

export interface ListColumn<T> {
  key: keyof T & string;
  label: string;
  placeholder: string;
  max: number;
}

export interface FilterListEditorProps<T> {
  listKey: FilterListKey;
  title: string;
  hint: string;
  rows: T[];
  columns: [ListColumn<T>, ListColumn<T>];
  blank: T;
  onChange: (rows: T[]) => void;
}

export function FilterListEditor<T extends object>({ listKey, title, hint, rows, columns, blank, onChange }: FilterListEditorProps<T>) {
  const hintId = useId();
  return (
    <details className="filter-list" open={rows.length > 0 || undefined} data-testid={`settings.filter.list-${listKey}`}>
      <summary className="filter-list-title" data-testid={`settings.filter.toggle-${listKey}`}>
        {title}
        <span className="muted small">{rows.length ? ` (${rows.length})` : ""}</span>
      </summary>
      <p id={hintId} className="field-hint">
        {hint}
      </p>
      {rows.length ? (
        <table className="filter-list-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} data-testid="settings.filter.row">
                {columns.map((c) => (
                  <td key={c.key}>
                    <input
                      className="input"
                      value={String(row[c.key] ?? "")}
                      maxLength={c.max}
                      placeholder={c.placeholder}
                      aria-label={`${title}, row ${i + 1}: ${c.label}`}
                      aria-describedby={hintId}
                      onChange={(e) => onChange(withRow(rows, i, { ...row, [c.key]: e.target.value }))}
                      data-testid={`settings.filter.${listKey}-${c.key}`}
                    />
                  </td>
                ))}
                <td className="filter-list-remove">
                  <button
                    type="button"
                    className="btn btn-icon btn-quiet btn-small"
                    aria-label={`Remove row ${i + 1} of ${title.toLowerCase()}`}
                    title="Remove"
                    onClick={() => onChange(withoutRow(rows, i))}
                    data-testid="settings.filter.remove"
                  >
                    <CloseIcon size={12} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, { ...blank }])} data-testid={`settings.filter.add-${listKey}`}>
        Add
      </button>
    </details>
  );
}
