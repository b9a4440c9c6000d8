import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { DatasetRow } from '../../../src-shared/model/dataset';

/** What the grid shows above a column's name (type, role, controls…). */
export interface GridColumn {
  name: string;
  header?: ReactNode;
}

interface Props {
  columns: GridColumn[];
  total: number;
  rowAt(index: number): DatasetRow | undefined;
  /** Called with the visible index range so the owner can fetch those pages. */
  onRangeChange(start: number, end: number): void;
  sorting: SortingState;
  onSortingChange(sorting: SortingState): void;
  /** Bumped when new rows arrive, to re-render. */
  version: number;
}

const ROW_HEIGHT = 28;

/**
 * A spreadsheet-style grid over any number of rows: TanStack Table in manual mode (sorting is done
 * by the host, over every row) with a row virtualizer, so only the visible rows are rendered.
 */
export function DataGrid({ columns, total, rowAt, onRangeChange, sorting, onSortingChange, version }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const columnDefs = useMemo<ColumnDef<DatasetRow>[]>(
    () =>
      columns.map((column, index) => ({
        id: String(index),
        header: column.name,
        accessorFn: (row) => row.cells[index] ?? '',
        sortDescFirst: false,
        size: 160,
      })),
    [columns],
  );
  // TanStack Table returns functions the React compiler cannot memoise; this component is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: [],
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    state: { sorting },
    onSortingChange: (updater) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
  });
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const start = items[0]?.index ?? 0;
  const end = (items.at(-1)?.index ?? -1) + 1;
  useEffect(() => onRangeChange(start, end), [start, end, onRangeChange, version]);
  const width = 64 + columns.length * 160;

  return (
    <div
      className="grid"
      ref={scrollRef}
      role="grid"
      aria-rowcount={total + 1}
      aria-colcount={columns.length + 1}
      data-testid="data-grid"
    >
      <div className="grid__header" style={{ width }} role="row">
        <div className="grid__corner" role="columnheader">
          #
        </div>
        {table.getHeaderGroups()[0]?.headers.map((header, index) => {
          const sorted = header.column.getIsSorted();
          return (
            <div
              key={header.id}
              className="grid__column-header"
              role="columnheader"
              aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
            >
              <button
                type="button"
                className="grid__sort"
                onClick={header.column.getToggleSortingHandler()}
                title="Sort by this column"
              >
                <span className="grid__column-name">{columns[index]?.name}</span>
                <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
              </button>
              {columns[index]?.header}
            </div>
          );
        })}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          return (
            <div
              key={item.key}
              className="grid__row"
              role="row"
              aria-rowindex={item.index + 2}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <div className="grid__row-number" role="rowheader">
                {row?.rowNumber ?? ''}
              </div>
              {columns.map((_, column) => (
                <div key={column} className="grid__cell" role="gridcell" title={row?.cells[column]}>
                  {row ? (row.cells[column] ?? '') : <span className="grid__loading" />}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
