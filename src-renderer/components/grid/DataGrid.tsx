import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DatasetRow } from '../../../src-shared/model/dataset';
import { isSelected, useCellCursor, type CellSelection, type EditEnd } from './use-cell-cursor';

export type { CellSelection } from './use-cell-cursor';

/** A column of the grid: its name, what shows under the name (type, controls…), and how cells look. */
export interface GridColumn {
  name: string;
  header?: ReactNode;
  /** The cell text; by default the row's cell at the column's position. */
  value?(row: DatasetRow): string;
  /** Extra class and tooltip of a cell (e.g. an invalid value and why). */
  cellClass?(row: DatasetRow): string | undefined;
  cellTitle?(row: DatasetRow): string | undefined;
  /** Extra class of the column's header (e.g. a dropped column). */
  className?: string;
  /** False for columns the host cannot sort by (static columns). */
  sortable?: boolean;
  /** False for columns whose cells cannot be changed by hand (static columns). */
  editable?: boolean;
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
  /** Shown after the last column's header (e.g. a + to add a column). */
  trailing?: ReactNode;
  /** Extra class and tooltip of a row's number cell (e.g. a rejected row and why). */
  rowClass?(row: DatasetRow): string | undefined;
  rowTitle?(row: DatasetRow): string | undefined;
  columnWidth?: number;
  /**
   * Set to let cells be changed by hand: double-click a cell (or Enter or F2 on the focused one),
   * type, Enter (then down) or Tab (to the next column) keeps the value, Escape drops it.
   */
  onEditCell?(row: DatasetRow, columnIndex: number, value: string): void;
  /** Cells chosen in one editable column (Shift-click, Ctrl-click, Shift+↑↓), for a bulk change. */
  selection?: CellSelection | null;
  onSelectionChange?(selection: CellSelection | null): void;
}

const ROW_HEIGHT = 28;
/** The row numbers' column, sticky at the left. */
const ROW_NUMBER_WIDTH = 64;
/**
 * Wider than this, only the columns in view (and a few either side) are rendered: a 10,000-column
 * file would otherwise put 10,000 header controls and ~400,000 cells in the page. Narrower grids
 * keep every column in the page (find-in-page, and tests that reach any column, work as before).
 */
const VIRTUAL_COLUMNS_FROM = 60;

/**
 * A spreadsheet-style grid over any number of rows: TanStack Table in manual mode (sorting is done
 * by the host, over every row) with a row virtualizer, so only the visible rows are rendered.
 */
