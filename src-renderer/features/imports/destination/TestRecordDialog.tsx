import { useState } from 'react';
import type { ImportOverview } from '../../../../src-shared/model/run';
import { InlineDialog } from '../../../components/InlineDialog';
import { useDialogAction } from '../../../components/use-dialog-action';
import { testRecord } from '../../../stores/runs.store';

/**
 * "Test a record": sends one chosen row of the import's source to its platform, alone and whether
 * or not it changed, and opens the run, which shows the platform's raw answer.
 */
export function TestRecordDialog({ entry, onClose }: { entry: ImportOverview; onClose(): void }) {
  const [row, setRow] = useState('2');
  const { busy, error, run } = useDialogAction(onClose);
  const rowNumber = Number(row);
  const valid = Number.isInteger(rowNumber) && rowNumber >= 2;
  const send = () => run(() => testRecord(entry.id, rowNumber));

  return (
    <InlineDialog
      onClose={onClose}
      label="Test a record"
      title={<>Send one record of “{entry.name}”</>}
      error={
        error ?? (valid ? null : 'A row number of the source: the header is row 1, the first record row 2.')
      }
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy || !valid} onClick={() => void send()}>
            Send this record
          </button>
        </>
      }
    >
      <label>
        Row number{' '}
        <input
          aria-label="Row number"
          inputMode="numeric"
          value={row}
          onChange={(event) => setRow(event.target.value.trim())}
        />
      </label>
      <p className="muted">
        The row is read, cleaned and hashed as a run would, then sent alone — even if the platform already has
        it — and the run shows the platform’s answer exactly as it came back. Nothing else is sent.
      </p>
    </InlineDialog>
  );
}
