import type { Dataset, DatasetProgress } from '../../../src-shared/model/dataset';
import { formatCount, formatSize } from '../../components/format';

interface Props {
  dataset: Dataset | null;
  progress: DatasetProgress | null;
  onCancel(): void;
}

/** The loading bar while the whole source is read into the workspace, then its totals. */
export function StagingProgress({ dataset, progress, onCancel }: Props) {
  if (!dataset) return null;
  const status = progress?.status ?? dataset.status;
  const bytesRead = progress?.bytesRead ?? dataset.bytesRead;
  const rows = progress?.rowCount ?? dataset.rowCount;
  const total = dataset.bytesTotal;
  // A query's size is unknown until it has been read: the bar then shows activity, not a fraction.
  const fraction = total !== null && total > 0 ? Math.min(1, bytesRead / total) : undefined;
  if (status === 'ready') {
    return (
      <p className="staging staging--done" data-testid="staging-status" data-status="ready">
        Loaded {formatCount(dataset.rowCount)} rows ({formatSize(total ?? dataset.bytesRead)})
      </p>
    );
  }
  if (status !== 'staging') {
    return (
      <p className="staging staging--failed" role="alert" data-testid="staging-status" data-status={status}>
        {status === 'cancelled'
          ? 'Loading was cancelled.'
          : `Loading failed: ${dataset.error?.message ?? 'unknown error'}`}
      </p>
    );
  }
  return (
    <div className="staging" data-testid="staging-status" data-status="staging">
      <progress max={1} value={fraction} aria-label="Loading" />
      <span>
        Loading… {formatCount(rows)} rows, {formatSize(bytesRead)}
        {total !== null ? ` of ${formatSize(total)}` : ''}
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
