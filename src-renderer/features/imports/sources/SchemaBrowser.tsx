import { useState } from 'react';
import type { TableInfo } from '../../../../src-shared/model/schema';

/**
 * A database connection's tables and views, each opening to its columns with the database's type
 * and the import type it maps to. Choosing a table writes a SELECT of all its columns.
 */
export function SchemaBrowser({
  tables,
  onPick,
  quote,
}: {
  tables: TableInfo[];
  onPick(query: string): void;
  /** Quotes an identifier as the database wants it ("x" or `x`). */
  quote(name: string): string;
}) {
  const [open, setOpen] = useState<string | null>(null);
  if (tables.length === 0) return <p className="muted">No tables or views this user may read.</p>;
  return (
    <ul className="schema-browser" aria-label="Tables">
      {tables.map((table) => {
        const key = `${table.schema ?? ''}.${table.name}`;
        const qualified = table.schema ? `${quote(table.schema)}.${quote(table.name)}` : quote(table.name);
        const shown = table.schema ? `${table.schema}.${table.name}` : table.name;
        return (
          <li key={key}>
            <div className="schema-browser__table">
              <button
                type="button"
                className="link"
                aria-expanded={open === key}
                onClick={() => setOpen(open === key ? null : key)}
              >
                {open === key ? '▾' : '▸'} {shown}
              </button>
              {table.kind === 'view' && <span className="muted"> view</span>}
              <button
                type="button"
                className="schema-browser__use"
                onClick={() =>
                  onPick(
                    `SELECT ${table.columns.map((column) => quote(column.name)).join(', ') || '*'}\nFROM ${qualified}`,
                  )
                }
              >
                Use
              </button>
            </div>
            {open === key && (
              <ul className="schema-browser__columns">
                {table.columns.map((column) => (
                  <li key={column.name}>
                    {column.name} <span className="muted">{column.databaseType}</span>
                    {column.type && <span className="type-chip">{column.type}</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
