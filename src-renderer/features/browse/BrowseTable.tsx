import type { KeyboardEvent, ReactNode } from 'react';

/** A column of a browser table: its header and how a row's cell looks. */
export interface TableColumn<T> {
  header: string;
  cell(row: T): ReactNode;
  /** Counts: right-aligned with tabular figures. */
  numeric?: boolean;
  /** A name (event type, attribute, ID type…): the column widens to its longest word rather than split it. */
  name?: boolean;
}

interface Props<T> {
  /** Names the table for assistive technology (visually hidden). */
  caption: string;
  columns: TableColumn<T>[];
  rows: T[];
  rowKey(row: T): string;
  rowTestId?: string;
  /** Makes rows focusable and opens one on click, Enter or Space. */
  onOpen?(row: T): void;
  selectedKey?: string | null;
  /** A newer page is loading; the shown rows are dimmed until it arrives. */
  busy?: boolean;
}

/** A plain <table> of one page of rows; rows can be opened by mouse or keyboard (arrows move between them). */
export function BrowseTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowTestId,
  onOpen,
  selectedKey,
  busy,
}: Props<T>) {
  return (
    <table
      className={busy ? 'browse-table browse-table--busy' : 'browse-table'}
      aria-busy={busy || undefined}
    >
      <caption className="browse-sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col" className={cellClass(column)}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const key = rowKey(row);
          const selected = selectedKey === key;
          return (
            <tr
              key={key}
              data-testid={rowTestId}
              className={rowClass(onOpen !== undefined, selected)}
              aria-current={selected || undefined}
              tabIndex={onOpen ? 0 : undefined}
              onClick={onOpen && (() => onOpen(row))}
              onKeyDown={onOpen && ((event) => onRowKey(event, () => onOpen(row)))}
            >
              {columns.map((column) => (
                <td key={column.header} className={cellClass(column)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function rowClass(openable: boolean, selected: boolean): string | undefined {
  const classes = [openable && 'browse-table__row--openable', selected && 'browse-table__row--selected'];
  return classes.filter(Boolean).join(' ') || undefined;
}

function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, open: () => void): void {
  // Keys pressed on a control inside a cell (a link button) stay that control's.
  if (event.target !== event.currentTarget) return;
  const row = event.currentTarget;
  const target =
    event.key === 'ArrowDown'
      ? row.nextElementSibling
      : event.key === 'ArrowUp'
        ? row.previousElementSibling
        : null;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    open();
  } else if (target instanceof HTMLElement) {
    event.preventDefault();
    target.focus();
  }
}

function cellClass(column: TableColumn<never>): string | undefined {
  if (column.numeric) return 'browse-table__numeric';
  return column.name ? 'browse-table__name' : undefined;
}
