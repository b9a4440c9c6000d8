import { useState } from 'react';
import type { CellEdit } from '../../../src-shared/model/cleanup';
import type { DatasetRow } from '../../../src-shared/model/dataset';
import { Dialog } from '../../components/Dialog';
import { formatCount } from '../../components/format';

/** The most edits one step keeps (the cleanup schema's limit). */
const MAX_EDITS = 10_000;
/** Row numbers listed before "and N more". */
const LISTED = 12;

interface Props {
  /** The column's name and its index in each row's cells. */
  column: string;
  columnIndex: number;
  /** The chosen rows, by row number. */
  rows: ReadonlyMap<number, DatasetRow>;
  /** One step of hand edits, one per cell. */
  onApply(edits: CellEdit[]): void;
  onClose(): void;
}

/**
 * Sets several chosen cells of one column to one value: one step of hand edits, each kept by the
 * row's number with the file's value it replaces (never by its place in a sorted or filtered view).
 */
export function SetCellsDialog({ column, columnIndex, rows, onApply, onClose }: Props) {
  const [value, setValue] = useState('');
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  const tooMany = numbers.length > MAX_EDITS;
  const title = `Set ${formatCount(numbers.length)} cells of ${column}`;
  return (
    <Dialog title={title} open onClose={onClose}>
      <p>
        Rows {numbers.slice(0, LISTED).join(', ')}
        {numbers.length > LISTED ? ` and ${formatCount(numbers.length - LISTED)} more` : ''}.
      </p>
      <form
        className="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          if (tooMany) return;
          onApply(
            numbers.map((row) => ({ row, column, old: rows.get(row)!.cells[columnIndex] ?? '', value })),
          );
          onClose();
        }}
      >
        <label htmlFor="set-cells-value">New value</label>
        <input
          id="set-cells-value"
          autoFocus
          value={value}
          placeholder="(empty makes them blank)"
          onChange={(event) => setValue(event.target.value)}
        />
        <span />
        <button type="submit" disabled={tooMany}>
          Set {formatCount(numbers.length)} cells
        </button>
      </form>
      {tooMany && (
        <p className="form-error">
          At most {formatCount(MAX_EDITS)} cells can be set at once; {formatCount(numbers.length)} are chosen.
        </p>
      )}
      <p className="muted">
        Each cell is kept by its row number with the value it has in the file; the column&apos;s other cleanup
        steps still apply after it.
      </p>
    </Dialog>
  );
}