export function DataGrid({
  columns,
  total,
  rowAt,
  onRangeChange,
  sorting,
  onSortingChange,
  version,
  trailing,
  rowClass,
  rowTitle,
  columnWidth = 160,
  onEditCell,
  selection = null,
  onSelectionChange,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const columnDefs = useMemo<ColumnDef<DatasetRow>[]>(
    () =>
      columns.map((column, index) => ({
        id: String(index),
        header: column.name,
        accessorFn: (row) => row.cells[index] ?? '',
        sortDescFirst: false,
        enableSorting: column.sortable !== false,
        size: columnWidth,
      })),
    [columns, columnWidth],
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
  const width = ROW_NUMBER_WIDTH + columns.length * columnWidth + (trailing ? 48 : 0);
  const virtualColumns = columns.length > VIRTUAL_COLUMNS_FROM;
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: virtualColumns ? columns.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => columnWidth,
    paddingStart: ROW_NUMBER_WIDTH,
    overscan: 4,
  });
  const columnItems = columnVirtualizer.getVirtualItems();
  // The columns rendered, and the room the others take on either side.
  const [firstColumn, lastColumn] = virtualColumns
    ? [columnItems[0]?.index ?? 0, (columnItems.at(-1)?.index ?? -1) + 1]
    : [0, columns.length];
  const before = firstColumn * columnWidth;
  const after = (columns.length - lastColumn) * columnWidth;
  const cursor = useCellCursor({
    gridRef: scrollRef,
    total,
    columnCount: columns.length,
    rowAt,
    editable: (column) => onEditCell !== undefined && columns[column]?.editable !== false,
    enabled: onEditCell !== undefined || onSelectionChange !== undefined,
    selection,
    onSelectionChange,
    reveal: ({ index, column }) => {
      virtualizer.scrollToIndex(index, { align: 'auto' });
      if (virtualColumns) columnVirtualizer.scrollToIndex(column, { align: 'auto' });
    },
  });
  const spacer = (room: number, key: string) =>
    room > 0 ? <div key={key} className="grid__spacer" style={{ width: room }} aria-hidden="true" /> : null;

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
        {spacer(before, 'before')}
        {table
          .getHeaderGroups()[0]
          ?.headers.slice(firstColumn, lastColumn)
          .map((header, offset) => {
            const index = firstColumn + offset;
            const sorted = header.column.getIsSorted();
            return (
              <div
                key={header.id}
                className={`grid__column-header ${columns[index]?.className ?? ''}`}
                role="columnheader"
                aria-colindex={index + 2}
                style={{ width: columnWidth }}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              >
                <button
                  type="button"
                  className="grid__sort"
                  onClick={header.column.getToggleSortingHandler()}
                  disabled={!header.column.getCanSort()}
                  title={header.column.getCanSort() ? 'Sort by this column' : undefined}
                >
                  <span className="grid__column-name">{columns[index]?.name}</span>
                  <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                </button>
                {columns[index]?.header}
              </div>
            );
          })}
        {spacer(after, 'after')}
        {trailing && <div className="grid__trailing">{trailing}</div>}
      </div>
      <div
        style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}
        onKeyDown={cursor.onKeyDown}
      >
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
              <div
                className={`grid__row-number ${row ? (rowClass?.(row) ?? '') : ''}`}
                role="rowheader"
                title={row ? rowTitle?.(row) : undefined}
              >
                {row?.rowNumber ?? ''}
              </div>
              {spacer(before, 'before')}
              {columns.slice(firstColumn, lastColumn).map((column, offset) => {
                const index = firstColumn + offset;
                const text = row ? (column.value ? column.value(row) : (row.cells[index] ?? '')) : '';
                const position = { index: item.index, column: index };
                const isEditing =
                  row && cursor.editing?.index === item.index && cursor.editing.column === index;
                const selected = row !== undefined && isSelected(selection, index, row);
                return (
                  <div
                    key={index}
                    className={`grid__cell ${row ? (column.cellClass?.(row) ?? '') : ''}`}
                    role="gridcell"
                    aria-colindex={index + 2}
                    aria-selected={onSelectionChange ? selected : undefined}
                    style={{ width: columnWidth }}
                    title={row ? (column.cellTitle?.(row) ?? text) : undefined}
                    {...cursor.cellProps(position)}
                    onDoubleClick={
                      row && onEditCell && column.editable !== false
                        ? () => cursor.startEditing(position)
                        : undefined
                    }
                  >
                    {isEditing ? (
                      <CellEditor
                        initial={text}
                        label={`Edit ${column.name} in row ${row.rowNumber}`}
                        onDone={(value, end) => {
                          if (value !== null && value !== text) onEditCell?.(row, index, value);
                          cursor.editEnded(position, end);
                        }}
                      />
                    ) : row ? (
                      text
                    ) : (
                      <span className="grid__loading" />
                    )}
                  </div>
                );
              })}
              {spacer(after, 'after')}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** A cell's text box: Enter keeps, Tab keeps and moves right, Escape drops, leaving it keeps. */
function CellEditor({
  initial,
  label,
  onDone,
}: {
  initial: string;
  label: string;
  onDone(value: string | null, end: EditEnd): void;
}) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const finish = (kept: string | null, end: EditEnd) => {
    if (done.current) return;
    done.current = true;
    onDone(kept, end);
  };
  return (
    <input
      className="grid__editor"
      aria-label={label}
      autoFocus
      value={value}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        // The text box's keys are its own: arrows move the caret, not the grid's focus.
        event.stopPropagation();
        if (event.key === 'Enter') {
          event.preventDefault();
          finish(value, 'enter');
        } else if (event.key === 'Tab') {
          event.preventDefault();
          finish(value, 'tab');
        } else if (event.key === 'Escape') {
          finish(null, 'escape');
        }
      }}
      onBlur={() => finish(value, 'blur')}
    />
  );
}
