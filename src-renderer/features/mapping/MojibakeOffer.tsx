import type { ColumnProfile } from '../../../src-shared/mapping/column-profile';
import { formatCount } from '../../components/format';

interface Props {
  column: string;
  found: NonNullable<ColumnProfile['mojibake']>;
  repairing: boolean;
  onRepair(repair: boolean): void;
}

/**
 * The mojibake doctor's offer under a column: how many values look like UTF-8 read as
 * Windows-1252, with a before → after example, and a button to repair them in this import (a
 * mapping step, so undoable and saved with the import). Never applied unasked.
 */
export function MojibakeOffer({ column, found, repairing, onRepair }: Props) {
  const [example] = found.examples;
  const count = `${formatCount(found.count)} value${found.count === 1 ? '' : 's'}`;
  if (repairing) {
    return (
      <label
        className="mojibake mojibake--on"
        title={example ? `${example.before} → ${example.after}` : undefined}
      >
        <input
          type="checkbox"
          checked
          data-control="repairMojibake"
          onChange={(event) => onRepair(event.target.checked)}
        />
        garbled text repaired ({count})
      </label>
    );
  }
  return (
    <div className="mojibake" role="note" data-testid={`mojibake-${column}`}>
      <span>
        {count} look garbled (UTF-8 read as Windows-1252)
        {example && (
          <>
            : <q>{example.before}</q> → <q>{example.after}</q>
          </>
        )}
      </span>
      <button type="button" className="link" onClick={() => onRepair(true)}>
        Repair them
      </button>
    </div>
  );
}
