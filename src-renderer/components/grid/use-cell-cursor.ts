import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import type { DatasetRow } from '../../../src-shared/model/dataset';

/** A cell by its place in the view: the row's position (not its number) and the column's index. */
export interface CellPosition {
  index: number;
  column: number;
}

/**
 * Cells chosen in one column for a bulk change, kept by row number with the row as it was read: a
 * sorted or filtered view never changes which rows they are.
 */
export interface CellSelection {
  column: number;
  rows: ReadonlyMap<number, DatasetRow>;
}

/** How an edit ended: Tab edits the next column, Enter moves down, Escape drops, blur keeps. */
export type EditEnd = 'tab' | 'enter' | 'escape' | 'blur';

interface Options {
  gridRef: RefObject<HTMLDivElement | null>;
  total: number;
  columnCount: number;
  rowAt(index: number): DatasetRow | undefined;
  /** Whether the column's cells can be edited (and chosen for a bulk change). */
  editable(column: number): boolean;
  /** False leaves the grid as plain text: no focusable cells, no keys. */
  enabled: boolean;
  selection: CellSelection | null;
  onSelectionChange?(selection: CellSelection | null): void;
  /** Scrolls a cell into the rendered window (rows and wide grids' columns are virtualised). */
  reveal(position: CellPosition): void;
}

/**
 * The spreadsheet keyboard of an editable grid: one focusable cell (arrows move it, Enter or F2
 * edits it, Escape forgets the chosen cells), Shift-click / Ctrl-click / Shift+↑↓ choose several
 * cells of one column.
 */
export function useCellCursor({
  gridRef,
  total,
  columnCount,
  rowAt,
  editable,
  enabled,
  selection,
  onSelectionChange,
  reveal,
}: Options) {
  const [active, setActive] = useState<CellPosition | null>(null);
  const [editing, setEditing] = useState<CellPosition | null>(null);
  // Where a Shift range starts: the last cell clicked or moved to without Shift.
  const anchor = useRef<CellPosition | null>(null);
  // Set by keys (not clicks): the active cell takes the focus once it is rendered.
  const focusWanted = useRef(false);

  useEffect(() => {
    if (!focusWanted.current || !active || editing) return;
    const cell = gridRef.current?.querySelector<HTMLElement>(
      `[data-cell="${active.index}:${active.column}"]`,
    );
    if (!cell) return;
    focusWanted.current = false;
    cell.focus();
  });

  const moveTo = (position: CellPosition) => {
    focusWanted.current = true;
    setActive(position);
    reveal(position);
  };

  /** The loaded rows from one position to another, by row number. */
  const rowsBetween = (from: number, to: number) => {
    const rows = new Map<number, DatasetRow>();
    for (let index = Math.min(from, to); index <= Math.max(from, to); index++) {
      const row = rowAt(index);
      if (row) rows.set(row.rowNumber, row);
    }
    return rows;
  };

  const choose = (next: CellSelection | null) => {
    if (next === null && selection === null) return;
    onSelectionChange?.(next);
  };

  const startEditing = (position: CellPosition) => {
    if (!rowAt(position.index) || !editable(position.column)) return;
    setActive(position);
    setEditing(position);
  };

  /** After an edit: Tab edits the next editable column, Enter moves down; keys give the focus back. */
  const editEnded = (position: CellPosition, end: EditEnd) => {
    setEditing(null);
    if (end === 'blur') return;
    if (end === 'tab') {
      for (let column = position.column + 1; column < columnCount; column++)
        if (editable(column)) return startEditing({ index: position.index, column });
    }
    moveTo(end === 'enter' ? { ...position, index: Math.min(position.index + 1, total - 1) } : position);
  };

  const onClick = (position: CellPosition, event: MouseEvent) => {
    const from = anchor.current;
    const selectable = onSelectionChange !== undefined && editable(position.column);
    if (event.shiftKey && selectable && from?.column === position.column) {
      // A Shift-click selects text too; the cells are what was meant.
      window.getSelection()?.removeAllRanges();
      choose({ column: position.column, rows: rowsBetween(from.index, position.index) });
    } else if ((event.ctrlKey || event.metaKey) && selectable) {
      const base =
        selection?.column === position.column
          ? selection.rows
          : from?.column === position.column
            ? rowsBetween(from.index, from.index)
            : new Map<number, DatasetRow>();
      const rows = new Map(base);
      const row = rowAt(position.index);
      if (row) {
        if (rows.has(row.rowNumber)) rows.delete(row.rowNumber);
        else rows.set(row.rowNumber, row);
      }
      anchor.current = position;
      choose({ column: position.column, rows });
    } else {
      anchor.current = position;
      choose(null);
    }
    setActive(position);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!enabled || !active || editing) return;
    const { index, column } = active;
    const step: Partial<Record<string, CellPosition>> = {
      ArrowUp: { index: Math.max(index - 1, 0), column },
      ArrowDown: { index: Math.min(index + 1, total - 1), column },
      ArrowLeft: { index, column: Math.max(column - 1, 0) },
      ArrowRight: { index, column: Math.min(column + 1, columnCount - 1) },
    };
    const next = step[event.key];
    if (next) {
      event.preventDefault();
      const vertical = event.key === 'ArrowUp' || event.key === 'ArrowDown';
      if (event.shiftKey && vertical && onSelectionChange && editable(column)) {
        anchor.current ??= active;
        choose({ column, rows: rowsBetween(anchor.current.index, next.index) });
      } else {
        anchor.current = next;
        choose(null);
      }
      moveTo(next);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      startEditing(active);
    } else if (event.key === 'Escape' && selection) {
      event.preventDefault();
      choose(null);
    }
  };

  /** What a rendered cell needs: focusability (one cell in the tab order), its place, its handlers. */
  const cellProps = (position: CellPosition) => {
    if (!enabled) return {};
    const current = active ?? { index: 0, column: 0 };
    return {
      'data-cell': `${position.index}:${position.column}`,
      tabIndex: current.index === position.index && current.column === position.column ? 0 : -1,
      onFocus: () => {
        if (active?.index !== position.index || active.column !== position.column) setActive(position);
      },
      onClick: (event: MouseEvent) => onClick(position, event),
    };
  };

  return { editing, startEditing, editEnded, onKeyDown, cellProps };
}

/** Whether the row is among the chosen cells of `column` (two or more: one cell is just the focus). */
export function isSelected(selection: CellSelection | null, column: number, row: DatasetRow): boolean {
  return (
    selection !== null &&
    selection.column === column &&
    selection.rows.size > 1 &&
    selection.rows.has(row.rowNumber)
  );
}
