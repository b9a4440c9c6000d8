import { useState } from 'react';
import { COLUMN_TYPES, COLUMN_TYPE_LABELS, type ColumnType } from '../../../src-shared/model/column-type';
import { valueOptionsFor } from '../../../src-shared/mapping/column-check';
import type { ImportOptions, StaticColumn } from '../../../src-shared/model/mapping';
import { parseValue } from '../../../src-shared/values/parse-value';
import { Dialog } from '../../components/Dialog';

interface Props {
  open: boolean;
  suggestion: StaticColumn;
  taken: string[];
  options: ImportOptions;
  onAdd(column: StaticColumn): void;
  onClose(): void;
}

/** Adds a column with one value for every row; suggests `source = Import_<name>_<date>` as the seed advises. */
export function StaticColumnDialog({ open, suggestion, taken, options, onAdd, onClose }: Props) {
  const [name, setName] = useState(suggestion.name);
  const [value, setValue] = useState(suggestion.value);
  const [type, setType] = useState<ColumnType>(suggestion.type);
  const parsed = parseValue(type, value, valueOptionsFor(type, options.timeZone, options));
  const problem = !name.trim()
    ? 'Enter a name.'
    : taken.includes(name.trim())
      ? `"${name.trim()}" is already an attribute of this import.`
      : !parsed.ok
        ? parsed.reason
        : null;
  return (
    <Dialog title="Add a static column" open={open} onClose={onClose}>
      <div className="form-grid">
        <label htmlFor="static-name">Name</label>
        <input id="static-name" value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor="static-value">Value for every row</label>
        <input id="static-value" value={value} onChange={(event) => setValue(event.target.value)} />
        <label htmlFor="static-type">Type</label>
        <select id="static-type" value={type} onChange={(event) => setType(event.target.value as ColumnType)}>
          {COLUMN_TYPES.map((option) => (
            <option key={option} value={option}>
              {COLUMN_TYPE_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      {problem && <p className="form-error">{problem}</p>}
      <button
        type="button"
        disabled={problem !== null}
        onClick={() => {
          onAdd({ name: name.trim(), value, type });
          onClose();
        }}
      >
        Add column
      </button>
    </Dialog>
  );
}
