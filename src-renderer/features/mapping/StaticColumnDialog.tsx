import { Fragment, useState } from 'react';
import { COLUMN_TYPES, COLUMN_TYPE_LABELS, type ColumnType } from '../../../src-shared/model/column-type';
import {
  STATIC_PLACEHOLDERS,
  fillPlaceholders,
  hasPlaceholders,
  runValuesAt,
  staticProblem,
} from '../../../src-shared/mapping/static-placeholders';
import type { ImportOptions, StaticColumn } from '../../../src-shared/model/mapping';
import { Dialog } from '../../components/Dialog';
import type { Draft } from '../../stores/drafts.store';
import { fileNameOfDraft } from './draft-file-name';

interface Props {
  open: boolean;
  suggestion: StaticColumn;
  taken: string[];
  options: ImportOptions;
  /** The draft's source, for the `{file_name}` a run of it would fill in. */
  draft: Pick<Draft, 'source' | 'described'>;
  onAdd(column: StaticColumn): void;
  onClose(): void;
}

/**
 * Adds a column with one value for every row; suggests `source = Import_<name>_{run_date}` as the
 * seed advises. Placeholders are filled at each run: the dialog shows what a run now would import.
 */
export function StaticColumnDialog({ open, suggestion, taken, options, draft, onAdd, onClose }: Props) {
  const fileName = fileNameOfDraft(draft);
  const [name, setName] = useState(suggestion.name);
  const [value, setValue] = useState(suggestion.value);
  const [type, setType] = useState<ColumnType>(suggestion.type);
  const now = runValuesAt(new Date(), fileName);
  const filled = fillPlaceholders(value, now);
  const problem = !name.trim()
    ? 'Enter a name.'
    : taken.includes(name.trim())
      ? `"${name.trim()}" is already an attribute of this import.`
      : staticProblem({ name: name.trim(), value, type }, options, now);
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
      <p className="muted" data-testid="static-placeholders">
        Filled at each run:
        {STATIC_PLACEHOLDERS.map((placeholder) => (
          <Fragment key={placeholder}>
            {' '}
            <button
              type="button"
              className="link"
              title={`Add {${placeholder}} to the value`}
              onClick={() => setValue((current) => `${current}{${placeholder}}`)}
            >
              {`{${placeholder}}`}
            </button>
          </Fragment>
        ))}
        . Write {'{{'}name{'}}'} for braces as text.
      </p>
      {hasPlaceholders(value) && filled.ok && (
        <p data-testid="static-preview">
          A run now imports <code>{filled.value || '(blank)'}</code>
          {!fileName && value.includes('{file_name}') && (
            <span className="muted"> (this source has no file name)</span>
          )}
        </p>
      )}
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
