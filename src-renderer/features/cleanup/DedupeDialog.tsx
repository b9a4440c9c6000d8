import { useState } from 'react';
import type { CleanupStep } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { Dialog } from '../../components/Dialog';

interface Props {
  mapping: ImportMapping;
  onApply(step: CleanupStep): void;
  onClose(): void;
}

/**
 * Removes rows whose key columns hold the same values (as they will import) as another row's,
 * keeping the first or the last; the validation bar then counts the rows removed.
 */
export function DedupeDialog({ mapping, onApply, onClose }: Props) {
  const [columns, setColumns] = useState<string[]>([]);
  const [keep, setKeep] = useState<'first' | 'last'>('first');
  return (
    <Dialog title="Remove duplicate rows" open onClose={onClose}>
      <p>Rows are duplicates when these columns all hold the same values:</p>
      <div className="dedupe-columns" role="group" aria-label="Key columns">
        {mapping.columns.map((column) => (
          <label key={column.source} className="dialect-bar__check">
            <input
              type="checkbox"
              checked={columns.includes(column.source)}
              onChange={(event) =>
                setColumns(
                  event.target.checked
                    ? [...columns, column.source]
                    : columns.filter((other) => other !== column.source),
                )
              }
            />
            {column.source}
          </label>
        ))}
      </div>
      <label>
        Keep{' '}
        <select value={keep} onChange={(event) => setKeep(event.target.value as 'first' | 'last')}>
          <option value="first">the first row</option>
          <option value="last">the last row</option>
        </select>
      </label>
      <p className="muted">Rows blank in every key column are kept.</p>
      <button
        type="button"
        disabled={columns.length === 0}
        onClick={() => {
          onApply({ kind: 'dedupe', columns, keep });
          onClose();
        }}
      >
        Remove duplicates
      </button>
    </Dialog>
  );
}
