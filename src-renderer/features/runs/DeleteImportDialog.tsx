import { InlineDialog } from '../../components/InlineDialog';
import { useDialogAction } from '../../components/use-dialog-action';
import { useState } from 'react';
import { DELETED_IMPORT_DATA_DAYS, type ImportOverview } from '../../../src-shared/model/run';

interface Props {
  target: ImportOverview;
  onDelete(data: 'keep' | 'expire'): Promise<void>;
  onClose(): void;
}

/** Asks what happens to an import's data before deleting the import. */
export function DeleteImportDialog({ target, onDelete, onClose }: Props) {
  const [data, setData] = useState<'keep' | 'expire'>('keep');
  const { busy, error, run } = useDialogAction(onClose);
  const submit = () => run(() => onDelete(data));
  return (
    <InlineDialog
      onClose={onClose}
      label={`Delete ${target.name}`}
      title={<>Delete “{target.name}”?</>}
      error={error}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => void submit()}>
            Delete import
          </button>
        </>
      }
    >
      <p>The import and its remembered files are forgotten; its run history stays. Its data:</p>
      <label className="choice">
        <input type="radio" name="data" checked={data === 'keep'} onChange={() => setData('keep')} />
        Keep the imported data
      </label>
      <label className="choice">
        <input type="radio" name="data" checked={data === 'expire'} onChange={() => setData('expire')} />
        Expire the imported data in {DELETED_IMPORT_DATA_DAYS} days
      </label>
    </InlineDialog>
  );
}
